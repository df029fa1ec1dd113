"""The conversation summary: totals and charts of the contact log for a period, with training alongside."""

import datetime

from django import forms
from django.shortcuts import render
from django.utils import timezone

from common.fields import DATE
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
    context.update(start=start, end=end, team=team, notes=notes, period_form=PeriodForm(start, end))
    return render(request, "evaluation/summary.html", context)


LONGEST = datetime.timedelta(days=3 * 366)


class PeriodForm(forms.Form):
    """Only for showing the period in NHS.UK date inputs: _period reads what comes back, and says what it changed."""

    def __init__(self, start, end):
        super().__init__(initial={"from": start, "to": end})
        self.fields["from"] = forms.DateField(label="From", widget=DATE)
        self.fields["to"] = forms.DateField(label="To", widget=DATE)


def _period(request, today):
    """(start, end, what was changed from what was asked and why): the page never changes a date silently."""
    notes = []
    start, end = today - datetime.timedelta(days=7 * 12 - 1), today
    for name, label in (("from", "From"), ("to", "To")):
        # The NHS.UK date input's day, month and year, or one ISO date (the links the pages make).
        given = DATE.value_from_datadict(request.GET, None, name) or ""
        try:
            day = datetime.date(*(int(part) for part in given.split("-"))) if given else None
        except (TypeError, ValueError):
            shown = " ".join(reversed(given.split("-"))).strip()
            notes.append(f"“{shown}” is not a real date, so “{label}” is the default. For example, 1 4 2026.")
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
