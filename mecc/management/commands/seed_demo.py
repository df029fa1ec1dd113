"""Load the demo data: every app's demo steps (common.demo), in order, in one transaction.

Each app contributes its steps in its own `demo.py`; this command, on the top floor, is the only code that loads
them all. Idempotent: running it again changes nothing that is already there.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.module_loading import autodiscover_modules

from common.demo import DemoContext, steps
from organisations.demo import DEMO_PASSWORD, logins


class Command(BaseCommand):
    help = "Load demo organisations, people (one per role), contracts and each app's demo data. Safe to run again."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            # It creates a superuser with a published password: never in a database that serves real people (L12).
            raise CommandError("seed_demo loads demo sign-ins with a published password; it runs only with DEBUG=true.")
        autodiscover_modules("demo")
        context = DemoContext(say=self.stdout.write)
        with transaction.atomic():
            for step in steps():
                step(context)
        self.stdout.write(self.style.SUCCESS("Demo data is ready. Sign in at http://127.0.0.1:8000/ with:"))
        for email, what in logins():
            self.stdout.write(f"  {email:32} {what}")
        self.stdout.write(f"Every demo password is: {DEMO_PASSWORD}")
