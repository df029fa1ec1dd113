"""Every piece of domain content the product ships has an entry in the project's own source register
(docs/sources.md), and every section of the register says its status. Adding a factor, action, criterion, example,
barrier, marker, question, stage, measure, library entry or a whole content module without registering it fails
here; the value-set tests beside each app then check the entries' wording."""

import re
from pathlib import Path

import pytest

from assessment import content as assessment
from contacts import content as contacts
from evaluation import sc8_content
from implementation import content as implementation
from training import content as training

ROOT = Path(__file__).resolve().parents[2]
REGISTER = (ROOT / "docs" / "sources.md").read_text(encoding="utf-8")


def flat(text: str) -> str:
    """The register's text without Markdown emphasis, line breaks or case, so a wrapped or quoted entry matches."""
    return re.sub(r"\s+", " ", text.replace("**", "")).replace("’", "'").casefold()


FLAT = flat(REGISTER)

SHIPPED = {
    "assessment factor labels": [f.label for f in assessment.FACTORS],
    "assessment factor names": [f.name for f in assessment.FACTORS],
    "checklist actions": [a.title for a in implementation.ACTIONS],
    "checklist success wording": [a.success for a in implementation.ACTIONS],
    "team prioritisation criteria": [label for _, label in implementation.PRIORITY_CRITERIA],
    "example objectives": [text for items in implementation.EXAMPLE_OBJECTIVES.values() for text, _ in items],
    "barriers": [label for code, label in implementation.BARRIERS if code != "other"],
    "programme parts": [name for _, name, _ in implementation.AREAS],
    "library entries": [entry.title for entry in implementation.LIBRARY],
    "quality marker sections": [name for _, name in training.SECTIONS],
    "quality markers": [marker.text for marker in training.MARKERS],
    "confidence questions": [text for _, text in training.QUESTIONS],
    "pathway stages (skills)": [description for _, _, description in training.SKILL_STAGES],
    "SC8 measures": [indicator.title for indicator in sc8_content.INDICATORS],
    "SC8 quote": [sc8_content.CLAUSE["quote"]],
}


@pytest.mark.parametrize("kind", sorted(SHIPPED))
def test_every_shipped_item_is_in_the_register(kind):
    missing = [item for item in SHIPPED[kind] if flat(item) not in FLAT]
    assert not missing, f"{kind} shipped without a source register entry: {missing}"


def test_every_content_module_has_a_register_section():
    modules = sorted(str(path.relative_to(ROOT)) for path in ROOT.glob("*/content.py")) + ["evaluation/sc8_content.py"]
    assert {"assessment/content.py", "implementation/content.py", "training/content.py", "contacts/content.py"} <= set(
        modules
    )
    for module in modules:
        assert f"`{module}`" in REGISTER, f"{module} has no section in docs/sources.md"


def test_every_register_section_states_a_status():
    sections = re.split(r"^## ", REGISTER, flags=re.MULTILINE)[1:]
    content_sections = [s for s in sections if re.match(r"\d+\. ", s)]
    assert len(content_sections) >= 7
    for section in content_sections:
        assert "Status:" in section, f"section '{section.splitlines()[0]}' gives no status"
        assert re.search(r"verified|provisional|not known|paraphrase|placeholder", section), section.splitlines()[0]


def test_the_contact_log_value_sets_and_nice_measures_are_registered():
    # Their wording is checked row by row in tests/contacts/test_content.py; here, that the rows exist at all.
    for field in (
        "Topics raised",
        "Outcome(s)",
        "Readiness",
        "NICE outcome measures",
        "Behaviour Change Pathway stages",
    ):
        assert f"| {field} |" in REGISTER
    assert len(contacts.NICE_OUTCOMES) == 4


def test_the_check_would_catch_an_unregistered_item():
    assert flat("A factor nobody registered") not in FLAT
