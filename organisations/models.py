"""Users, organisations (tenants), teams, memberships, invitations and commissioning contracts.

TenantOwned is the one base for every model that belongs to an organisation: it carries the foreign key and a
queryset whose for_organisation() is the only way views look such rows up.
"""

import re
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from simple_history.models import HistoricalRecords

from organisations.ods_reference import OdsOrganisation, known  # noqa: F401 - registers the reference model
from organisations.roles import COMMISSIONING_CAPABILITIES, Capability, Role, role_can

ODS_CODE_PATTERN = re.compile(r"^[A-Z0-9]{3,6}$")


def new_invitation_nonce() -> str:
    return secrets.token_urlsafe(16)


def validate_ods_code(value: str) -> None:
    if not ODS_CODE_PATTERN.match(value):
        raise ValidationError(
            "Enter an ODS code of 3 to 6 letters and numbers, like RX1 or A81001",
            code="invalid_ods_code",
        )


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **extra_fields):
        if not email:
            raise ValueError("Users need an email address")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **extra_fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in by email address. What they may see comes from their memberships."""

    email = models.EmailField("email address", unique=True)
    full_name = models.CharField(max_length=150, blank=True)
    is_staff = models.BooleanField(
        "platform staff", default=False, help_text="Platform staff can use the Django admin."
    )
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        constraints = [models.UniqueConstraint(Lower("email"), name="user_email_case_insensitive_unique")]

    def __str__(self):
        return self.full_name or self.email

    def clean(self):
        super().clean()
        self.email = self.email.lower()

    def get_full_name(self):
        return self.full_name or self.email

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email


class Organisation(models.Model):
    class Kind(models.TextChoices):
        NHS_TRUST = "nhs_trust", "NHS trust"
        ICB = "icb", "Integrated care board"
        LOCAL_AUTHORITY = "local_authority", "Local authority"
        PRIMARY_CARE = "primary_care", "Primary care"
        VCSE = "vcse", "Voluntary, community or social enterprise"
        OTHER = "other", "Other"

    class Region(models.TextChoices):
        EAST_OF_ENGLAND = "east_of_england", "East of England"
        LONDON = "london", "London"
        MIDLANDS = "midlands", "Midlands"
        NORTH_EAST_AND_YORKSHIRE = "north_east_and_yorkshire", "North East and Yorkshire"
        NORTH_WEST = "north_west", "North West"
        SOUTH_EAST = "south_east", "South East"
        SOUTH_WEST = "south_west", "South West"

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=60, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    ods_code = models.CharField(
        "ODS code", max_length=6, blank=True, validators=[validate_ods_code], help_text="For example, RX1"
    )
    region = models.CharField(max_length=30, choices=Region.choices, blank=True)
    staff_headcount = models.PositiveIntegerField(
        null=True, blank=True, help_text="Used to compare activity between organisations of different sizes."
    )
    # Open Referral UK: the shared, active entries of the signposting directory published as an open feed (issue 20).
    publishes_directory = models.BooleanField("Publish the shared directory as an Open Referral UK feed", default=False)
    quarterly_board_report = models.BooleanField(
        "build a board report automatically each quarter",
        default=False,
        help_text="On the first day of each quarter, an evaluation report for the quarter just ended is built.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["ods_code"], condition=~models.Q(ods_code=""), name="organisation_ods_code_unique"
            )
        ]

    def __str__(self):
        return self.name

    @property
    def commissions(self) -> bool:
        """An ICB or a local authority: the kinds that commission providers, follow them and have commissioners."""
        return self.kind in (self.Kind.ICB, self.Kind.LOCAL_AUTHORITY)

    def clean_fields(self, exclude=None):
        # Normalised before validation, so "rx1" typed in the admin is accepted as RX1.
        self.ods_code = (self.ods_code or "").strip().upper()
        super().clean_fields(exclude)
        if self.ods_code and ODS_CODE_PATTERN.match(self.ods_code) and known(self.ods_code) is False:
            raise ValidationError(
                {"ods_code": f"{self.ods_code} is not in the NHS organisation list loaded here (ODS reference data)"}
            )


class TenantQuerySet(models.QuerySet):
    def for_organisation(self, organisation):
        return self.filter(organisation=organisation)

    def for_organisations(self, organisation_ids):
        """Rows of several organisations at once: only the commissioner's portfolio and reports read across tenants,
        and only through selectors that return aggregates."""
        return self.filter(organisation_id__in=organisation_ids)


class TenantHistoricalRecords(HistoricalRecords):
    """django-simple-history, letting a model that moved to another app keep its history table's name.

    A model declares `history_db_table = "<old name>"`; without it the table is named as usual.
    """

    def get_history_user(self, instance):
        # A model whose rows must never be linked to a person (survey answers) declares history_names_who = False:
        # its history keeps what changed and when, never who.
        if not getattr(type(instance), "history_names_who", True):
            return None
        return super().get_history_user(instance)

    def get_meta_options(self, model):
        options = super().get_meta_options(model)
        table = getattr(model, "history_db_table", None)
        if table:
            options["db_table"] = table
        return options


class TenantOwned(models.Model):
    """Abstract base for every row that belongs to one organisation.

    Every subclass keeps an audit trail (django-simple-history): each create, change and delete is copied, with
    who did it and when, into the model's Historical<Model> table, which organisation admins read and export
    (organisations.views.audit). Raw bulk inserts (CSV imports, benchmarks) bypass it; an import job records those.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")

    objects = TenantQuerySet.as_manager()
    history = TenantHistoricalRecords(inherit=True)

    class Meta:
        abstract = True


class Team(TenantOwned):
    """A department or service inside an organisation: the unit MECC is rolled out to."""

    name = models.CharField(max_length=150)
    description = models.CharField(max_length=300, blank=True)
    # The team's frontline posts, for coverage where the team's people are not on the roster (issue 21).
    establishment = models.PositiveIntegerField("Frontline establishment headcount", null=True, blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="team_name_unique_per_org")]

    def __str__(self):
        return self.name


class MembershipQuerySet(TenantQuerySet):
    def active(self):
        return self.filter(is_active=True)


class Membership(TenantOwned):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=30, choices=Role.choices)
    team = models.ForeignKey(Team, on_delete=models.SET_NULL, null=True, blank=True, related_name="memberships")
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    deactivated_at = models.DateTimeField(null=True, blank=True)

    audit_label_fields = ("user",)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["user__full_name", "user__email"]
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="membership_unique_per_org"),
        ]
        # "Who holds this role in these organisations" (the SC8 plan measure's named lead, across a portfolio)
        # would otherwise read all 100,000 memberships of a region.
        indexes = [models.Index(fields=["organisation", "role"], name="membership_org_role")]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()}, {self.organisation}"

    def can(self, capability: Capability) -> bool:
        if capability in COMMISSIONING_CAPABILITIES and not self.organisation.commissions:
            return False
        return self.is_active and role_can(self.role, capability)

    def sees_only_own_team(self) -> bool:
        """A team manager with a team reads that team's figures and log, not the whole organisation's."""
        return self.role == Role.TEAM_MANAGER and self.team_id is not None

    def has_no_team_to_see(self) -> bool:
        """A team manager not yet given a team sees no team's log or figures (never the whole organisation's)."""
        return self.role == Role.TEAM_MANAGER and self.team_id is None

    def can_edit_plan(self, team) -> bool:
        """Leads and admins edit every team's roll-out plan; a team manager only their own team's."""
        if not self.can(Capability.EDIT_TEAM_PLANS):
            return False
        return self.role != Role.TEAM_MANAGER or self.team_id == team.pk

    def clean(self):
        super().clean()
        if self.team_id and self.team.organisation_id != self.organisation_id:
            raise ValidationError({"team": "Choose a team from this organisation"})


class InvitationQuerySet(TenantQuerySet):
    def pending(self):
        return self.filter(accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now())


class Invitation(TenantOwned):
    """A single-use, expiring invitation to join an organisation with a role.

    The link carries a signed token of the invitation's id and nonce; resending changes the nonce, so only the
    newest link works.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        ACCEPTED = "accepted", "Accepted"
        EXPIRED = "expired", "Expired"
        REVOKED = "revoked", "Revoked"

    email = models.EmailField()
    role = models.CharField(max_length=30, choices=Role.choices)
    team = models.ForeignKey(Team, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    nonce = models.CharField(max_length=32, default=new_invitation_nonce, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)
    send_count = models.PositiveIntegerField(default=0)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Invitation for {self.email} to {self.organisation}"

    @staticmethod
    def new_expiry():
        return timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS)

    @property
    def status(self) -> "Invitation.Status":
        if self.accepted_at:
            return self.Status.ACCEPTED
        if self.revoked_at:
            return self.Status.REVOKED
        if self.expires_at <= timezone.now():
            return self.Status.EXPIRED
        return self.Status.PENDING

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING


class ContractQuerySet(models.QuerySet):
    def involving(self, organisation):
        return self.filter(models.Q(commissioner=organisation) | models.Q(provider=organisation))

    def consented(self):
        """Accepted by the provider, started and not ended: the only contracts that let a commissioner see anything."""
        today = timezone.localdate()
        return self.filter(status=CommissioningContract.Status.ACCEPTED, start_date__lte=today).filter(
            models.Q(end_date__isnull=True) | models.Q(end_date__gte=today)
        )


class CommissioningContract(models.Model):
    """A commissioner's contract with a provider. It belongs to both parties, so it is not TenantOwned."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", "Waiting for the provider"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"
        WITHDRAWN = "withdrawn", "Consent withdrawn"

    commissioner = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="contracts_commissioned")
    provider = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="contracts_provided")
    reference = models.CharField(max_length=60)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PROPOSED)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    proposed_at = models.DateTimeField(auto_now_add=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    responded_at = models.DateTimeField(null=True, blank=True)
    thresholds = models.JSONField(
        "SC8 thresholds", default=dict, blank=True, help_text="Overrides of the SC8 dashboard's default thresholds."
    )

    objects = ContractQuerySet.as_manager()

    class Meta:
        ordering = ["-proposed_at"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(commissioner=models.F("provider")), name="contract_parties_differ"
            ),
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True) | models.Q(end_date__gte=models.F("start_date")),
                name="contract_ends_after_start",
            ),
            models.UniqueConstraint(
                fields=["commissioner", "provider", "reference"], name="contract_reference_unique_per_pair"
            ),
        ]

    def __str__(self):
        return f"{self.reference}: {self.commissioner} – {self.provider}"


class AuditEvent(models.Model):
    """Something that happened and left no record of its own: sign-ins, data exports, imports, contract and consent
    decisions, an organisation's removal. Shown in the organisation's audit trail beside every record's history.

    Not TenantOwned (an audit entry has no history of its own), and it outlives its organisation: removal leaves one
    event naming what was removed. A sign-in belongs to a person, not an organisation (organisation is empty).
    """

    class Kind(models.TextChoices):
        SIGNED_IN = "signed_in", "Signed in"
        SIGN_IN_FAILED = "sign_in_failed", "Sign-in failed"
        DATA_EXPORTED = "data_exported", "All data downloaded"
        EXPORT_PREPARED = "export_prepared", "Spreadsheet prepared"
        ORGANISATION_REMOVED = "organisation_removed", "Organisation removed"
        IMPORT_FINISHED = "import_finished", "Import"
        CONTRACT_PROPOSED = "contract_proposed", "Contract proposed"
        CONTRACT_ACCEPTED = "contract_accepted", "Contract accepted: consent given"
        CONTRACT_DECLINED = "contract_declined", "Contract declined"
        CONSENT_WITHDRAWN = "consent_withdrawn", "Consent withdrawn"
        SC8_TARGETS_SET = "sc8_targets_set", "SC8 targets set"
        API_TOKEN_CREATED = "api_token_created", "API token created"
        API_TOKEN_REVOKED = "api_token_revoked", "API token revoked"

    organisation = models.ForeignKey(Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(max_length=30, choices=Kind.choices)
    summary = models.CharField(max_length=300)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["organisation", "-at"], name="audit_event_org_at")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.summary}"

    @classmethod
    def record(cls, kind, summary: str, *, organisation=None, user=None) -> "AuditEvent":
        return cls.objects.create(kind=kind, summary=summary[:300], organisation=organisation, user=user)


class ExportJob(TenantOwned):
    """A download too big to build inside a request (an XLSX of the conversation log, the all-data archive), built
    by a Celery worker into a file that only the person who asked for it can fetch, and only for a day
    (organisations.exports)."""

    class Kind(models.TextChoices):
        CONVERSATIONS = "conversations", "Conversation log (Excel)"
        ARCHIVE = "archive", "All of the organisation's data (zip)"

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Being prepared"
        READY = "ready", "Ready to download"
        FAILED = "failed", "Failed"

    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    query = models.CharField(max_length=1000, blank=True)  # the conversation log's filters, as in its address
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    rows_expected = models.PositiveIntegerField(default=0)
    rows_written = models.PositiveIntegerField(default=0)
    file = models.FileField(upload_to="exports/%Y/%m/", blank=True)
    file_name = models.CharField(max_length=200, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    attempts = models.PositiveSmallIntegerField(default=0)
    message = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()} for {self.requested_by_id}"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.READY, self.Status.FAILED)


# The notification and roster models live in modules of their own (see their docstrings); importing them here
# registers them.
from organisations.api_tokens import ApiToken  # noqa: E402, F401
from organisations.notification_models import EmailChoices, Notification  # noqa: E402, F401
from organisations.roster_models import StaffMember  # noqa: E402, F401
