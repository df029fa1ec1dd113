"""Load the NHS organisation reference list (ODS) from a downloaded CSV or ZIP, and optionally its successors."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from organisations import ods_reference


class Command(BaseCommand):
    help = "Load an ODS publication (CSV or ZIP, for example etr.csv) and optionally the successor file (succ.csv)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="the downloaded publication: a CSV file or a ZIP holding one")
        parser.add_argument("--successors", help="the successor organisations file (succ.csv or its ZIP)")

    def handle(self, *args, path, successors=None, **options):
        for given in filter(None, [path, successors]):
            if not Path(given).is_file():
                raise CommandError(f"No such file: {given}")
        loaded = ods_reference.load(path, source=Path(path).name)
        self.stdout.write(f"{loaded.added} added, {loaded.updated} updated, {loaded.skipped} rows skipped")
        if successors:
            self.stdout.write(f"{ods_reference.load_successors(successors)} successors recorded")
