"""The contact-log value sets match the project's source register (docs/sources.md, section 6.2)."""

import re
from pathlib import Path

import pytest

from contacts import content
from contacts.forms import ConversationForm

REGISTER = Path(__file__).resolve().parents[2] / "docs" / "sources.md"  # the project's own source register


def field_values(field: str, separator: str) -> list[str]:
    """The values of one row of the recommended contact-log fields table."""
    text = REGISTER.read_text(encoding="utf-8")
    row = re.search(rf"^\| {re.escape(field)} \| ([^|]+) \|", text, re.MULTILINE)
    assert row, f"{field} row not found in {REGISTER}"
    values = re.sub(r"^(multi-select|enum)\s*:?\s*\(?", "", row.group(1).strip()).rstrip(")")
    return [v.strip() for v in values.split(separator)]


# Each domain phrase, as the reference words it, and the code the app stores for it (in the app's order).
EXPECTED = {
    "Topics raised": (", ", content.TOPICS, {
        "smoking": "smoking", "alcohol": "alcohol", "diet / healthy eating": "diet", "healthy weight": "weight",
        "physical activity": "activity", "mental health and wellbeing": "mental_wellbeing",
        "sexual health": "sexual_health", "immunisation": "immunisation", "other health": "other_health",
    }),
    "Wider determinants raised": (", ", content.DETERMINANTS, {
        "housing": "housing", "money / debt / benefits": "money", "employment": "employment",
        "education / skills": "education", "loneliness / social isolation": "loneliness",
        "fuel / cost of living": "cost_of_living", "caring responsibilities": "caring", "other": "other_determinant",
    }),
    "Outcome(s)": (" / ", content.OUTCOMES, {
        "information given": "information", "signposted": "signposted", "referred": "referred",
        "listened only – not ready": "listened", "declined": "declined",
    }),
    "Readiness": (" / ", content.READINESS, {
        "wants to change": "wants_to", "unsure": "unsure", "does not want to make a change": "not_ready",
    }),
    "Contact type": (" / ", content.CONTACT_TYPES, {
        "service user": "service_user", "carer": "carer", "member of public": "public", "staff colleague": "colleague",
    }),
    "Who raised it": (" / ", content.RAISED_BY, {"staff-initiated": "staff", "person-initiated": "person"}),
    "Intervention level": (" / ", content.INTERVENTION_LEVELS, {"VBI": "very_brief", "BI": "brief"}),
    "Resources given": (" / ", content.RESOURCES, {
        "leaflet": "leaflet", "health benefit card": "health_benefit_card", "web link": "web_link",
    }),
    "Setting": (", ", content.SETTINGS, {
        "inpatient ward": "inpatient_ward", "outpatient clinic": "outpatient_clinic",
        "community / home visit": "community_home_visit", "GP practice": "gp_practice", "pharmacy": "pharmacy",
        "A&E": "emergency_department", "telephone / virtual": "telephone_virtual",
        "community venue": "community_venue", "leisure or sport": "leisure_sport",
        "housing or council office": "housing_council_office", "voluntary sector venue": "voluntary_sector_venue",
        "workplace (staff contact)": "workplace", "other": "other",
    }),
}  # fmt: skip


@pytest.mark.parametrize("field", sorted(EXPECTED))
def test_value_set_matches_the_source_register(field):
    separator, items, mapping = EXPECTED[field]
    assert field_values(field, separator) == list(mapping)
    assert [item.code for item in items] == list(mapping.values())


def test_multi_select_bits_are_unique_and_stable():
    for items in (content.TOPICS, content.DETERMINANTS, content.OUTCOMES, content.RESOURCES, content.NICE_OUTCOMES):
        bits = [item.bit for item in items]
        assert len(set(bits)) == len(bits) and max(bits) < 31
    assert content.to_mask(content.TOPICS, ["smoking", "alcohol"]) == 0b11
    assert content.from_mask(content.OUTCOMES, 0b110) == ["signposted", "referred"]


def test_all_four_nice_outcome_measures_are_offered_as_the_evaluation_guide_lists_them():
    assert field_values("NICE outcome measures", " / ") == [
        "making a plan",
        "setting goals",
        "an expressed intention to use services, or having the knowledge of how to use them",
        "the appropriate use of a service to support a behaviour change",
    ]
    assert [item.code for item in content.NICE_OUTCOMES] == [
        "made_plan", "set_goal", "intends_to_use_service", "used_service",
    ]  # fmt: skip
    assert [item.bit for item in content.NICE_OUTCOMES] == [0, 1, 2, 3]  # released bits never move


def test_the_readiness_and_pathway_wording_is_the_guides():
    assert content.label(content.READINESS, "not_ready") == "Does not want to make a change"
    assert [item.label.split(":")[0] for item in content.PATHWAY_STAGES] == ["Stage 2", "Stage 3", "Stage 4"]
    assert "Behaviour Change Pathway stages" in REGISTER.read_text(encoding="utf-8")


def test_declined_is_labelled_as_this_services_own_on_the_form():
    assert '"Declined" is this service\'s own option' in str(ConversationForm.base_fields["outcomes"].help_text)
