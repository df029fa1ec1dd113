"""The shipped scoring scheme matches the source register (docs/sources.md, section 1): factors, domains, weights."""

import re
from decimal import Decimal
from pathlib import Path

import pytest

from assessment import content
from assessment.models import ScoringScheme

REGISTER = Path(__file__).resolve().parents[2] / "docs" / "sources.md"  # the project's own source register
TEXT = REGISTER.read_text(encoding="utf-8")

# Section 1.4 names factors in its own words; this maps them to the factor numbers of section 1.2.
WEIGHT_TABLE_NAMES = {
    "Benefits beyond helping patients": 1,
    "Credibility of the benefits": 2,
    "Adaptability of improved process": 3,
    "Effectiveness of system to monitor progress": 4,
    "Staff involvement and training": 5,
    "Staff behaviours toward sustaining the change": 6,
    "Senior leadership engagement": 7,
    "Infrastructure for sustainability": 10,
}


def factor_table():
    rows = re.findall(r"^\| (\d+) \| (Process|Staff|Organisation) \| ([^|]+) \| ([^|]+) \|", TEXT, re.MULTILINE)
    return {int(n): (domain.lower(), label.strip(), name.strip()) for n, domain, label, name in rows}


def verified_weights():
    rows = re.findall(r"^\| ([^|]+?) \| \*\*([\d.]+)\*\* \|", TEXT, re.MULTILINE)
    return {WEIGHT_TABLE_NAMES[name]: Decimal(weight) for name, weight in rows}


def test_ten_factors_in_three_domains_as_the_register_names_them():
    table = factor_table()
    assert len(table) == 10
    for factor in content.FACTORS:
        assert (factor.domain, factor.label, factor.name) == table[factor.number]


def test_verified_level_a_weights_are_used_as_they_are_and_nothing_else_is_shipped():
    verified = verified_weights()
    assert len(verified) == 8 and sum(verified.values()) == Decimal("78.0")
    for factor in content.FACTORS:
        weights = content.level_weights(factor)
        assert weights["a"] == verified.get(factor.number), f"factor {factor.number}"
        assert (weights["b"], weights["c"], weights["d"]) == (None, None, None)


def test_no_threshold_or_maximum_is_shipped():
    assert not hasattr(content, "THRESHOLD")
    assert "100.9" not in Path(content.__file__).read_text().replace("neither 100.9", "")


@pytest.mark.django_db
def test_the_migration_installs_the_scheme_as_current_with_unknown_weights_stored_as_unknown():
    scheme = ScoringScheme.current()
    assert scheme.version == content.SCHEME_VERSION
    assert scheme.factors.count() == 10
    maxima = [f.maximum for f in scheme.factors.prefetch_related("levels")]
    assert sum(m for m in maxima if m is not None) == Decimal("78.0") and maxima.count(None) == 2
    senior = scheme.factors.get(number=7).levels.get(level="a")
    assert (senior.weight, senior.weight_provenance) == (Decimal("15.0"), "verified")
    assert "Implementation Science Communications 2021;2:111" in senior.weight_source
    clinical = scheme.factors.get(number=8).levels.get(level="a")
    assert (clinical.weight, clinical.weight_provenance) == (None, "not_known")
    assert not scheme.factors.get(number=7).levels.filter(level__in="bcd").exclude(weight=None).exists()
