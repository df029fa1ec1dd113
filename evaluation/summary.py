"""The summary panel: totals and charts for a period, from the daily aggregate rows only."""

import datetime

from django.core.cache import cache
from django.db.models import Count, Exists, OuterRef
from django.utils import timezone

from common.charts import columns_over_time, horizontal_bars, spc_chart
from common.spc import xmr
from contacts import content, selectors
from contacts.aggregates import ALL
from contacts.models import Conversation
from organisations.models import Membership, Team
from training import coverage
from training.selectors import percent, valid_records


def _rows(items, counts: dict[str, int]) -> list[dict]:
    return [{"code": item.code, "label": item.label, "count": counts.get(item.code, 0)} for item in items]


def summary_context(organisation, start, end, team=None) -> dict:
    totals = selectors.totals_by_dimension(organisation, start, end, team)
    total = totals.get(ALL, {}).get("", 0)
    weeks = selectors.weekly_totals(organisation, start, end, team)
    week_labels = [monday.strftime("%-d %b") for monday, _ in weeks]
    week_counts = [count for _, count in weeks]
    topics = _rows(content.TOPICS, totals.get("topic", {}))
    determinants = _rows(content.DETERMINANTS, totals.get("determinant", {}))
    outcomes = _rows(content.OUTCOMES, totals.get("outcome", {}))
    team_names = {t.pk: t.name for t in Team.objects.for_organisation(organisation)}
    by_team = sorted(
        (
            {"label": team_names.get(key, "No team"), "count": count}
            for key, count in selectors.totals_by_team(organisation, start, end).items()
            if team is None or key == team.pk
        ),
        key=lambda row: -row["count"],
    )
    today, six_days = timezone.localdate(), datetime.timedelta(days=6)
    # A complete week lies inside the period and is over: its Sunday is past.
    whole_weeks = [(m, n) for m, n in weeks if m >= start and m + six_days <= end and m + six_days < today]
    return {
        "chart_spc": spc_chart(
            xmr([monday.strftime("%-d %b") for monday, _ in whole_weeks], [n for _, n in whole_weeks]),
            "Is the weekly number changing beyond normal variation? Conversations in each complete week, with the mean "
            "and process limits (XmR chart)",
        ),
        "whole_weeks": len(whole_weeks),
        "trained_logging": recent_trained_staff_logging(organisation, start, end),
        "total": total,
        "weeks": list(zip(week_labels, week_counts, strict=True)),
        "topics": topics,
        "determinants": determinants,
        "outcomes": outcomes,
        "by_team": by_team,
        "chart_weeks": columns_over_time(
            week_labels,
            week_counts,
            "How many conversations were recorded each week?",
            every=max(1, len(weeks) // 6),
            # The last week is not over when it runs past the period's end or the period ends today.
            partial_last=bool(weeks)
            and (weeks[-1][0] + datetime.timedelta(days=6) > end or end >= timezone.localdate()),
        ),
        "chart_topics": horizontal_bars(
            [r["label"] for r in topics + determinants],
            [r["count"] for r in topics + determinants],
            "What did the conversations cover? Topics and wider determinants",
        ),
        "chart_outcomes": horizontal_bars(
            [r["label"] for r in outcomes],
            [r["count"] for r in outcomes],
            "What did each conversation lead to? Outcomes",
        ),
        "chart_teams": horizontal_bars(
            [r["label"] for r in by_team], [r["count"] for r in by_team], "Which teams are having the conversations?"
        ),
    }


TRAINED_LOGGING_SECONDS = 5 * 60
NOTHING = "none"


def recent_trained_staff_logging(organisation, start, end) -> dict | None:
    """trained_staff_logging, kept for up to five minutes: it is a probe per trained person (18 to 22 ms at the
    benchmark's large trust), and the share moves slowly. A change to training records or memberships is seen at
    once (the coverage version is part of the key); new conversations within five minutes."""
    key = f"trained-logging:{organisation.pk}:{start}:{end}:{coverage.version(organisation.pk)}"
    found = cache.get(key)
    if found is None:
        found = trained_staff_logging(organisation, start, end) or NOTHING
        cache.set(key, found, TRAINED_LOGGING_SECONDS)
    return None if found == NOTHING else found


def trained_staff_logging(organisation, start, end) -> dict | None:
    """Of the people trained by the end of the period, how many recorded at least one conversation in it.

    One query: each trained person is one probe into the conversations' recorder-and-date index, so the cost
    follows the number of trained staff, not the millions of conversations in the period.
    """
    logged_in_period = Conversation.objects.filter(
        organisation=organisation, recorded_by_id=OuterRef("user_id"), occurred_on__gte=start, occurred_on__lte=end
    )
    figures = (
        Membership.objects.for_organisation(organisation)
        .filter(pk__in=valid_records(organisation, end).values("membership_id"))
        .aggregate(
            trained=Count("user_id", distinct=True),
            logged=Count("user_id", distinct=True, filter=Exists(logged_in_period)),
        )
    )
    if not figures["trained"]:
        return None
    return {**figures, "percent": percent(figures["logged"], figures["trained"])}
