"""The conversation summary: totals and charts of the contact log for a period, with training alongside."""

import datetime

from django.shortcuts import render
from django.utils import timezone

from evaluation.summary import summary_context
from organisations.access import organisation_view
from organisations.roles import Capability, Role


@organisation_view(Capability.VIEW_CONVERSATIONS)
def conversation_summary(request):
    today = timezone.localdate()
    start, end = _period(request, today)
    team = None
    if request.membership.role == Role.TEAM_MANAGER and request.membership.team_id:
        team = request.membership.team
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
