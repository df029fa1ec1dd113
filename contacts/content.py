"""Versioned value sets for recording MECC conversations (domain reference, sections 4.2, 4.5 and 6).

Multi-select answers (topics, determinants, outcomes, resources, NICE outcomes) are stored as bit masks, so a
conversation is one narrow row even at tens of millions of rows. A code's bit never changes once released: new
values take new bits; a retired value keeps its bit and is simply no longer offered.

Provenance: the topic, outcome and readiness lists are verified in the MECC implementation guide (seed 002/003);
the setting, contact type and resource lists are the domain reference's recommended fields (marked [I] there).
"""

from dataclasses import dataclass

CONTENT_VERSION = "2026.1"


@dataclass(frozen=True)
class Choice:
    code: str
    label: str
    bit: int = 0  # only for multi-select sets


def _multi(*items: tuple[str, str, int]) -> tuple[Choice, ...]:
    return tuple(Choice(code, label, bit) for code, label, bit in items)


def _single(*items: tuple[str, str]) -> tuple[Choice, ...]:
    return tuple(Choice(code, label) for code, label in items)


TOPICS = _multi(
    ("smoking", "Smoking", 0),
    ("alcohol", "Alcohol", 1),
    ("diet", "Diet and healthy eating", 2),
    ("weight", "Healthy weight", 3),
    ("activity", "Physical activity", 4),
    ("mental_wellbeing", "Mental wellbeing", 5),
    ("sexual_health", "Sexual health", 6),
    ("immunisation", "Immunisation", 7),
    ("other_health", "Other health topic", 8),
)

DETERMINANTS = _multi(
    ("housing", "Housing", 0),
    ("money", "Money, debt or benefits", 1),
    ("employment", "Employment", 2),
    ("education", "Education or skills", 3),
    ("loneliness", "Loneliness or isolation", 4),
    ("cost_of_living", "Cost of living or fuel", 5),
    ("caring", "Caring responsibilities", 6),
    ("other_determinant", "Other wider determinant", 7),
)

OUTCOMES = _multi(
    ("information", "Information given", 0),
    ("signposted", "Signposted", 1),
    ("referred", "Referred", 2),
    ("listened", "Listened only", 3),
    ("declined", "Declined", 4),
)
OUTCOMES_NEEDING_A_SERVICE = frozenset({"signposted", "referred"})

RESOURCES = _multi(
    ("leaflet", "Leaflet", 0),
    ("health_benefit_card", "Health benefit card", 1),
    ("web_link", "Web link", 2),
)

NICE_OUTCOMES = _multi(
    ("made_plan", "Made a plan", 0),
    ("set_goal", "Set a goal", 1),
    ("intends_to_use_service", "Intends to use a service", 2),
)

SETTINGS = _single(
    ("inpatient_ward", "Inpatient ward"),
    ("outpatient_clinic", "Outpatient clinic"),
    ("community_home_visit", "Community or home visit"),
    ("gp_practice", "GP practice"),
    ("pharmacy", "Pharmacy"),
    ("emergency_department", "A&E"),
    ("telephone_virtual", "Telephone or virtual"),
    ("community_venue", "Community venue"),
    ("leisure_sport", "Leisure or sport"),
    ("housing_council_office", "Housing or council office"),
    ("voluntary_sector_venue", "Voluntary sector venue"),
    ("workplace", "Workplace (staff contact)"),
    ("other", "Other"),
)

CONTACT_TYPES = _single(
    ("service_user", "Service user"),
    ("carer", "Carer"),
    ("public", "Member of the public"),
    ("colleague", "Colleague"),
)

RAISED_BY = _single(
    ("staff", "I raised it"),
    ("person", "The person raised it"),
)

INTERVENTION_LEVELS = _single(
    ("very_brief", "Very brief (under 2 minutes)"),
    ("brief", "Brief (a longer conversation)"),
)

READINESS = _single(
    ("wants_to", "Wants to make a change"),
    ("unsure", "Unsure"),
    ("not_ready", "Not ready to change"),
)


def choices(items: tuple[Choice, ...]) -> list[tuple[str, str]]:
    return [(item.code, item.label) for item in items]


def to_mask(items: tuple[Choice, ...], codes) -> int:
    bits = {item.code: item.bit for item in items}
    mask = 0
    for code in codes:
        mask |= 1 << bits[code]
    return mask


def from_mask(items: tuple[Choice, ...], mask: int) -> list[str]:
    return [item.code for item in items if mask & (1 << item.bit)]


def label(items: tuple[Choice, ...], code: str) -> str:
    return next((item.label for item in items if item.code == code), code)
