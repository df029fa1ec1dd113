"""Load demo data: an ICB commissioner, three providers with teams, one sign-in per role, accepted contracts.

Idempotent: running it again changes nothing that is already there. Later features add their demo data here.
"""

import datetime

from allauth.account.models import EmailAddress
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from organisations.models import CommissioningContract, Membership, Organisation, Team, User
from organisations.roles import Role

DEMO_PASSWORD = "mecc-demo-2026"

ORGANISATIONS = [
    {
        "slug": "midshire-icb",
        "name": "NHS Midshire Integrated Care Board (demo)",
        "kind": Organisation.Kind.ICB,
        "region": Organisation.Region.MIDLANDS,
        "staff_headcount": 420,
        "teams": ["Prevention and population health", "Contracting"],
    },
    {
        "slug": "midshire-hospitals",
        "name": "Midshire Hospitals NHS Foundation Trust (demo)",
        "kind": Organisation.Kind.NHS_TRUST,
        "region": Organisation.Region.MIDLANDS,
        "staff_headcount": 8600,
        "teams": ["Emergency department", "Maternity", "Outpatient physiotherapy", "Cardiology ward", "Pharmacy"],
    },
    {
        "slug": "midshire-community",
        "name": "Midshire Community Health NHS Trust (demo)",
        "kind": Organisation.Kind.NHS_TRUST,
        "region": Organisation.Region.MIDLANDS,
        "staff_headcount": 3100,
        "teams": ["District nursing", "Health visiting", "Podiatry", "Community mental health"],
    },
    {
        "slug": "midshire-council",
        "name": "Midshire County Council (demo)",
        "kind": Organisation.Kind.LOCAL_AUTHORITY,
        "region": Organisation.Region.MIDLANDS,
        "staff_headcount": 5200,
        "teams": ["Housing options", "Adult social care", "Libraries", "Leisure services"],
    },
]

# (email, full name, organisation slug, role, team name or None)
USERS = [
    ("admin@hospitals.example", "Amira Admin", "midshire-hospitals", Role.ORG_ADMIN, None),
    ("lead@hospitals.example", "Lee Lead", "midshire-hospitals", Role.IMPLEMENTATION_LEAD, None),
    ("manager@hospitals.example", "Mo Manager", "midshire-hospitals", Role.TEAM_MANAGER, "Emergency department"),
    ("frontline@hospitals.example", "Frankie Frontline", "midshire-hospitals", Role.FRONTLINE, "Emergency department"),
    ("trainer@hospitals.example", "Tess Trainer", "midshire-hospitals", Role.TRAINER, None),
    ("board@hospitals.example", "Bola Board", "midshire-hospitals", Role.BOARD_MEMBER, None),
    ("commissioner@icb.example", "Cal Commissioner", "midshire-icb", Role.COMMISSIONER, "Contracting"),
    ("admin@icb.example", "Indy Admin", "midshire-icb", Role.ORG_ADMIN, None),
    ("admin@community.example", "Casey Admin", "midshire-community", Role.ORG_ADMIN, None),
    ("admin@council.example", "Col Admin", "midshire-council", Role.ORG_ADMIN, None),
    # The same person leads MECC in two organisations, to show the organisation switcher.
    ("lead@hospitals.example", "Lee Lead", "midshire-community", Role.IMPLEMENTATION_LEAD, None),
]

CONTRACTS = [
    ("MECC-2026-001", "midshire-hospitals"),
    ("MECC-2026-002", "midshire-community"),
    ("MECC-2026-003", "midshire-council"),
]


class Command(BaseCommand):
    help = "Load demo organisations, teams, users (one per role) and accepted contracts. Safe to run again."

    @transaction.atomic
    def handle(self, *args, **options):
        organisations = {spec["slug"]: self._organisation(spec) for spec in ORGANISATIONS}
        for email, name, slug, role, team_name in USERS:
            self._member(email, name, organisations[slug], role, team_name)
        self._platform_admin()
        commissioner = organisations["midshire-icb"]
        for reference, provider_slug in CONTRACTS:
            CommissioningContract.objects.get_or_create(
                commissioner=commissioner,
                provider=organisations[provider_slug],
                reference=reference,
                defaults={
                    "start_date": datetime.date(2026, 4, 1),
                    "end_date": datetime.date(2029, 3, 31),
                    "status": CommissioningContract.Status.ACCEPTED,
                },
            )
        from implementation.services import create_checklist

        for organisation in organisations.values():
            create_checklist(organisation)  # a no-op for organisations created after the checklist existed
        self._seed_contact_log(organisations)
        self._seed_assessments(organisations)
        from implementation.demo import seed_implementation

        hospitals = organisations["midshire-hospitals"]
        seed_implementation(hospitals, User.objects.get(email="lead@hospitals.example"))
        from training.demo import seed_training

        seed_training(hospitals, User.objects.get(email="trainer@hospitals.example"))
        from evaluation.sc8_services import take_snapshots

        take_snapshots()  # this quarter's SC8 position for the demo ICB's providers (replaced if run again)
        self._seed_report(hospitals)
        self._print_logins()

    def _seed_report(self, hospitals):
        """Last quarter's board report for the demo trust, once (built in-process without Redis: a few seconds)."""
        from evaluation import periods, reports
        from evaluation.models import EvaluationReport

        if not EvaluationReport.objects.filter(organisation=hospitals).exists():
            reports.request_report(
                organisation=hospitals,
                requested_by=User.objects.get(email="lead@hospitals.example"),
                period=periods.previous_quarter(timezone.localdate()),
            )

    def _seed_assessments(self, organisations):
        from assessment import demo

        for slug in demo.PLANS:
            lead = Membership.objects.for_organisation(organisations[slug]).order_by("pk").first().user
            demo.seed_assessments(organisations[slug], lead)

    def _seed_contact_log(self, organisations):
        from evaluation import demo

        for slug in ("midshire-hospitals", "midshire-community", "midshire-council"):
            services = demo.seed_directory(organisations[slug])
            added = demo.seed_conversations(organisations[slug], services)
            if added:
                self.stdout.write(f"  {added:,} demo conversations for {organisations[slug].name}")

    def _organisation(self, spec):
        organisation, _ = Organisation.objects.get_or_create(
            slug=spec["slug"],
            defaults={k: spec[k] for k in ("name", "kind", "region", "staff_headcount")},
        )
        for team_name in spec["teams"]:
            Team.objects.get_or_create(organisation=organisation, name=team_name)
        return organisation

    def _user(self, email, name, **flags):
        user, created = User.objects.get_or_create(email=email, defaults={"full_name": name, **flags})
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
        return user

    def _member(self, email, name, organisation, role, team_name):
        user = self._user(email, name)
        team = Team.objects.for_organisation(organisation).get(name=team_name) if team_name else None
        Membership.objects.get_or_create(user=user, organisation=organisation, defaults={"role": role, "team": team})

    def _platform_admin(self):
        self._user("platform@mecc.example", "Pat Platform", is_staff=True, is_superuser=True)

    def _print_logins(self):
        self.stdout.write(self.style.SUCCESS("Demo data is ready. Sign in at http://127.0.0.1:8000/ with:"))
        seen = set()
        for email, _, slug, role, _ in USERS:
            if email in seen:
                continue
            seen.add(email)
            self.stdout.write(f"  {email:32} {Role(role).label} ({slug})")
        self.stdout.write(f"  {'platform@mecc.example':32} Platform staff (Django admin at /admin/)")
        self.stdout.write(f"Every demo password is: {DEMO_PASSWORD}")
