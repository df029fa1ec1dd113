"""Inputs for the Organisational Assessment Tool."""

from django import forms

from assessment.models import Assessment
from organisations.forms import TeamChoiceField


class StartAssessmentForm(forms.Form):
    scope = forms.ChoiceField(
        label="What does this assessment cover?",
        choices=Assessment.Scope.choices,
        widget=forms.RadioSelect,
        initial=Assessment.Scope.ORGANISATION,
        error_messages={"required": "Select what the assessment covers"},
    )
    scope_note = forms.CharField(
        label="Describe the scope (optional)",
        max_length=300,
        required=False,
        help_text="For example, 'Baseline before roll-out' or 'Community services directorate'",
    )
    participants = forms.CharField(
        label="Who took part?",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Roles or names of the people who agreed the ratings",
        error_messages={"required": "Enter who took part"},
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"] = TeamChoiceField(organisation)
        self.fields["team"].label = "Team (if it covers one team)"

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("scope") == Assessment.Scope.TEAM and not cleaned.get("team"):
            self.add_error("team", "Select the team this assessment covers")
        return cleaned


class DomainRatingForm(forms.Form):
    """One radio group (levels A to D, with their descriptions) and an evidence box per factor of a domain."""

    def __init__(self, *args, ratings, **kwargs):
        super().__init__(*args, **kwargs)
        self.ratings = ratings
        for rating in ratings:
            factor = rating.factor
            levels = list(factor.levels.all())
            self.fields[f"factor_{factor.number}"] = forms.ChoiceField(
                label=f"{factor.number}. {factor.label}",
                help_text=factor.question,
                choices=[(level.level, f"{level.level.upper()}: {level.description}") for level in levels],
                widget=forms.RadioSelect,
                required=False,
                initial=rating.level.level if rating.level else None,
            )
            self.fields[f"evidence_{factor.number}"] = forms.CharField(
                label=f"Evidence and notes for factor {factor.number} (optional)",
                widget=forms.Textarea(attrs={"rows": 2}),
                max_length=2000,
                required=False,
                initial=rating.evidence,
            )

    def pairs(self):
        for rating in self.ratings:
            number = rating.factor.number
            yield self[f"factor_{number}"], self[f"evidence_{number}"]

    def ratings_to_save(self) -> dict:
        result = {}
        for rating in self.ratings:
            number = rating.factor.number
            chosen = self.cleaned_data.get(f"factor_{number}")
            level = next((lv for lv in rating.factor.levels.all() if lv.level == chosen), None)
            result[rating.factor_id] = (level, self.cleaned_data.get(f"evidence_{number}", ""))
        return result


class CompareForm(forms.Form):
    first = forms.ModelChoiceField(queryset=Assessment.objects.none(), label="Earlier assessment", empty_label=None)
    second = forms.ModelChoiceField(queryset=Assessment.objects.none(), label="Later assessment", empty_label=None)

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        completed = (
            Assessment.objects.for_organisation(organisation)
            .filter(status=Assessment.Status.COMPLETE)
            .select_related("team")
        )
        for name in ("first", "second"):
            self.fields[name].queryset = completed
            self.fields[name].label_from_instance = lambda a: f"{a.scope_label}, {a.completed_at:%-d %b %Y}"
        if not self.is_bound:  # the two latest, earlier first: the comparison people come to make
            latest = list(completed.order_by("-completed_at", "-pk")[:2])
            if len(latest) == 2:
                self.initial.update(first=latest[1].pk, second=latest[0].pk)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("first") and cleaned.get("first") == cleaned.get("second"):
            self.add_error("second", "Choose two different assessments")
        return cleaned
