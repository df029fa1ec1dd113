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
    start, end, notes = _period(request, today)
    team = request.membership.team if request.membership.sees_only_own_team() else None
    context = summary_context(request.organisation, start, end, team)
    context.update(start=start, end=end, team=team, notes=notes)
    return render(request, "evaluation/summary.html", context)


LONGEST = datetime.timedelta(days=3 * 366)


def _period(request, today):
    """(start, end, what was changed from what was asked and why): the page never changes a date silently."""
    notes = []
    start, end = today - datetime.timedelta(days=7 * 12 - 1), today
    for name, label in (("from", "From"), ("to", "To")):
        given = request.GET.get(name, "")
        try:
            day = datetime.date.fromisoformat(given) if given else None
        except ValueError:
            notes.append(f"“{given}” is not a date, so “{label}” is the default. Use the format 2026-04-01.")
            continue
        if day and name == "from":
            start = day
        elif day:
            end = day
    if start > end:
        start, end = end, start
        notes.append("“From” was after “To”, so they have been swapped.")
    if end - start > LONGEST:
        end = start + LONGEST
        notes.append(f"The longest period shown is 3 years, so it ends on {end:%-d %B %Y}.")
    return start, end, notes
