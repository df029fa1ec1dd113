"""SC8 compliance readings: each indicator's red/amber/green status, figure and evidence for a set of providers.

Every indicator is computed for all providers at once (one or two queries each), so the portfolio costs the same
number of queries for 5 providers or 50. An indicator whose data does not exist yet reads "none" (no data).
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Max

from assessment.selectors import completed_organisation_wide, strong_factor_counts
from common.history import as_at
from common.suppression import SMALL_NUMBER, is_small, rounded
from contacts.models import Service
from contacts.selectors import conversation_totals
from evaluation.models import EvaluationReport
from evaluation.sc8_content import DEFAULT_THRESHOLDS, INDICATORS
from implementation.content import POLICIES
from implementation.models import ChecklistItem
from implementation.selectors import plan_status
from organisations.models import Membership
from organisations.roles import Role
from organisations.selectors import staff_figures
from training import coverage
from training.models import TrainingResource
from training.selectors import resources_meeting_the_standard

YEAR = datetime.timedelta(days=365)
ROLLING_DAYS = 91  # activity is read over the last 91 days to the day of reading, not over a financial quarter


@dataclass
class Reading:
    status: str  # "green", "amber", "red" or "none"
    value: str
    evidence: str


def rules(thresholds: dict) -> list[tuple]:
    """[(indicator, its red/amber/green rule with these targets filled in)], in the indicators' order."""
    return [(indicator, indicator.rule.format(**thresholds)) for indicator in INDICATORS]


def thresholds_for(contract) -> dict:
    return {**DEFAULT_THRESHOLDS, **(contract.thresholds or {})} if contract else dict(DEFAULT_THRESHOLDS)


def readings(providers, thresholds: dict, today: datetime.date, outside=True) -> dict[int, dict[str, Reading]]:
    """{provider id: {indicator code: Reading}}; thresholds is {provider id: thresholds dict}.

    `outside`: the readings are for eyes outside the provider (a commissioner): then no figure shows, or lets anyone
    work out, a count from 1 to 4 (security review M2). A provider reading its own position passes outside=False.
    A past `today` (a report's period end) reads everything as it stood at that day's end, from the history.
    """
    ids = [p.pk for p in providers]
    by_code = {
        "plan": _plan(ids, today),
        "policies": _policies(ids, today),
        "trained": _trained(ids, thresholds, today, outside),
        "quality": _quality(ids, today),
        "activity": _activity(providers, thresholds, today, outside),
        "assessment": _assessment(ids, today),
        "report": _report(ids, today),
        "directory": _directory(ids, today),
    }
    return {pk: {i.code: by_code[i.code][pk] for i in INDICATORS} for pk in ids}


def _plan(ids, today):
    plans = plan_status(ids, today)
    leads = set(
        as_at(Membership, today)
        .filter(organisation_id__in=ids, is_active=True, role=Role.IMPLEMENTATION_LEAD)
        .order_by()  # no join to the people just to sort them
        .values_list("organisation_id", flat=True)
    )
    result = {}
    for pk in ids:
        approved, approved_on = plans[pk].approved, plans[pk].approved_on
        lead = pk in leads
        status = "green" if approved and lead else "amber" if approved or lead else "red"
        when = f" on {approved_on:%-d %b %Y}" if approved_on else ""
        result[pk] = Reading(
            status,
            "Approved" if approved else "Not approved",
            f"Board approval {'achieved' + when if approved else 'not achieved with evidence'}; implementation lead "
            f"{'named' if lead else 'not named'}.",
        )
    return result


def _policies(ids, today):
    items = {i.organisation_id: i for i in as_at(ChecklistItem, today).filter(organisation_id__in=ids, code=POLICIES)}
    statuses = {ChecklistItem.Status.ACHIEVED: "green", ChecklistItem.Status.IN_PROGRESS: "amber"}
    result = {}
    for pk in ids:
        item = items.get(pk)
        if item is None:
            result[pk] = Reading("none", "No data", "No checklist.")
            continue
        result[pk] = Reading(
            statuses.get(item.status, "red"), item.get_status_display(), f"Checklist action: {item.title}."
        )
    return result


def _trained(ids, thresholds, today, outside):
    """Counted in the database: at national scale the staff lists are far too long to bring into Python."""
    counts = coverage.counts(ids, today)
    result = {}
    for pk in ids:
        total, done = counts.get(pk, (0, 0))
        if not total:
            result[pk] = Reading("none", "No staff figure", "No staff roster or establishment headcount yet.")
            continue
        percent = round(100 * done / total)
        target, gap = thresholds[pk]["trained_target"], thresholds[pk]["trained_amber_gap"]
        status = "green" if percent >= target else "amber" if percent >= target - gap else "red"
        if outside and (total < SMALL_NUMBER or is_small(done) or is_small(total - done)):
            # The percentage of a small group gives away how many were (or were not) trained.
            result[pk] = Reading(status, "Not shown", f"Counts under {SMALL_NUMBER} are not shown; target {target}%.")
            continue
        result[pk] = Reading(status, f"{percent}%", f"{done} of {total} frontline staff; target {target}%.")
    return result


def _quality(ids, today):
    resources = defaultdict(set)
    for org, pk in as_at(TrainingResource, today).filter(organisation_id__in=ids).values_list("organisation_id", "pk"):
        resources[org].add(pk)
    evaluated = resources_meeting_the_standard(ids, today - YEAR, until=today)
    result = {}
    for pk in ids:
        if not resources[pk]:
            result[pk] = Reading("none", "No data", "No training resources recorded.")
            continue
        total = len(resources[pk])
        latest = {resource: meets for resource, meets in evaluated[pk].items() if resource in resources[pk]}
        meeting = sum(1 for meets in latest.values() if meets)
        status = "green" if meeting == total else "amber" if meeting else "red"
        result[pk] = Reading(
            status,
            f"{meeting} of {total}",
            f"{meeting} of {total} resources meet the standard in their latest evaluation in 12 months; "
            f"{len(latest) - meeting} evaluated below it; {total - len(latest)} not evaluated.",
        )
    return result


def _activity(providers, thresholds, today, outside):
    start = today - datetime.timedelta(days=ROLLING_DAYS - 1)
    totals = conversation_totals([p.pk for p in providers], start, today)
    staff = staff_figures([p.pk for p in providers], today)
    result = {}
    for provider in providers:
        count = totals.get(provider.pk, 0) or 0
        if provider.pk not in staff:
            result[provider.pk] = Reading(
                "none", "No staff figure", "No staff roster or stated staff headcount for this provider."
            )
            continue
        headcount, source = staff[provider.pk].count, staff[provider.pk].source
        rate = 1000 * count / headcount
        target = thresholds[provider.pk]["activity_target"]
        status = "green" if rate >= target else "amber" if rate >= target / 2 else "red"
        period = f"in the {ROLLING_DAYS} days to {today:%-d %b %Y}"
        if outside and is_small(count):
            # A rate and the headcount beside it give the count back: 250.0 per 1,000 of 12 staff is 3.
            result[provider.pk] = Reading(status, "<5", f"Fewer than {SMALL_NUMBER} conversations {period}.")
            continue
        if outside:
            # From the count rounded to the nearest 5, as every count shown outside: the exact rate, the headcount
            # and the weekly chart would otherwise give back the few conversations of the days between them.
            shown = 1000 * rounded(count) / headcount
            result[provider.pk] = Reading(
                status, f"{shown:.1f}", f"Conversations {period} (rounded to the nearest 5) per 1,000 staff; "
                f"target {target}.",
            )  # fmt: skip
            continue
        result[provider.pk] = Reading(
            status, f"{rate:.1f}", f"Conversations {period} per 1,000 of {headcount:,} staff ({source}); "
            f"target {target}.",
        )  # fmt: skip
    return result


def _assessment(ids, today):
    completed = defaultdict(list)
    rows = list(completed_organisation_wide(ids, until=today).values_list("organisation_id", "completed_at", "pk"))
    strong = strong_factor_counts([pk for _, _, pk in rows])
    for organisation_id, completed_at, pk in rows:
        completed[organisation_id].append((completed_at, strong[pk]))
    result = {}
    for pk in ids:
        history = completed[pk]
        if not history or history[0][0].date() < today - YEAR:
            result[pk] = Reading("red", "None in 12 months", "No organisation-wide assessment in the last 12 months.")
            continue
        latest = history[0][1]
        previous = history[1][1] if len(history) > 1 else None
        trend = "" if previous is None else f"; {previous} in the one before"
        status = "green" if previous is None or latest >= previous else "amber"
        result[pk] = Reading(
            status,
            f"{latest} of 10 at A or B",
            f"Completed {history[0][0]:%-d %b %Y}, {latest} factors rated A or B{trend}.",
        )
    return result


def _report(ids, today):
    latest = dict(
        EvaluationReport.objects.for_organisations(ids)
        .filter(
            kind=EvaluationReport.Kind.ORGANISATION,
            status=EvaluationReport.Status.READY,
            finished_at__date__gte=today - YEAR,
            finished_at__date__lte=today,
        )
        .values("organisation_id")
        .annotate(m=Max("finished_at"))
        .values_list("organisation_id", "m")
    )
    return {
        pk: Reading("green", "Produced", f"Latest evaluation report produced {latest[pk]:%-d %b %Y}.")
        if pk in latest
        else Reading("red", "None in 12 months", "No evaluation report produced in the last 12 months.")
        for pk in ids
    }


def _directory(ids, today):
    active = as_at(Service, today).filter(organisation_id__in=ids, is_active=True)
    counts = defaultdict(lambda: [0, 0])
    for org, reviewed in active.values_list("organisation_id", "reviewed_at"):
        counts[org][0] += 1
        counts[org][1] += reviewed.date() >= today - YEAR
    latest = dict(active.values("organisation_id").annotate(m=Max("reviewed_at")).values_list("organisation_id", "m"))
    result = {}
    for pk in ids:
        total, recent = counts[pk]
        if not total:
            result[pk] = Reading("red", "No entries", "The signposting directory has no active entries.")
            continue
        status = "green" if recent == total else "amber" if recent else "red"
        result[pk] = Reading(
            status,
            f"{recent} of {total}",
            f"{recent} of {total} active entries reviewed in 12 months; last review {latest[pk]:%-d %b %Y}.",
        )
    return result
