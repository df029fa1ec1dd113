"""Every input to the organisations app, with its validation and the messages users see."""

from allauth.account.forms import LoginForm
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import password_validation
from django.db import models
from django.utils import timezone

from common.fields import DATE
from organisations.models import CommissioningContract, Invitation, Membership, Organisation, StaffMember, Team, User
from organisations.roles import Role

KEPT = "kept_signed_in"  # read by mecc.middleware.absolute_session_lifetime


class TeamForm(forms.ModelForm):
    class Meta:
        model = Team
        fields = ["name", "description", "establishment"]
        labels = {
            "name": "Team name",
            "description": "Description (optional)",
            "establishment": "Frontline establishment headcount (optional)",
        }
        help_texts = {
            "description": "What the team or service does, for example 'Outpatient physiotherapy'",
            "establishment": "How many frontline posts the team has. Used for training coverage only while none of "
            "the team's people are on the staff roster",
        }
        widgets = {"establishment": forms.NumberInput(attrs={"class": "nhsuk-input--width-5", "inputmode": "numeric"})}

    def __init__(self, *args, organisation, **kwargs):
        self.organisation = organisation
        super().__init__(*args, **kwargs)
        self.fields["name"].error_messages["required"] = "Enter the team name"

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        clash = Team.objects.for_organisation(self.organisation).filter(name__iexact=name)
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError("There is already a team with this name")
        return name

    def save(self, commit=True):
        self.instance.organisation = self.organisation
        return super().save(commit)


class TeamChoiceField(forms.ModelChoiceField):
    """A team of this organisation. `known`: a team already loaded (the member's own), chosen without a query."""

    def __init__(self, organisation, known: Team | None = None, **kwargs):
        super().__init__(
            queryset=Team.objects.for_organisation(organisation),
            required=False,
            empty_label="No team",
            label="Team (optional)",
            **kwargs,
        )
        self.known = known if known is not None and known.organisation_id == organisation.pk else None

    def to_python(self, value):
        if self.known is not None and str(value) == str(self.known.pk):
            return self.known
        return super().to_python(value)


class MemberChoiceField(forms.ModelChoiceField):
    """Active members of the organisation only."""

    def __init__(self, organisation, **kwargs):
        users = User.objects.filter(memberships__organisation=organisation, memberships__is_active=True)
        super().__init__(queryset=users.order_by("full_name", "email"), **kwargs)

    def label_from_instance(self, user):
        return user.get_full_name()


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label="Email address",
        error_messages={
            "required": "Enter the email address of the person to invite",
            "invalid": "Enter an email address in the correct format, like name@example.nhs.uk",
        },
    )
    role = forms.ChoiceField(
        choices=Role.choices, widget=forms.RadioSelect, error_messages={"required": "Select a role"}
    )

    def __init__(self, *args, organisation, **kwargs):
        self.organisation = organisation
        super().__init__(*args, **kwargs)
        self.fields["team"] = TeamChoiceField(organisation)
        self.fields["role"].choices = roles_for(organisation)

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        members = Membership.objects.for_organisation(self.organisation).active()
        if members.filter(user__email__iexact=email).exists():
            raise forms.ValidationError("This person is already a member of this organisation")
        if Invitation.objects.for_organisation(self.organisation).pending().filter(email__iexact=email).exists():
            raise forms.ValidationError("This person already has an invitation waiting: resend it instead")
        return email


def roles_for(organisation) -> list[tuple[str, str]]:
    """The roles this organisation can give: only a commissioner (an ICB or local authority) has commissioners
    (walkthrough 30: a trust was offered the role)."""
    if organisation.commissions:
        return list(Role.choices)
    return [(value, label) for value, label in Role.choices if value != Role.COMMISSIONER]


class MembershipForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["role", "team"]
        widgets = {"role": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"] = TeamChoiceField(self.instance.organisation)
        choices = roles_for(self.instance.organisation)
        if self.instance.role == Role.COMMISSIONER and (Role.COMMISSIONER, Role.COMMISSIONER.label) not in choices:
            choices.append((Role.COMMISSIONER, Role.COMMISSIONER.label))  # a role held already stays shown
        self.fields["role"].choices = choices


class AcceptInvitationForm(forms.Form):
    full_name = forms.CharField(label="Full name", max_length=150, error_messages={"required": "Enter your name"})
    password1 = forms.CharField(
        label="Create a password",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 12 characters. Avoid common words and passwords you use elsewhere.",
        error_messages={"required": "Create a password"},
    )
    password2 = forms.CharField(
        label="Confirm your password",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": "Confirm your password"},
    )

    def __init__(self, *args, email, **kwargs):
        self.email = email
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", "The passwords do not match")
        elif password1:
            try:
                password_validation.validate_password(password1, User(email=self.email))
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class ContractProposalForm(forms.ModelForm):
    """A commissioner (an ICB or a local authority) names one provider by its ODS code or exact name: no list of every
    organisation on the service, and no contract with an organisation that is not a provider (security review L4)."""

    provider = forms.CharField(
        label="Provider's ODS code or full name",
        max_length=200,
        help_text="For example RX1, or Midshire Hospitals NHS Foundation Trust",
        error_messages={"required": "Enter the provider's ODS code or full name"},
    )

    class Meta:
        model = CommissioningContract
        fields = ["reference", "start_date", "end_date"]
        labels = {"reference": "Contract reference", "end_date": "End date (optional)"}
        widgets = {
            "start_date": DATE,
            "end_date": DATE,
        }
        error_messages = {
            "reference": {"required": "Enter the contract reference"},
            "start_date": {"required": "Enter the start date", "invalid": "Enter a real start date"},
            "end_date": {"invalid": "Enter a real end date"},
        }

    field_order = ["provider", "reference", "start_date", "end_date"]

    def __init__(self, *args, commissioner, **kwargs):
        self.commissioner = commissioner
        super().__init__(*args, **kwargs)

    def clean_provider(self):
        wanted = self.cleaned_data["provider"].strip()
        providers = Organisation.objects.exclude(pk=self.commissioner.pk).exclude(kind__in=[Organisation.Kind.ICB])
        match = providers.filter(models.Q(ods_code__iexact=wanted) | models.Q(name__iexact=wanted)).first()
        if match is None:
            raise forms.ValidationError("No provider has that ODS code or name: check it with the provider")
        return match

    def clean(self):
        cleaned = super().clean()
        if not self.commissioner.commissions:
            raise forms.ValidationError("Only integrated care boards and local authorities send MECC contracts")
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", "The end date must be on or after the start date")
        if end and end < timezone.localdate():
            self.add_error("end_date", "The end date must be today or in the future")
        provider, reference = cleaned.get("provider"), cleaned.get("reference")
        if provider and reference:
            duplicate = CommissioningContract.objects.filter(
                commissioner=self.commissioner, provider=provider, reference__iexact=reference
            )
            if duplicate.exists():
                self.add_error("reference", "You already have a contract with this provider and reference")
        return cleaned


class ContractResponseForm(forms.Form):
    decision = forms.ChoiceField(
        label="Do you accept this contract and share your MECC figures with the commissioner?",
        choices=[("accept", "Yes, accept and share"), ("decline", "No, decline")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether you accept the contract"},
    )


class SignInForm(LoginForm):
    """allauth's sign-in form as NHS.UK forms are: visible labels and no placeholder text, and one "Forgotten your
    password?" link under the form rather than a second one in the password's hint (walkthrough 24).

    It remembers the email address on the device, and lets frontline staff stay signed in for logging (issue 18):
    only when every role the person holds is frontline, since privileged roles keep the short session and MFA.
    """

    keep_signed_in = forms.BooleanField(
        label="Keep me signed in on this device for logging conversations (frontline staff only)",
        help_text="For 30 days on your own phone. Not on a shared computer. Other pages still ask you to sign in.",
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.pop("placeholder", None)
        self.fields["password"].help_text = ""
        request = getattr(self, "request", None)
        if not self.is_bound and request is not None and not self.initial.get("login"):
            self.initial["login"] = request.COOKIES.get(settings.REMEMBERED_EMAIL_COOKIE, "")

    def login(self, request, redirect_url=None):
        response = super().login(request, redirect_url)
        user = request.user
        if user.is_authenticated:
            if self.cleaned_data.get("keep_signed_in"):
                if may_stay_signed_in(user):
                    request.session[KEPT] = True
                    request.session.set_expiry(settings.KEPT_SESSION_SECONDS)
                else:
                    messages.info(request, "Staying signed in is for frontline staff only: your role signs you out "
                                           "after 30 minutes without use.")  # fmt: skip
            response.set_cookie(
                settings.REMEMBERED_EMAIL_COOKIE, user.email, max_age=365 * 24 * 60 * 60, httponly=True,
                samesite="Lax", secure=settings.SESSION_COOKIE_SECURE,
            )  # fmt: skip
        return response


def may_stay_signed_in(user) -> bool:
    """Only someone whose every active role is frontline: no access to others' data rides on a long session."""
    roles = set(Membership.objects.active().filter(user=user).values_list("role", flat=True))
    return not (user.is_staff or user.is_superuser) and roles == {Role.FRONTLINE}


class StaffMemberForm(forms.ModelForm):
    """One person on the staff roster, entered or corrected by hand."""

    class Meta:
        model = StaffMember
        fields = ["name", "staff_number", "email", "team", "frontline", "started_on", "left_on"]
        labels = {
            "staff_number": "Staff number (optional if you give an email address)",
            "email": "Work email address (optional if you give a staff number)",
            "started_on": "Start date (optional)",
            "left_on": "Leave date (optional)",
        }
        help_texts = {
            "email": "An account with this email address is linked to this person",
            "left_on": "The first day they no longer work here",
        }
        widgets = {"started_on": DATE, "left_on": DATE}

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.fields["team"] = TeamChoiceField(organisation)
        self.fields["name"].error_messages["required"] = "Enter the person's name"

    def clean(self):
        cleaned = super().clean()
        email = (cleaned.get("email") or "").strip().lower()
        number = (cleaned.get("staff_number") or "").strip()
        if not email and not number and "email" not in self.errors:
            self.add_error("staff_number", "Enter a staff number or a work email address")
        others = StaffMember.objects.for_organisation(self.organisation).exclude(pk=self.instance.pk)
        if email and others.filter(email=email).exists():
            self.add_error("email", "Someone on the roster already has this email address")
        if number and others.filter(staff_number=number).exists():
            self.add_error("staff_number", "Someone on the roster already has this staff number")
        started, left = cleaned.get("started_on"), cleaned.get("left_on")
        if started and left and left < started:
            self.add_error("left_on", "The leave date must be on or after the start date")
        return cleaned


class RosterImportForm(forms.Form):
    file = forms.FileField(
        label="CSV file of staff",
        help_text="Up to 5 MB. Columns: name, and staff_number or email; optionally team, frontline, start_date, "
        "leave_date (an ESR-style export's headings, such as 'Employee Number', are recognised)",
        error_messages={"required": "Choose a CSV file to upload"},
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label="What the token is for",
        help_text="For example 'ICB analytics: quarterly MECC figures'. It is shown in the list of tokens",
        max_length=100,
        error_messages={"required": "Say what the token is for"},
    )
