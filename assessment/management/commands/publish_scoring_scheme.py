"""Publish the official Sustainability Model scoring sheet as a new scheme version, from a CSV with the columns
factor, level, weight, source (one row per factor and level; docs/assessment.md shows an example)."""

from pathlib import Path

from django.core.management.base import BaseCommand

from assessment.publishing import publish_weights, read_sheet
from common.sheets import publish_from_file


class Command(BaseCommand):
    help = "Publish a new scoring scheme version with the weights of a scoring sheet (CSV), each with its citation."

    def add_arguments(self, parser):
        parser.add_argument("sheet", type=Path, help="CSV with the columns factor, level, weight, source")
        parser.add_argument("--scheme-version", dest="scheme_version", required=True, help="the new version's name")
        parser.add_argument("--notes", default="", help="what this version changes, shown to platform staff")

    def handle(self, sheet, scheme_version, notes, **options):
        rows, scheme = publish_from_file(sheet, read_sheet, publish_weights, scheme_version, notes)
        self.stdout.write(f"Published {scheme} with {len(rows)} verified weights; new assessments use it.")
