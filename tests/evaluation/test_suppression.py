"""Suppression that holds: from everything a commissioner is shown about a provider's activity (the SC8 activity
rate with the provider's stated headcount, the weekly SPC chart's points, the quarterly tables and the portfolio
PDF), no count from 1 to 4 can be worked out, alone or as the difference of two figures over nested periods
(a rolling total and the complete weeks inside it, a quarter and the weeks inside it).

The figures are read from the pages and the PDF's data exactly as shown, and turned back into the set of counts
they allow, as a reader who knows the rules (hidden under 5, otherwise to the nearest 5) would.
"""

import datetime
from collections import Counter
from dataclasses import dataclass
from types import SimpleNamespace

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from common import periods
from common.suppression import SMALL_NUMBER, rounded
from contacts import aggregates
from evaluation import portfolio_report
from organisations.models import Organisation
from organisations.roles import Role
from tests.organisations.factories import ContractFactory, MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
# About 21 weeks back to a Monday: the history's first week is complete, so the weekly chart can be drawn.
DAYS = 147 + (TODAY - datetime.timedelta(days=147)).weekday()


@dataclass(frozen=True)
class Figure:
    days: frozenset  # the days the figure counts
    low: int  # the counts the figure as shown allows
    high: int


def allowed(shown: str) -> tuple[int, int]:
    """The true counts a figure shown outside allows: "<5" is 1 to 4, 0 is 0, and n is what rounds to n."""
    if shown == "<5":
        return 1, SMALL_NUMBER - 1
    value = int(shown.replace(",", ""))
    counts = [c for c in range(max(0, value - 3), value + 3) if rounded(c) == value]
    return min(counts), max(counts)


def from_rate(shown: str, headcount: int) -> tuple[int, int]:
    """The counts a rate per 1,000 staff (one decimal place) allows, with the stated headcount beside it."""
    if shown == "<5":
        return 1, SMALL_NUMBER - 1
    candidates = [c for c in range(20_000) if f"{1000 * (rounded(c) or 0) / headcount:.1f}" == shown]
    return min(candidates), max(candidates)


def days_between(start, end) -> frozenset:
    return frozenset(start + datetime.timedelta(days=n) for n in range((end - start).days + 1))


def worked_out(figures: list[Figure]) -> list[str]:
    """Every count from 1 to 4 that a figure, or a figure minus figures over days inside it, pins down exactly."""
    found = [f"{sorted(f.days)[0]}…: exactly {f.low}" for f in figures if f.low == f.high and 0 < f.low < 5]
    for outer in figures:
        inner = [f for f in figures if f is not outer and f.days < outer.days]
        # Any one figure inside, and all the disjoint weeks inside together.
        groups = [[f] for f in inner]
        disjoint = [f for f in inner if len(f.days) == 7]
        if len(disjoint) > 1 and len(set().union(*(f.days for f in disjoint))) == 7 * len(disjoint):
            groups.append(disjoint)
        for group in groups:
            low = outer.low - sum(f.high for f in group)
            high = outer.high - sum(f.low for f in group)
            if low == high and 0 < low < 5:
                found.append(f"{sorted(outer.days)[0]}… less {len(group)} figure(s): exactly {low}")
    return found


@pytest.fixture
def commissioner():
    icb = OrganisationFactory(kind="icb")
    return MembershipFactory(organisation=icb, role=Role.COMMISSIONER)


@st.composite
def histories(draw) -> list[int]:
    """Daily counts, yesterday first: the Monday of every complete week busy enough that the week has 5 or more (so
    the weekly chart is drawn), every other day quiet, so that the days of a window outside its complete weeks
    often hold 1 to 4 in all: the case where exact figures give a hidden count away."""
    this_monday = TODAY - datetime.timedelta(days=TODAY.weekday())

    def busy(day):
        return day.weekday() == 0 and day < this_monday

    return [
        draw(st.integers(5, 40)) if busy(TODAY - datetime.timedelta(days=offset))
        else draw(st.sampled_from([0, 0, 0, 1, 2, 3, 9]))
        for offset in range(1, DAYS + 1)
    ]  # fmt: skip


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(daily=histories(), headcount=st.integers(1, 3000))
def test_no_hidden_count_can_be_worked_out_from_what_a_commissioner_is_shown(client, commissioner, daily, headcount):
    client.force_login(commissioner.user)  # before the savepoint that each example rolls back
    with transaction.atomic():
        saved = transaction.savepoint()
        provider = OrganisationFactory(staff_headcount=headcount)
        ContractFactory(commissioner=commissioner.organisation, provider=provider, status="accepted")
        counts = Counter()
        for offset, count in enumerate(daily, start=1):  # up to yesterday
            day = TODAY - datetime.timedelta(days=offset)
            counts[(provider.pk, 0, day, "all", "")] += count
            counts[(provider.pk, 0, day, "topic", "smoking")] += count
        aggregates.apply(counts)
        figures = shown_to_the_commissioner(client, commissioner, provider)
        transaction.savepoint_rollback(saved)
    assert figures and not worked_out(figures)


def shown_to_the_commissioner(client, commissioner, provider) -> list[Figure]:
    page = client.get(reverse("evaluation:sc8_provider", args=[commissioner.organisation.slug, provider.pk]))
    figures = []
    activity = next(row["reading"] for row in page.context["indicators"] if row["indicator"].code == "activity")
    rolling = days_between(TODAY - datetime.timedelta(days=90), TODAY)
    figures.append(Figure(rolling, *from_rate(activity.value, provider.staff_headcount)))
    for monday, value in page.context["weekly_spc"].get("points", []):
        figures.append(Figure(days_between(monday, monday + datetime.timedelta(days=6)), *allowed(str(value))))
    for quarter, shown in zip(page.context["quarters"], _smoking(page.context["topics"]), strict=True):
        figures.append(Figure(days_between(quarter, periods.quarter_of(quarter).end), *allowed(shown)))
    quarter = periods.quarter_of(TODAY)
    pdf = portfolio_report.gather(SimpleNamespace(organisation=commissioner.organisation, start=quarter.start,
                                                  end=TODAY))  # fmt: skip
    (row,) = [r for r in pdf["rows"] if r["provider"].pk == provider.pk]
    figures.append(Figure(days_between(quarter.start, TODAY), *allowed(row["conversations"])))
    return figures


def _smoking(rows) -> list[str]:
    return next(row["counts"] for row in rows if row["label"] == "Smoking")


def test_the_check_finds_what_exact_figures_would_give_away():
    """The checker itself: exact figures over a rolling window and the weeks inside it give back the few
    conversations of the days between them; rounded ones do not."""
    monday = TODAY - datetime.timedelta(days=TODAY.weekday() + 7)
    week = days_between(monday, monday + datetime.timedelta(days=6))
    window = week | {monday - datetime.timedelta(days=1)}
    assert worked_out([Figure(window, 23, 23), Figure(week, 20, 20)]) == [f"{min(window)}… less 1 figure(s): exactly 3"]
    assert worked_out([Figure(window, *allowed("25")), Figure(week, *allowed("20"))]) == []
    assert worked_out([Figure(week, 3, 3)]) and allowed("<5") == (1, 4) and allowed("5") == (5, 7)
    assert Organisation.objects.count() == 0
