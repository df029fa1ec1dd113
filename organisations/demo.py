"""Demo organisations: an ICB commissioner, three providers with teams, one sign-in per role, accepted contracts.

The first demo step (common.demo); the other apps add theirs. Idempotent: running it again changes nothing.
"""

import datetime

from allauth.account.models import EmailAddress

from common.demo import DemoContext, demo_step
from organisations.models import CommissioningContract, Membership, Organisation, StaffMember, Team, User
from organisations.roles import Role

DEMO_PASSWORD = "mecc-demo-2026"
PLATFORM_ADMIN = "platform@mecc.example"

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


DEMO_ORGANISATIONS_ORDER = 10


@demo_step(DEMO_ORGANISATIONS_ORDER)
def seed_organisations(context: DemoContext) -> None:
    context.organisations.update({spec["slug"]: _organisation(spec) for spec in ORGANISATIONS})
    for email, name, slug, role, team_name in USERS:
        context.users[email] = _member(email, name, context.organisations[slug], role, team_name)
    context.users[PLATFORM_ADMIN] = _user(PLATFORM_ADMIN, "Pat Platform", is_staff=True, is_superuser=True)
    commissioner = context.organisations["midshire-icb"]
    for reference, provider_slug in CONTRACTS:
        CommissioningContract.objects.get_or_create(
            commissioner=commissioner,
            provider=context.organisations[provider_slug],
            reference=reference,
            defaults={
                "start_date": datetime.date(2026, 4, 1),
                "end_date": datetime.date(2029, 3, 31),
                "status": CommissioningContract.Status.ACCEPTED,
            },
        )


# The hospitals' staff roster, as an ESR export would give it: all 8,600 staff, six in ten frontline, spread over the
# teams (the demo's frontline sign-in among them, linked by email). The community trust states its teams'
# establishment instead, so both ways of giving coverage a denominator are shown; the council has neither, so its
# coverage reads "no staff figure".
ROSTER_SIZE = 8600
ESTABLISHMENTS = {"District nursing": 140, "Health visiting": 90, "Podiatry": 25}


@demo_step(DEMO_ORGANISATIONS_ORDER + 1)
def seed_roster(context: DemoContext) -> None:
    hospitals = context.organisations["midshire-hospitals"]
    if StaffMember.objects.for_organisation(hospitals).exists():
        return
    teams = list(Team.objects.for_organisation(hospitals).order_by("name"))
    by_name = {team.name: team for team in teams}

    def team_of(n, team_name):
        return by_name[team_name] if team_name else (teams[n % len(teams)] if n % 5 else None)

    frankie = ("Frankie Frontline", "frontline@hospitals.example", "Emergency department")
    people = [
        StaffMember(
            organisation=hospitals,
            staff_number=str(20260000 + n),
            name=name,
            email=email,
            team=team_of(n, team_name),
            frontline=n == 0 or n % 10 < 6,
            started_on=datetime.date(2015 + n % 10, 1 + n % 12, 1),
        )
        for n, (name, email, team_name) in enumerate(
            [frankie] + [(f"Staff member {n}", f"staff{n}@hospitals.example", None) for n in range(1, ROSTER_SIZE)]
        )
    ]
    StaffMember.objects.bulk_create(people, batch_size=2000)
    community = context.organisations["midshire-community"]
    for name, headcount in ESTABLISHMENTS.items():
        Team.objects.filter(organisation=community, name=name, establishment__isnull=True).update(
            establishment=headcount
        )


def _organisation(spec):
    organisation, _ = Organisation.objects.get_or_create(
        slug=spec["slug"],
        defaults={k: spec[k] for k in ("name", "kind", "region", "staff_headcount")},
    )
    for team_name in spec["teams"]:
        Team.objects.get_or_create(organisation=organisation, name=team_name)
    return organisation


def _user(email, name, **flags):
    user, created = User.objects.get_or_create(email=email, defaults={"full_name": name, **flags})
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    return user


def _member(email, name, organisation, role, team_name):
    user = _user(email, name)
    team = Team.objects.for_organisation(organisation).get(name=team_name) if team_name else None
    Membership.objects.get_or_create(user=user, organisation=organisation, defaults={"role": role, "team": team})
    return user


def logins() -> list[tuple[str, str]]:
    """(email, what the sign-in is) for each demo sign-in, in the order people meet them."""
    seen, rows = set(), []
    for email, _, slug, role, _ in USERS:
        if email not in seen:
            seen.add(email)
            rows.append((email, f"{Role(role).label} ({slug})"))
    return [*rows, (PLATFORM_ADMIN, "Platform staff (Django admin at /admin/)")]
