"""Recompute the daily aggregate rows from the raw conversations, then check that they agree."""

from django.core.management.base import BaseCommand, CommandError

from contacts import aggregates
from organisations.models import Organisation


class Command(BaseCommand):
    help = "Rebuild the conversation aggregates (all organisations, or one with --organisation SLUG) and check them."

    def add_arguments(self, parser):
        parser.add_argument("--organisation", help="slug of one organisation")
        parser.add_argument("--check-only", action="store_true", help="report disagreements without rebuilding")

    def handle(self, *args, organisation=None, check_only=False, **options):
        org = Organisation.objects.get(slug=organisation) if organisation else None
        if not check_only:
            rows = aggregates.rebuild(org)
            self.stdout.write(f"Rebuilt {rows:,} aggregate rows.")
        drift = aggregates.disagreements(org)
        if drift:
            raise CommandError(f"{len(drift)} aggregate keys disagree with the raw conversations")
        self.stdout.write(self.style.SUCCESS("Aggregates agree with the raw conversations."))
