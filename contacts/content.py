"""Versioned value sets for recording MECC conversations (domain reference, sections 4.2, 4.5 and 6).

Multi-select answers (topics, determinants, outcomes, resources, NICE outcomes) are stored as bit masks, so a
conversation is one narrow row even at tens of millions of rows. A code's bit never changes once released: new
values take new bits; a retired value keeps its bit and is simply no longer offered.

Provenance (docs/sources.md, section 6): topics, outcomes (except "declined"), who raised it, the readiness
wording, the Behaviour Change Pathway stages and resources are verified in the Midlands and East implementation guide
(S3); the intervention levels in the PHE evaluation guide (S9) and HEE (S4); the four NICE outcome measures in S9.
"Declined", the settings, contact types and five of the eight wider determinants are this product's own (provisional),
and the form says so where it offers them. Nothing is recorded by default: a question not answered is stored as
"not recorded".
"""

from dataclasses import dataclass

CONTENT_VERSION = "2026.2"
NOT_RECORDED = "Not recorded"
OWN_OPTIONS_NOTE = (
    '"Declined" is this service\'s own option: the guide lists information, signposting, referral and listening.'
)


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
    ("mental_wellbeing", "Mental health and wellbeing", 5),  # the guide's words (S3 §1)
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

# The four outcome measures the PHE evaluation guide (S9) takes from NICE. Bit 2 was offered as "Intends to use a
# service" before 2026.2; the measure also covers knowing how to use one, so earlier answers remain true under it.
NICE_OUTCOMES = _multi(
    ("made_plan", "Made a plan", 0),
    ("set_goal", "Set goals", 1),
    ("intends_to_use_service", "Said they intend to use a service, or know how to use one", 2),
    ("used_service", "Used a service appropriately to support a behaviour change", 3),
)

# Where the person goes next on the guide's Behaviour Change Pathway (S3, Figure 2): MECC itself is Stage 1.
PATHWAY_STAGES = _single(
    ("stage_2", "Stage 2: supported to review their lifestyle and identify the focus of a change"),
    ("stage_3", "Stage 3: support to increase motivation and clarify the support needed"),
    ("stage_4", "Stage 4: one-to-one support using SMART goals, or specialist support"),
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
    ("not_ready", "Does not want to make a change"),  # the guide's words (S3 Figure 1); "Not ready" before 2026.2
)


# Days a directory entry is open, as Open Referral UK's schedules name them (iCalendar BYDAY codes).
WEEKDAYS = _multi(
    ("MO", "Monday", 0),
    ("TU", "Tuesday", 1),
    ("WE", "Wednesday", 2),
    ("TH", "Thursday", 3),
    ("FR", "Friday", 4),
    ("SA", "Saturday", 5),
    ("SU", "Sunday", 6),
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
    if not code:
        return NOT_RECORDED
    return next((item.label for item in items if item.code == code), code)
