"""Inputs of the top floor: report periods and scope, the quarterly schedule, the SC8 portfolio filter and a
contract's SC8 thresholds."""

import datetime

from django import forms

from common import periods
from common.fields import DATE
from organisations.forms import TeamChoiceField


class ReportRequestForm(forms.Form):
    """Which period and which part of the organisation a report covers."""

    MAX_DAYS = 3 * 366

    period = forms.ChoiceField(label="Period", error_messages={"required": "Choose the period the report covers"})
    start = forms.DateField(
        label="From (for another period)",
        required=False,
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        widget=DATE,
        error_messages={"invalid": "Enter the start date as a real date, for example 1 4 2026"},
    )
    end = forms.DateField(
        label="To (for another period)",
        required=False,
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        widget=DATE,
        error_messages={"invalid": "Enter the end date as a real date, for example 30 6 2026"},
    )

    def __init__(self, organisation, today: datetime.date, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.periods = {p.code: p for p in periods.recent(today)}
        self.fields["period"].choices = [(p.code, p.label) for p in self.periods.values()] + [
            ("custom", "Another period (enter the dates below)")
        ]
        self.fields["period"].initial = periods.previous_quarter(today).code
        self.fields["team"] = TeamChoiceField(organisation)
        self.fields["team"].label = "Scope"
        self.fields["team"].empty_label = "Whole organisation"

    def clean(self):
        data = super().clean()
        code = data.get("period")
        if code and code != "custom":
            data["chosen"] = self.periods[code]
            return data
        start, end = data.get("start"), data.get("end")
        if code == "custom" and "start" not in self.errors and "end" not in self.errors:
            if start is None:
                self.add_error("start", "Enter the first day of the period")
            if end is None:
                self.add_error("end", "Enter the last day of the period")
            if start and end:
                if end < start:
                    self.add_error("end", "The last day must be on or after the first day")
                elif end > self.today:
                    self.add_error("end", "The last day cannot be in the future")
                elif (end - start).days > self.MAX_DAYS:
                    self.add_error("end", "A report can cover at most 3 years")
                else:
                    data["chosen"] = periods.custom(start, end)
        return data


class ReportScheduleForm(forms.Form):
    quarterly_board_report = forms.BooleanField(
        label="Build a board report automatically at the start of each quarter",
        required=False,
        help_text="It covers the quarter just ended and the whole organisation; board members get an email.",
    )


class PortfolioFilter(forms.Form):
    q = forms.CharField(label="Provider name contains", required=False)
    status = forms.ChoiceField(
        label="Show",
        required=False,
        choices=[("", "All providers"), ("red", "Providers with any red"), ("amber", "Providers with any amber")],
    )


class ThresholdsForm(forms.Form):
    trained_target = forms.IntegerField(label="Target % of frontline staff trained", min_value=1, max_value=100)
    trained_amber_gap = forms.IntegerField(label="Amber within this many points below the target", min_value=0,
                                           max_value=100)  # fmt: skip
    activity_target = forms.IntegerField(label="Target conversations per 1,000 staff per quarter", min_value=1,
                                         max_value=100000)  # fmt: skip
