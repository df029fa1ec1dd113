"""Inputs for the contact log, the directory and imports, with the messages people see."""

import datetime
import uuid

from django import forms
from django.utils import timezone

from common.fields import DATE, ModelMultipleChoiceField
from contacts import content
from contacts.models import Service
from contacts.privacy import find_identifiers
from contacts.selectors import directory_for
from organisations.forms import TeamChoiceField

BACKDATE_DAYS = 7


def check_date_window(day: datetime.date, today: datetime.date) -> None:
    if day > today:
        raise forms.ValidationError("The date cannot be in the future")
    if day < today - datetime.timedelta(days=BACKDATE_DAYS):
        raise forms.ValidationError(f"The date must be today or in the last {BACKDATE_DAYS} days")


def check_note(note: str) -> str:
    found = find_identifiers(note)
    if found:
        raise forms.ValidationError(
            f"Remove {' and '.join(found)} from the note. The log records the conversation, never the person."
        )
    return note


class MaskCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes that carry their bit, for scripts that compare a choice with a stored mask."""

    def __init__(self, items, attrs=None):
        self.bits = {item.code: item.bit for item in items}
        super().__init__(attrs)

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        option["attrs"]["data-bit"] = self.bits[value]
        return option


def multi(items, label, help_text="", required=False):
    return forms.MultipleChoiceField(
        label=label,
        choices=content.choices(items),
        widget=MaskCheckboxes(items),
        required=required,
        help_text=help_text,
    )


def single(items, label, required=True, blank_label=None, radio=True):
    choices = content.choices(items)
    if blank_label is not None:
        choices = [("", blank_label), *choices]
    return forms.ChoiceField(
        label=label,
        choices=choices,
        required=required,
        widget=forms.RadioSelect if radio else forms.Select,
    )


class ServiceCheckboxes(forms.CheckboxSelectMultiple):
    """Each option carries its service's topic masks, so a small script can list the relevant services first."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        service = getattr(value, "instance", None)
        if service is not None:
            option["attrs"]["data-topics"] = service.topics
            option["attrs"]["data-determinants"] = service.determinants
        return option


class ServiceChoiceField(ModelMultipleChoiceField):
    """Each service once, named with who runs it and how to reach it: three providers sharing the same "Stop
    Smoking Service" used to appear as three identical names (walkthrough bug 7)."""

    widget = ServiceCheckboxes
    viewer_id = None  # the organisation logging: its own services say so rather than repeating its name

    def label_from_instance(self, service):
        runs_it = "your organisation" if service.organisation_id == self.viewer_id else service.organisation.name
        how = "; ".join(part for part in (service.phone, service.opening_times) if part)
        return f"{service.name} ({runs_it}{': ' + how if how else ''})"


def one_of_each(services, viewer_id):
    """The directory with each real service once: entries of several providers with the same name, phone and
    website are one service, and the viewer's own entry (else the first) stands for it."""
    seen, keep = set(), []
    for service in sorted(services, key=lambda s: (s.organisation_id != viewer_id, s.name.lower(), s.pk)):
        key = (service.name.strip().lower(), service.phone.replace(" ", ""), service.website.rstrip("/").lower())
        if key not in seen:
            seen.add(key)
            keep.append(service.pk)
    return keep


class ConversationForm(forms.Form):
    """One conversation. Only a topic (or determinant) and an outcome need a tap; everything else has a default."""

    topics = multi(content.TOPICS, "What did you talk about?", "Select all that apply")
    determinants = multi(
        content.DETERMINANTS,
        "Wider determinants of health",
        "Select all that apply. Housing, money and education are the guide's examples; the others are this "
        "service's own additions.",
    )
    outcomes = multi(content.OUTCOMES, "What happened?", f"Select all that apply. {content.OWN_OPTIONS_NOTE}")
    services = ServiceChoiceField(
        queryset=Service.objects.none(),
        label="Services you signposted or referred to",
        required=False,
    )
    resources = multi(content.RESOURCES, "Resources given")
    occurred_on = forms.DateField(
        label="Date",
        widget=DATE,
        error_messages={"invalid": "Enter a real date", "required": "Enter the date of the conversation"},
    )
    setting = single(content.SETTINGS, "Setting", required=False, blank_label="Not recorded", radio=False)
    contact_type = single(content.CONTACT_TYPES, "Who was it with? (optional)", required=False)
    raised_by = single(content.RAISED_BY, "Who raised it? (optional)", required=False)
    intervention_level = single(content.INTERVENTION_LEVELS, "Level of conversation (optional)", required=False)
    readiness = single(content.READINESS, "How ready were they to change? (optional)", required=False)
    pathway_stage = single(
        content.PATHWAY_STAGES, "Did they go further on the Behaviour Change Pathway? (optional)", required=False
    )
    nice_outcomes = multi(content.NICE_OUTCOMES, "Did they do any of these? (optional)")
    note = forms.CharField(
        label="Short note (optional)",
        max_length=200,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="About the conversation only. Never a name, NHS number, address, postcode, phone, email or date "
        "of birth.",
    )
    client_key = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args, organisation, membership, **kwargs):
        self.today = timezone.localdate()
        super().__init__(*args, **kwargs)
        self.fields["team"] = TeamChoiceField(organisation, known=membership.team)
        self.fields["team"].label = "Team"
        self.organisation = organisation
        # Most saves choose no service: then the directory is neither read nor built (the common path stays cheap).
        if not self.is_bound or self.data.get("services"):
            self._offer_directory()
        if not self.is_bound:
            self.initial.setdefault("occurred_on", self.today)
            self.initial.setdefault("team", membership.team_id)
            self.initial.setdefault("client_key", uuid.uuid4())

    def _offer_directory(self):
        directory = directory_for(self.organisation).filter(is_active=True)
        self.fields["services"].viewer_id = self.organisation.pk
        self.fields["services"].queryset = directory.filter(pk__in=one_of_each(directory, self.organisation.pk))

    def full_clean(self):
        super().full_clean()
        if self._errors:
            self._offer_directory()  # the form is shown again, with the services to choose from

    def clean_occurred_on(self):
        day = self.cleaned_data["occurred_on"]
        check_date_window(day, self.today)
        return day

    def clean_note(self):
        return check_note(self.cleaned_data["note"].strip())

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("topics") and not cleaned.get("determinants") and "topics" not in self.errors:
            self.add_error("topics", "Select at least one topic or wider determinant")
        outcomes = cleaned.get("outcomes") or []
        if not outcomes and "outcomes" not in self.errors:
            self.add_error("outcomes", "Select what happened")
        needs_service = set(outcomes) & content.OUTCOMES_NEEDING_A_SERVICE
        if needs_service and not cleaned.get("services") and "services" not in self.errors:
            what = " or ".join(sorted(needs_service))
            self.add_error("services", f"Select the service you {what} them to")
        return cleaned

    def conversation_data(self) -> dict:
        data = {k: v for k, v in self.cleaned_data.items() if k not in ("services", "client_key")}
        data["setting"] = data.get("setting") or ""
        data["readiness"] = data.get("readiness") or ""
        return data


class ServiceForm(forms.ModelForm):
    website = forms.URLField(
        label="Website (optional)", required=False, assume_scheme="https", max_length=200,
        error_messages={"invalid": "Enter a web address, like https://www.example.org"},
    )  # fmt: skip
    topic_codes = multi(content.TOPICS, "Health topics it helps with")
    determinant_codes = multi(content.DETERMINANTS, "Wider determinants it helps with")
    open_day_codes = multi(content.WEEKDAYS, "Days it is open (optional)")
    opens_at = forms.TimeField(
        label="Opens at (optional)", required=False, help_text="For example 09:00",
        widget=forms.TimeInput(format="%H:%M", attrs={"class": "nhsuk-input--width-5", "inputmode": "numeric"}),
        error_messages={"invalid": "Enter the time it opens as hours and minutes, like 09:00"},
    )  # fmt: skip
    closes_at = forms.TimeField(
        label="Closes at (optional)", required=False, help_text="For example 17:30",
        widget=forms.TimeInput(format="%H:%M", attrs={"class": "nhsuk-input--width-5", "inputmode": "numeric"}),
        error_messages={"invalid": "Enter the time it closes as hours and minutes, like 17:30"},
    )  # fmt: skip

    class Meta:
        model = Service
        fields = ["name", "description", "area_served", "access", "phone", "website", "opening_times", "address",
                  "town", "postcode"]  # fmt: skip
        labels = {"name": "Service name", "description": "What it offers (optional)", "access": "How to access it"}
        widgets = {"access": forms.RadioSelect, "description": forms.Textarea(attrs={"rows": 3})}
        error_messages = {"name": {"required": "Enter the service name"}}

    field_order = ["name", "description", "topic_codes", "determinant_codes"]

    def __init__(self, *args, organisation, **kwargs):
        self.organisation = organisation
        super().__init__(*args, **kwargs)
        self.fields["is_active"] = forms.BooleanField(label="Active: offer it in the conversation form", required=False)
        self.fields["shared"] = forms.BooleanField(
            label=Service._meta.get_field("shared").verbose_name.capitalize(),
            required=False,
            help_text=Service._meta.get_field("shared").help_text,
        )
        if self.instance.pk:
            self.initial.update(
                topic_codes=self.instance.topic_codes,
                determinant_codes=self.instance.determinant_codes,
                open_day_codes=self.instance.open_day_codes,
                opens_at=self.instance.opens_at,
                closes_at=self.instance.closes_at,
                is_active=self.instance.is_active,
                shared=self.instance.shared,
            )
        else:
            self.initial.setdefault("is_active", True)

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        clash = Service.objects.for_organisation(self.organisation).filter(name__iexact=name)
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError("Your directory already has a service with this name")
        return name

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("topic_codes") and not cleaned.get("determinant_codes"):
            self.add_error("topic_codes", "Select at least one topic or wider determinant it helps with")
        hours = [cleaned.get("open_day_codes"), cleaned.get("opens_at"), cleaned.get("closes_at")]
        if any(hours) and not all(hours) and not self.has_error("opens_at") and not self.has_error("closes_at"):
            self.add_error("open_day_codes", "Give the days it is open, and the times it opens and closes, or none")
        if all(hours) and cleaned["closes_at"] <= cleaned["opens_at"]:
            self.add_error("closes_at", "The closing time must be after the opening time")
        return cleaned

    def save(self, commit=True):
        service = self.instance
        service.organisation = self.organisation
        service.topics = content.to_mask(content.TOPICS, self.cleaned_data["topic_codes"])
        service.determinants = content.to_mask(content.DETERMINANTS, self.cleaned_data["determinant_codes"])
        service.is_active = self.cleaned_data["is_active"]
        service.shared = self.cleaned_data["shared"]
        service.open_days = content.to_mask(content.WEEKDAYS, self.cleaned_data["open_day_codes"])
        service.opens_at, service.closes_at = self.cleaned_data["opens_at"], self.cleaned_data["closes_at"]
        service.postcode = self.cleaned_data["postcode"].strip().upper()
        service.reviewed_at = timezone.now()
        return super().save(commit)


class ImportForm(forms.Form):
    file = forms.FileField(
        label="CSV file",
        help_text="Use the template. Up to 20 MB, about 200,000 rows.",
        error_messages={"required": "Choose a CSV file to upload"},
    )
    mode = forms.ChoiceField(
        label="If some rows have problems",
        choices=[
            ("all", "Import nothing, so I can fix the file"),
            ("valid", "Import the valid rows and skip the rest"),
        ],
        initial="all",
        widget=forms.RadioSelect,
    )


class PublishDirectoryForm(forms.Form):
    publish = forms.BooleanField(
        label="Publish our shared, active directory entries as an Open Referral UK feed",
        help_text="Anyone can then read them, as the standard expects: only entries marked as shared are published",
        required=False,
    )


class DirectoryImportForm(forms.Form):
    file = forms.FileField(
        label="Open Referral UK feed saved as JSON",
        help_text="Up to 10 MB: a /services page, a list of services, or one service",
        error_messages={"required": "Choose a JSON file to upload"},
        widget=forms.ClearableFileInput(attrs={"accept": ".json,application/json"}),
    )
    origin = forms.CharField(
        label="Where it comes from (optional)",
        help_text="For example the council's feed address; the file's name if left blank. Importing from the same "
        "origin again updates its entries",
        max_length=200,
        required=False,
    )
