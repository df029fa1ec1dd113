"""Inputs for the checklist, SMART objectives and team roll-out."""

from django import forms

from common.fields import DATE
from common.uploads import RejectedFile, check_evidence
from implementation import content
from implementation.models import ChecklistItem, Objective, PlanBarrier, TeamPriority
from organisations.forms import MemberChoiceField


class ChecklistItemForm(forms.ModelForm):
    class Meta:
        model = ChecklistItem
        fields = ["status", "not_applicable_reason", "owner", "target_date", "evidence"]
        widgets = {"status": forms.RadioSelect, "target_date": DATE, "evidence": forms.Textarea(attrs={"rows": 4})}
        labels = {"not_applicable_reason": "If not applicable, why?", "target_date": "Target date (optional)"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"] = MemberChoiceField(
            self.instance.organisation, required=False, label="Owner (optional)", empty_label="No owner"
        )
        if self.instance.code == content.BOARD_APPROVAL:
            self.fields["board_decision"] = forms.ChoiceField(
                label="Board decision",
                choices=[("", "Not yet decided"), *ChecklistItem.BoardDecision.choices],
                required=False,
                widget=forms.RadioSelect,
                initial=self.instance.board_decision,
            )
            self.fields["board_decision_on"] = forms.DateField(
                label="Date of the decision (optional)", required=False, widget=DATE,
                initial=self.instance.board_decision_on,
            )  # fmt: skip

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == ChecklistItem.Status.NOT_APPLICABLE and not cleaned.get("not_applicable_reason"):
            self.add_error("not_applicable_reason", "Say why this action does not apply")
        return cleaned

    def changes(self) -> dict:
        changes = {field: self.cleaned_data[field] for field in self.Meta.fields}
        if "board_decision" in self.fields:
            changes["board_decision"] = self.cleaned_data["board_decision"]
            changes["board_decision_on"] = self.cleaned_data["board_decision_on"]
        return changes


class EvidenceFileForm(forms.Form):
    file = forms.FileField(
        label="Add an evidence file",
        help_text="PDF, Word, Excel, PowerPoint, PNG, JPEG or GIF, up to 10 MB",
        error_messages={"required": "Choose a file to upload"},
    )

    def __init__(self, *args, required=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].required = required
        if not required:
            self.fields["file"].label = "Add an evidence file (optional)"

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload is None:
            return None
        try:
            self.content_type, _ = check_evidence(upload)
        except RejectedFile as problem:
            raise forms.ValidationError(str(problem)) from problem
        return upload


class LocalActionForm(forms.Form):
    phase = forms.TypedChoiceField(label="Phase", coerce=int, choices=[(n, name) for n, name, _ in content.PHASES])
    title = forms.CharField(label="Action", max_length=150, error_messages={"required": "Enter the action"})
    success = forms.CharField(label="What success might look like (optional)", max_length=300, required=False)


class ObjectiveForm(forms.ModelForm):
    class Meta:
        model = Objective
        fields = [
            "term", "area", "statement", "owner", "start_date", "deadline", "measure", "target", "phase",
            "manual_value",
        ]  # fmt: skip
        widgets = {
            "term": forms.RadioSelect,
            "area": forms.RadioSelect,
            "measure": forms.RadioSelect,
            "start_date": DATE,
            "deadline": DATE,
        }
        labels = {
            "statement": "Objective",
            "phase": "Checklist phase (for the checklist measure)",
            "manual_value": "Current value (for a value you update by hand)",
        }
        error_messages = {
            "statement": {"required": "Enter the objective"},
            "deadline": {"required": "Enter the deadline"},
            "target": {"required": "Enter the target"},
            "measure": {"required": "Select how progress is measured"},
            "term": {"required": "Select the term"},
            "area": {"required": "Select the part of the programme the objective belongs to"},
        }

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].required = True
        self.fields["area"].label = "Part of the programme"
        self.fields["area"].choices = [(code, name) for code, name, _ in content.AREAS]
        # Radios offer only real answers: Django's "---------" blank choice would look like a selected answer.
        self.fields["term"].choices = Objective.Term.choices
        self.fields["measure"].choices = Objective.Measure.choices
        self.fields["owner"] = MemberChoiceField(
            organisation, label="Owner", error_messages={"required": "Select the owner"}
        )

    def clean(self):
        cleaned = super().clean()
        start, deadline = cleaned.get("start_date"), cleaned.get("deadline")
        if start and deadline and deadline <= start:
            self.add_error("deadline", "The deadline must be after the start date")
        if cleaned.get("measure") == Objective.Measure.CHECKLIST_PHASE and not cleaned.get("phase"):
            self.add_error("phase", "Select the checklist phase this objective measures")
        if cleaned.get("target") is not None and cleaned["target"] <= 0:
            self.add_error("target", "The target must be more than 0")
        return cleaned


class TeamPriorityForm(forms.ModelForm):
    class Meta:
        model = TeamPriority
        fields = [code for code, _ in content.PRIORITY_CRITERIA] + ["planned_start", "agreed_with_head_on"]
        labels = dict(content.PRIORITY_CRITERIA) | {
            "planned_start": "Planned start (optional)",
            "agreed_with_head_on": "Date agreed with the head of department (optional)",
        }
        widgets = {"planned_start": DATE, "agreed_with_head_on": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, label in content.PRIORITY_CRITERIA:
            self.fields[code] = forms.TypedChoiceField(
                label=f"{label} (1 low to 5 high)",
                choices=[(n, str(n)) for n in range(1, 6)],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": f"Score the {label.lower()} from 1 to 5"},
            )


class TeamPlanForm(forms.Form):
    monitoring = forms.CharField(
        label="What will be monitored, and how", widget=forms.Textarea(attrs={"rows": 3}), max_length=3000,
        required=False,
    )  # fmt: skip

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team_lead"] = MemberChoiceField(organisation, label="Team implementation lead", required=False,
                                                     empty_label="Not chosen yet")  # fmt: skip


class BarrierForm(forms.ModelForm):
    class Meta:
        model = PlanBarrier
        fields = ["barrier", "description", "plan_to_overcome"]
        labels = {"description": "Describe it (optional)", "plan_to_overcome": "Plan to overcome it"}
        widgets = {"plan_to_overcome": forms.Textarea(attrs={"rows": 2})}
        error_messages = {"plan_to_overcome": {"required": "Enter the plan to overcome this barrier"}}


class LibraryItemForm(forms.Form):
    """A resource for the library: a file or a link (exactly one), with a title and what it is."""

    title = forms.CharField(label="Title", max_length=150, error_messages={"required": "Enter a title"})
    description = forms.CharField(label="What it is (optional)", max_length=500, required=False)
    entry = forms.ChoiceField(
        label="Is it your version of one of the toolkit's tools? (optional)",
        choices=[("", "No")] + [(e.code, e.title) for e in content.LIBRARY if e.group == "toolkit"],
        required=False,
    )
    upload = forms.FileField(
        label="File (optional if you give a link)",
        help_text="PDF, Word, Excel, PowerPoint, PNG, JPEG or GIF, up to 10 MB",
        required=False,
    )
    link = forms.URLField(
        label="Link (optional if you upload a file)",
        required=False,
        max_length=200,
        assume_scheme="https",
        error_messages={"invalid": "Enter a web address, such as https://www.example.org/prompt-card"},
    )

    def clean_upload(self):
        upload = self.cleaned_data["upload"]
        self.content_type = ""
        if upload:
            try:
                self.content_type, _ = check_evidence(upload)
            except RejectedFile as problem:
                raise forms.ValidationError(str(problem)) from problem
        return upload

    def clean(self):
        cleaned = super().clean()
        has_file, has_link = bool(cleaned.get("upload")), bool(cleaned.get("link"))
        if not self.errors and has_file == has_link:
            self.add_error(
                "upload", "Upload a file or give a link, not both" if has_file else "Upload a file or give a link"
            )
        return cleaned
