"""Publish the official quality marker checklist for training resources as a new version, from a CSV with the
columns section, marker, indicators, source (one row per marker, in the checklist's order; see docs/training.md)."""

from pathlib import Path

from django.core.management.base import BaseCommand

from common.sheets import publish_from_file
from training.checklists import publish, read_sheet


class Command(BaseCommand):
    help = "Publish a new version of the training quality marker checklist from a CSV, each marker with its citation."

    def add_arguments(self, parser):
        parser.add_argument("sheet", type=Path, help="CSV with the columns section, marker, indicators, source")
        parser.add_argument("--checklist-version", dest="checklist_version", required=True, help="the new version")
        parser.add_argument("--notes", default="", help="what this version is, shown to platform staff")

    def handle(self, sheet, checklist_version, notes, **options):
        _, checklist = publish_from_file(sheet, read_sheet, publish, checklist_version, notes)
        self.stdout.write(
            f"Published quality marker checklist {checklist.version}: {len(checklist.sections)} sections, "
            f"{len(checklist.markers)} markers. New evaluations use it."
        )
