"""Publish the official Sustainability Model scoring sheet as a new scheme version, from a CSV with the columns
factor, level, weight, source (one row per factor and level; docs/assessment.md shows an example)."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from assessment.publishing import publish_weights, read_sheet


class Command(BaseCommand):
    help = "Publish a new scoring scheme version with the weights of a scoring sheet (CSV), each with its citation."

    def add_arguments(self, parser):
        parser.add_argument("sheet", type=Path, help="CSV with the columns factor, level, weight, source")
        parser.add_argument("--scheme-version", dest="scheme_version", required=True, help="the new version's name")
        parser.add_argument("--notes", default="", help="what this version changes, shown to platform staff")

    def handle(self, sheet, scheme_version, notes, **options):
        try:
            with sheet.open(newline="", encoding="utf-8-sig") as lines:
                rows = read_sheet(lines)
            scheme = publish_weights(rows, scheme_version, notes)
        except OSError as error:
            raise CommandError(f"Cannot read {sheet}: {error.strerror}") from error
        except ValidationError as error:
            raise CommandError("Nothing was published.\n" + "\n".join(error.messages)) from error
        self.stdout.write(f"Published {scheme} with {len(rows)} verified weights; new assessments use it.")
