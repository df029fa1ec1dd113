"""Reads of the contact log shared by its pages, the summary, objectives, reports and the SC8 dashboard.

Figures come from the daily aggregate rows, never from scanning raw conversations.
"""

import datetime
from collections import defaultdict

from django.db.models import Count, Q, Sum

from contacts.aggregates import ALL
from contacts.models import Conversation, DailyConversationCount, OrganisationDailyCount, Service
from organisations.models import CommissioningContract, Organisation


def visible_conversations(membership):
    """The conversations a member may read in the log and its downloads: a team manager with a team sees that
    team's, leads, admins and board members the organisation's, and a team manager without a team no one's."""
    conversations = Conversation.objects.for_organisation(membership.organisation).select_related("team")
    if membership.sees_only_own_team():
        return conversations.filter(team_id=membership.team_id)
    if membership.has_no_team_to_see():
        return conversations.none()  # fail closed
    return conversations


def sibling_providers(organisation: Organisation):
    """Ids of the other providers under the same commissioner as this one (both with a consented contract), as a
    subquery: the contact form builds its list of services on every request, and mostly never reads it."""
    consented = CommissioningContract.objects.consented()
    commissioners = consented.filter(provider=organisation).values("commissioner_id")
    return consented.filter(commissioner_id__in=commissioners).exclude(provider=organisation).values("provider_id")


def directory_for(organisation: Organisation):
    """The services this organisation can signpost to: its own, and those its sibling providers share."""
    return Service.objects.filter(
        Q(organisation=organisation) | Q(organisation_id__in=sibling_providers(organisation), shared=True)
    ).select_related("organisation")


def with_signposting_counts(services, organisation):
    """How often the viewer's own organisation signposted to each service, and how often everyone else did: a
    sibling provider agreed to share an entry, not its activity (security review M1), so the second figure is only
    ever shown as a suppressed total (common.suppression)."""
    own = Q(conversations__organisation=organisation)
    return services.annotate(
        times_signposted=Count("conversations", filter=own),
        signposted_elsewhere=Count("conversations", filter=~own),
    )


def conversation_totals(organisation_ids, start, end) -> dict[int, int]:
    """{organisation id: conversations from start to end, both included}; organisations with none are left out."""
    rows = (
        OrganisationDailyCount.objects.for_organisations(organisation_ids)
        .filter(dimension=ALL, day__gte=start, day__lte=end)
        .values("organisation_id")
        .annotate(n=Sum("count"))
        .order_by()
    )
    return {row["organisation_id"]: row["n"] for row in rows if row["n"]}


def daily_totals(organisation, dimension: str, start, end):
    """Rows of {"value", "day", "n"}: conversations per value of one dimension and day (for per-quarter tables)."""
    return (
        OrganisationDailyCount.objects.for_organisation(organisation)
        .filter(dimension=dimension, day__gte=start, day__lte=end)
        .values("value", "day")
        .annotate(n=Sum("count"))
        .order_by()
    )


def _counts(organisation, start, end, team=None):
    """The organisation-wide roll-up, or one team's rows."""
    if team is None:
        return OrganisationDailyCount.objects.for_organisation(organisation).filter(day__gte=start, day__lte=end)
    return DailyConversationCount.objects.for_organisation(organisation).filter(
        team_key=team.pk, day__gte=start, day__lte=end
    )


def totals_by_dimension(organisation, start, end, team=None) -> dict[str, dict[str, int]]:
    """{dimension: {value: count}} over the period, from the aggregate rows."""
    result: dict[str, dict[str, int]] = defaultdict(dict)
    rows = _counts(organisation, start, end, team).values("dimension", "value").annotate(n=Sum("count"))
    for row in rows:
        if row["n"]:
            result[row["dimension"]][row["value"]] = row["n"]
    return result


def weekly_totals(organisation, start, end, team=None) -> list[tuple[datetime.date, int]]:
    """Conversations per week (weeks start on Monday), every week of the period present, zero or not."""
    by_day = _counts(organisation, start, end, team).filter(dimension=ALL).values("day").annotate(n=Sum("count"))
    weeks: dict[datetime.date, int] = {}
    monday = start - datetime.timedelta(days=start.weekday())
    while monday <= end:
        weeks[monday] = 0
        monday += datetime.timedelta(days=7)
    for row in by_day:
        week = row["day"] - datetime.timedelta(days=row["day"].weekday())
        weeks[week] = weeks.get(week, 0) + row["n"]
    return sorted(weeks.items())


def totals_by_team(organisation, start, end) -> dict[int, int]:
    rows = (
        DailyConversationCount.objects.for_organisation(organisation)
        .filter(dimension=ALL, day__gte=start, day__lte=end)
        .values("team_key")
        .annotate(n=Sum("count"))
    )
    return {row["team_key"]: row["n"] for row in rows}


def member_counts(organisation, user, today) -> dict[str, int]:
    """The member's own conversations this week and this month (raw rows, indexed by recorder and date)."""
    mine = Conversation.objects.for_organisation(organisation).filter(recorded_by=user)
    week_start = today - datetime.timedelta(days=today.weekday())
    return mine.aggregate(
        this_week=Count("pk", filter=Q(occurred_on__gte=week_start, occurred_on__lte=today)),
        this_month=Count("pk", filter=Q(occurred_on__gte=today.replace(day=1), occurred_on__lte=today)),
        all_time=Count("pk"),
    )
