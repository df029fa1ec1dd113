"""Inputs for training resources, quality-marker evaluations, sessions, surveys and record imports."""

from django import forms

from common.fields import DATE, ModelMultipleChoiceField
from common.uploads import RejectedFile, check_evidence
from organisations.forms import MemberChoiceField, TeamChoiceField
from organisations.models import Membership
from organisations.selectors import roster_people
from training import content
from training.models import TrainingResource, TrainingSession
from training.services import IMPORT_MAX_BYTES


class ResourceForm(forms.ModelForm):
    class Meta:
        model = TrainingResource
        fields = ["name", "provider", "delivery", "duration_minutes", "intervention_level", "competence_level", "link"]
        widgets = {
            "delivery": forms.RadioSelect,
            "intervention_level": forms.RadioSelect,
            "competence_level": forms.RadioSelect,
        }
        labels = {"name": "Resource name", "provider": "Provider (optional)", "link": "Link (optional)",
                  "duration_minutes": "Duration in minutes (optional)"}  # fmt: skip
        error_messages = {"name": {"required": "Enter the resource name"}}
        help_texts = {
            "competence_level": "These two levels come from a regional HEE (Kent, Surrey and Sussex) competency "
            "framework, not a national scale."
        }

    link = forms.URLField(label="Link (optional)", required=False, assume_scheme="https")

    def __init__(self, *args, organisation, **kwargs):
        self.organisation = organisation
        super().__init__(*args, **kwargs)

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        clash = TrainingResource.objects.for_organisation(self.organisation).filter(name__iexact=name)
        if clash.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError("There is already a resource with this name")
        return name

    def save(self, commit=True):
        self.instance.organisation = self.organisation
        return super().save(commit)


class EvaluationForm(forms.Form):
    """For each marker: a rating, evidence, an optional file, and an action with a due date if not fully met."""

    def __init__(self, *args, ratings, markers, **kwargs):
        super().__init__(*args, **kwargs)
        self.markers = markers
        self.ratings = {r.marker: r for r in ratings}
        self.uploads = {}
        for number, marker in enumerate(self.markers, start=1):
            rating = self.ratings[marker.code]
            prefix = marker.code
            self.fields[f"{prefix}-rating"] = forms.ChoiceField(
                label=f"{number}. {marker.text}", help_text=f"Indicators: {marker.indicators}",
                choices=[(code, f"{label} ({points})") for code, label, points in content.RATINGS],
                widget=forms.RadioSelect, required=False, initial=rating.rating or None,
            )  # fmt: skip
            self.fields[f"{prefix}-evidence"] = forms.CharField(
                label=f"Evidence for marker {number} (optional)", widget=forms.Textarea(attrs={"rows": 2}),
                required=False, max_length=3000, initial=rating.evidence,
            )  # fmt: skip
            self.fields[f"{prefix}-file"] = forms.FileField(label=f"Evidence file for marker {number} (optional)",
                                                            required=False)  # fmt: skip
            self.fields[f"{prefix}-action"] = forms.CharField(
                label=f"Action to meet marker {number}, if not fully met", required=False, max_length=300,
                initial=rating.action,
            )  # fmt: skip
            self.fields[f"{prefix}-action_due"] = forms.DateField(
                label=f"Action due date for marker {number}", required=False, widget=DATE, initial=rating.action_due
            )

    def clean(self):
        cleaned = super().clean()
        for marker in self.markers:
            upload = cleaned.get(f"{marker.code}-file")
            if upload:
                try:
                    self.uploads[marker.code] = (upload, check_evidence(upload)[0])
                except RejectedFile as problem:
                    self.add_error(f"{marker.code}-file", str(problem))
        return cleaned

    def groups(self):
        for number, marker in enumerate(self.markers, start=1):
            yield {
                "number": number,
                "marker": marker,
                "fields": [
                    self[f"{marker.code}-{name}"] for name in ("rating", "evidence", "file", "action", "action_due")
                ],
                "files": self.ratings[marker.code].files.all(),
            }

    def answers(self) -> dict:
        return {
            m.code: {
                name: self.cleaned_data[f"{m.code}-{name}"] for name in ("rating", "evidence", "action", "action_due")
            }
            for m in self.markers
        }


class SessionForm(forms.ModelForm):
    class Meta:
        model = TrainingSession
        fields = ["resource", "date", "trainer", "team", "place"]
        widgets = {"date": DATE}
        labels = {"place": "Place (optional)"}
        error_messages = {
            "resource": {"required": "Select the training resource"},
            "date": {"required": "Enter the date"},
        }

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resource"].queryset = TrainingResource.objects.for_organisation(organisation)
        self.fields["trainer"] = MemberChoiceField(
            organisation, label="Trainer", required=False, empty_label="Not recorded"
        )
        self.fields["team"] = TeamChoiceField(organisation)


class AttendanceForm(forms.Form):
    attendees = ModelMultipleChoiceField(
        queryset=Membership.objects.none(), widget=forms.CheckboxSelectMultiple, required=False, label="Who attended?"
    )

    others = forms.CharField(
        label="Attendees without an account",
        help_text="Their staff numbers or work email addresses from the staff roster, one on each line",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )

    def __init__(self, *args, organisation, session, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation, self.session = organisation, session
        field = self.fields["attendees"]
        field.queryset = Membership.objects.for_organisation(organisation).active().select_related("user", "team")
        field.label_from_instance = lambda m: f"{m.user.get_full_name()}{f' ({m.team})' if m.team else ''}"

    def clean_others(self):
        references = self.cleaned_data["others"].splitlines()
        found, missing = roster_people(self.organisation, references, self.session.date)
        if missing:
            raise forms.ValidationError(
                f"Not on the staff roster on {self.session.date:%-d %B %Y}: {', '.join(missing[:10])}"
                + (f" and {len(missing) - 10} more" if len(missing) > 10 else "")
            )
        return list({person.pk: person for person in found.values()}.values())


class SurveyForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, text in content.QUESTIONS:
            self.fields[code] = forms.TypedChoiceField(
                label=text, choices=content.SCALE, coerce=int, widget=forms.RadioSelect,
                error_messages={"required": "Choose an answer from 1 to 5"},
            )  # fmt: skip


class RecordImportForm(forms.Form):
    file = forms.FileField(
        label="CSV of completions",
        help_text="Columns: email, resource, completed_on, and optionally valid_until and staff_number (for staff "
        "on the roster without an account)",
        error_messages={"required": "Choose a CSV file to upload"},
    )  # fmt: skip

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > IMPORT_MAX_BYTES:  # judged by its size, before a byte of it is read (review M6)
            raise forms.ValidationError("The file is larger than 5 MB. Split it into smaller files.")
        return upload


class SkillsForm(forms.Form):
    """The member's competence and confidence at each Behaviour Change Pathway stage, 1 to 5."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, name, _ in content.SKILL_STAGES:
            for aspect, question in content.SKILL_ASPECTS:
                self.fields[f"{code}-{aspect}"] = forms.TypedChoiceField(
                    label=f"{question} at {name}?",
                    choices=content.SKILL_SCALE,
                    coerce=int,
                    widget=forms.RadioSelect,
                    error_messages={"required": f"Select how {aspect.replace('nce', 'nt')} you feel at {name}"},
                )

    def stages(self):
        for code, name, description in content.SKILL_STAGES:
            yield {"name": name, "description": description,
                   "fields": [self[f"{code}-{aspect}"] for aspect, _ in content.SKILL_ASPECTS]}  # fmt: skip

    def ratings(self) -> dict:
        return {
            code: {aspect: self.cleaned_data[f"{code}-{aspect}"] for aspect, _ in content.SKILL_ASPECTS}
            for code, _, _ in content.SKILL_STAGES
        }
