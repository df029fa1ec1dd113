"""Demo data for the contact log: a realistic signposting directory and about a year of conversations.

Used by manage.py seed_demo. All names are fictional; phone numbers are from Ofcom's drama range (01632 960xxx).
"""

import datetime
import random

from django.utils import timezone

from common.demo import DemoContext, demo_step
from contacts import aggregates, content
from contacts.models import Conversation, Service
from organisations.models import Membership, Team

DIRECTORY = [
    # name, topics, determinants, access, description, shared
    ("Midshire Stop Smoking Service", ["smoking"], [], "both", "Free 12-week support with stop smoking aids.", True),
    ("Healthy Minds Talking Therapies", ["mental_wellbeing"], [], "self", "Talking therapies for anxiety, low mood "
     "and stress.", True),
    ("Alcohol Advice Midshire", ["alcohol"], [], "both", "Advice and structured support to cut down.", True),
    ("Active Midshire", ["activity", "weight"], ["loneliness"], "self", "Walking groups, swimming and gentle "
     "exercise classes.", True),
    ("Healthy Weight Programme", ["weight", "diet"], [], "professional", "12-week group programme with a dietitian.",
     False),
    ("Citizens Advice Midshire", [], ["money", "employment", "housing", "cost_of_living"], "self", "Free advice on "
     "benefits, debt, work and housing.", True),
    ("Midshire Housing Options", [], ["housing"], "self", "Help if you are homeless or at risk of losing your home.",
     False),
    ("Sexual Health Midshire", ["sexual_health"], [], "self", "Testing, contraception and advice.", True),
    ("Midshire Carers Centre", ["mental_wellbeing"], ["caring", "loneliness"], "self", "Support and breaks for "
     "unpaid carers.", False),
    ("Community Connectors", ["mental_wellbeing"], ["loneliness", "education"], "both", "Social prescribing link "
     "workers.", True),
]  # fmt: skip

TOPIC_WEIGHTS = {"smoking": 22, "alcohol": 14, "diet": 14, "weight": 14, "activity": 18, "mental_wellbeing": 16,
                 "sexual_health": 3, "immunisation": 4, "other_health": 3}  # fmt: skip
DETERMINANT_WEIGHTS = {"housing": 5, "money": 6, "employment": 3, "education": 1, "loneliness": 5,
                       "cost_of_living": 4, "caring": 2, "other_determinant": 1}  # fmt: skip
OUTCOME_WEIGHTS = {"information": 48, "signposted": 30, "referred": 10, "listened": 9, "declined": 5}
PER_DAY = {"midshire-hospitals": 14, "midshire-community": 8, "midshire-council": 6}


def seed_directory(organisation) -> list[Service]:
    services = []
    for name, topics, determinants, access, description, shared in DIRECTORY:
        service, _ = Service.objects.get_or_create(
            organisation=organisation,
            name=name,
            defaults={
                "topics": content.to_mask(content.TOPICS, topics),
                "determinants": content.to_mask(content.DETERMINANTS, determinants),
                "access": access,
                "description": description,
                "area_served": "Midshire",
                "phone": f"01632 960{len(services):03d}",
                "website": f"https://{name.lower().replace(' ', '-')}.example.org",
                "opening_times": "Monday to Friday, 9am to 5pm",
                "shared": shared,
            },
        )
        services.append(service)
    return services


def _pick(rng, weights, most=2):
    codes = list(weights)
    chosen = rng.choices(codes, weights=list(weights.values()), k=rng.choice([1, 1, 1, most]))
    return sorted(set(chosen), key=codes.index)


def seed_conversations(organisation, services, days=365, seed=2026) -> int:
    """About a year of conversations, only when the organisation has none yet (so seed_demo stays idempotent)."""
    if Conversation.objects.for_organisation(organisation).exists():
        return 0
    rng = random.Random(f"{seed}-{organisation.slug}")  # noqa: S311 - demo data, not security
    teams = list(Team.objects.for_organisation(organisation))
    recorders = list(Membership.objects.for_organisation(organisation).values_list("user_id", flat=True))
    today = timezone.localdate()
    rows, links = [], []
    for offset in range(days):
        day = today - datetime.timedelta(days=offset)
        growth = 0.4 + 0.6 * (days - offset) / days  # the programme grows through the year
        weekday = 1.0 if day.weekday() < 5 else 0.3
        for _ in range(rng.randint(0, round(2 * PER_DAY.get(organisation.slug, 5) * growth * weekday))):
            topics = _pick(rng, TOPIC_WEIGHTS) if rng.random() < 0.9 else []
            determinants = _pick(rng, DETERMINANT_WEIGHTS, 1) if rng.random() < 0.25 or not topics else []
            outcomes = _pick(rng, OUTCOME_WEIGHTS, 1)
            conversation = Conversation(
                organisation=organisation,
                occurred_on=day,
                team=rng.choice(teams) if teams else None,
                recorded_by_id=rng.choice(recorders) if recorders else None,
                setting=rng.choice([s.code for s in content.SETTINGS[:8]]),
                contact_type=rng.choices(["service_user", "carer", "public", "colleague"], [70, 10, 12, 8])[0],
                raised_by=rng.choices(["staff", "person"], [75, 25])[0],
                intervention_level=rng.choices(["very_brief", "brief"], [70, 30])[0],
                readiness=rng.choice(["wants_to", "unsure", "not_ready", ""]),
                topics=content.to_mask(content.TOPICS, topics),
                determinants=content.to_mask(content.DETERMINANTS, determinants),
                outcomes=content.to_mask(content.OUTCOMES, outcomes),
                resources=content.to_mask(content.RESOURCES, rng.choice([[], [], ["leaflet"], ["web_link"]])),
            )
            rows.append(conversation)
            if {"signposted", "referred"} & set(outcomes):
                links.append((conversation, rng.choice(_relevant(services, topics, determinants))))
    Conversation.objects.bulk_create(rows, batch_size=2000)
    through = Conversation.services.through
    through.objects.bulk_create([through(conversation_id=c.pk, service_id=s.pk) for c, s in links], batch_size=5000)
    aggregates.rebuild(organisation)
    return len(rows)


def _relevant(services, topics, determinants):
    topic_mask = content.to_mask(content.TOPICS, topics)
    determinant_mask = content.to_mask(content.DETERMINANTS, determinants)
    matching = [s for s in services if s.topics & topic_mask or s.determinants & determinant_mask]
    return matching or services


@demo_step(30)
def seed(context: DemoContext) -> None:
    for slug in ("midshire-hospitals", "midshire-community", "midshire-council"):
        organisation = context.organisations[slug]
        added = seed_conversations(organisation, seed_directory(organisation))
        if added:
            context.say(f"  {added:,} demo conversations for {organisation.name}")
