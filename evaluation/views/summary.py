"""The conversation summary: totals and charts of the contact log for a period, with training alongside."""

import datetime

from django.shortcuts import render
from django.utils import timezone

from evaluation.summary import summary_context
from organisations.access import organisation_view
from organisations.roles import Capability


@organisation_view(Capability.VIEW_CONVERSATIONS)
def conversation_summary(request):
    if request.membership.has_no_team_to_see():
        return render(request, "evaluation/summary_no_team.html")  # fail closed: never the whole organisation's
    today = timezone.localdate()
    start, end = _period(request, today)
    team = request.membership.team if request.membership.sees_only_own_team() else None
    context = summary_context(request.organisation, start, end, team)
    context.update(start=start, end=end, team=team)
    return render(request, "evaluation/summary.html", context)


def _period(request, today):
    try:
        start = datetime.date.fromisoformat(request.GET.get("from", ""))
    except ValueError:
        start = today - datetime.timedelta(days=7 * 12 - 1)
    try:
        end = datetime.date.fromisoformat(request.GET.get("to", ""))
    except ValueError:
        end = today
    if start > end:
        start, end = end, start
    return start, min(end, start + datetime.timedelta(days=3 * 366))
