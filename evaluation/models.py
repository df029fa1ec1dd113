"""Conversations (the MECC contact log), its daily aggregates and audit history, the signposting directory, and
bulk imports of paper forms.

A conversation records the conversation, never the person: there is no field for a name, date of birth, NHS
number, address, postcode, phone or email, and the optional note is screened for them (evaluation.privacy).
"""

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

from evaluation import content
from organisations.models import Organisation, Team, TenantOwned, TenantQuerySet

EDIT_WINDOW = timedelta(hours=24)


class MaskQuerySet(TenantQuerySet):
    def with_bit(self, field: str, items, code: str):
        """Rows whose multi-select field (stored as a bit mask) includes this code."""
        bit = 1 << next(item.bit for item in items if item.code == code)
        return self.annotate(**{f"_{field}_{code}": models.F(field).bitand(bit)}).filter(**{f"_{field}_{code}__gt": 0})


class Service(TenantOwned):
    """An entry in the organisation's signposting directory."""

    class Access(models.TextChoices):
        SELF_REFERRAL = "self", "Self-referral"
        PROFESSIONAL = "professional", "Professional referral"
        BOTH = "both", "Self-referral or professional referral"

    name = models.CharField(max_length=150)
    description = models.TextField(max_length=1000, blank=True)
    topics = models.PositiveIntegerField(default=0)
    determinants = models.PositiveIntegerField(default=0)
    area_served = models.CharField(max_length=150, blank=True)
    access = models.CharField(max_length=20, choices=Access.choices, default=Access.SELF_REFERRAL)
    phone = models.CharField(max_length=40, blank=True)
    website = models.URLField(blank=True)
    opening_times = models.CharField(max_length=200, blank=True)
    is_active = models.BooleanField("active", default=True)
    shared = models.BooleanField(
        "shared with organisations under the same commissioner",
        default=False,
        help_text="Other providers commissioned by your commissioners can signpost to it too.",
    )
    reviewed_at = models.DateTimeField(default=timezone.now)

    objects = MaskQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="service_name_unique_per_org")]

    def __str__(self):
        return self.name

    @property
    def topic_codes(self):
        return content.from_mask(content.TOPICS, self.topics)

    @property
    def determinant_codes(self):
        return content.from_mask(content.DETERMINANTS, self.determinants)


class Conversation(TenantOwned):
    # The busiest table: every index is paid on each save, so none that a composite index below already leads with.
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+", db_index=False)
    occurred_on = models.DateField("date")
    team = models.ForeignKey(Team, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", db_index=False
    )
    setting = models.CharField(max_length=30, choices=content.choices(content.SETTINGS), blank=True)
    contact_type = models.CharField(max_length=20, choices=content.choices(content.CONTACT_TYPES))
    raised_by = models.CharField(max_length=10, choices=content.choices(content.RAISED_BY))
    intervention_level = models.CharField(max_length=12, choices=content.choices(content.INTERVENTION_LEVELS))
    readiness = models.CharField(max_length=12, choices=content.choices(content.READINESS), blank=True)
    topics = models.PositiveIntegerField(default=0)
    determinants = models.PositiveIntegerField(default=0)
    outcomes = models.PositiveIntegerField(default=0)
    resources = models.PositiveIntegerField(default=0)
    nice_outcomes = models.PositiveIntegerField(default=0)
    services = models.ManyToManyField(Service, blank=True, related_name="conversations")
    note = models.CharField(max_length=200, blank=True)
    client_key = models.UUIDField(default=uuid.uuid4, editable=False)
    import_job = models.ForeignKey(
        "ConversationImport", on_delete=models.SET_NULL, null=True, blank=True, related_name="conversations"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MaskQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_on", "-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "client_key"], name="conversation_idempotency_key"),
        ]
        indexes = [
            models.Index(fields=["organisation", "-occurred_on"], name="conversation_org_date"),
            # "My conversations", and whether a trained person logged in a period (one probe per person).
            models.Index(fields=["recorded_by", "organisation", "-occurred_on"], name="conversation_recorder_org_date"),
        ]

    def __str__(self):
        return f"Conversation on {self.occurred_on:%d %b %Y}"

    def codes(self, field: str, items) -> list[str]:
        return content.from_mask(items, getattr(self, field))

    def labels(self, field: str, items) -> list[str]:
        return [content.label(items, code) for code in self.codes(field, items)]

    def editable_by(self, membership) -> bool:
        if membership.role == "org_admin":
            return True
        return self.recorded_by_id == membership.user_id and timezone.now() - self.created_at < EDIT_WINDOW


class ConversationChange(TenantOwned):
    """Audit history: every create, edit and delete of a conversation, with what it held afterwards."""

    class Action(models.TextChoices):
        CREATED = "created", "Recorded"
        EDITED = "edited", "Changed"
        DELETED = "deleted", "Deleted"

    conversation_id = models.BigIntegerField(db_index=True)  # not a foreign key: it outlives a deletion
    action = models.CharField(max_length=10, choices=Action.choices)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    changed_at = models.DateTimeField(default=timezone.now)
    snapshot = models.JSONField()

    class Meta:
        ordering = ["changed_at", "pk"]

    def __str__(self):
        return f"{self.get_action_display()} conversation {self.conversation_id}"


class DailyConversationCount(models.Model):
    """How many conversations per organisation, team and day had each value of each dimension.

    Kept in step with Conversation in the same transaction (evaluation.aggregates); dashboards read only these.
    team_key is the team's id, or 0 for no team (a plain integer so the unique key has no NULLs).
    """

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    team_key = models.BigIntegerField(default=0)
    day = models.DateField()
    dimension = models.CharField(max_length=16)
    value = models.CharField(max_length=32)
    count = models.IntegerField(default=0)

    objects = TenantQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "team_key", "day", "dimension", "value"], name="daily_count_key"
            )
        ]
        indexes = [models.Index(fields=["organisation", "dimension", "day"], name="daily_count_org_dim_day")]

    def __str__(self):
        return f"{self.day} {self.dimension}={self.value}: {self.count}"


class ConversationImport(TenantOwned):
    """A CSV of paper forms, validated and imported by a Celery task."""

    class Mode(models.TextChoices):
        ALL_OR_NOTHING = "all", "Import only if every row is valid"
        VALID_ONLY = "valid", "Import the valid rows and skip the rest"

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Checking rows"
        DONE = "done", "Imported"
        REJECTED = "rejected", "Nothing imported"
        FAILED = "failed", "Failed"

    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    file = models.FileField(upload_to="imports/%Y/%m/")
    original_name = models.CharField(max_length=200)
    sha256 = models.CharField(max_length=64)
    mode = models.CharField(max_length=5, choices=Mode.choices, default=Mode.ALL_OR_NOTHING)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    total_rows = models.PositiveIntegerField(default=0)
    checked_rows = models.PositiveIntegerField(default=0)
    imported_rows = models.PositiveIntegerField(default=0)
    duplicate_rows = models.PositiveIntegerField(default=0)
    rejected = models.JSONField(default=list)  # [{"row": n, "errors": [...]}], at most REJECTED_KEPT
    rejected_count = models.PositiveIntegerField(default=0)
    message = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Import of {self.original_name}"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.REJECTED, self.Status.FAILED)


class SC8Snapshot(models.Model):
    """A provider's SC8 reading for one indicator in one quarter, as a commissioner's dashboard showed it."""

    commissioner = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    provider = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    quarter = models.DateField(help_text="The first day of the quarter")
    indicator = models.CharField(max_length=20)
    status = models.CharField(max_length=6)
    value = models.CharField(max_length=60)
    evidence = models.CharField(max_length=300)
    taken_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["quarter", "indicator"]
        constraints = [
            models.UniqueConstraint(
                fields=["commissioner", "provider", "quarter", "indicator"], name="one_snapshot_per_quarter"
            )
        ]

    def __str__(self):
        return f"{self.provider} {self.indicator} {self.quarter}: {self.status}"


def report_upload_to(report, filename):
    # One fixed name per report, so building it again replaces the file instead of adding a second one (a file
    # given before the record is saved, as only tests do, gets a unique name instead).
    key = report.pk if report.pk else f"new-{uuid.uuid4().hex}"
    return f"reports/{report.organisation_id}/mecc-report-{key}.pdf"


class EvaluationReport(TenantOwned):
    """A board-ready PDF for a period and a scope, built by a Celery task (evaluation.reports)."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Being built"
        READY = "ready", "Ready"
        FAILED = "failed", "Failed"

    class Trigger(models.TextChoices):
        REQUESTED = "requested", "Requested"
        SCHEDULED = "scheduled", "Quarterly board report"

    class Kind(models.TextChoices):
        ORGANISATION = "organisation", "Evaluation report"
        SC8_PORTFOLIO = "sc8_portfolio", "SC8 portfolio"

    kind = models.CharField(max_length=15, choices=Kind.choices, default=Kind.ORGANISATION)

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    trigger = models.CharField(max_length=10, choices=Trigger.choices, default=Trigger.REQUESTED)
    period_label = models.CharField(max_length=60)
    start = models.DateField()
    end = models.DateField()
    team = models.ForeignKey(Team, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    page_count = models.PositiveIntegerField(null=True, blank=True)
    size = models.PositiveIntegerField("size in bytes", null=True, blank=True)
    error = models.CharField("what went wrong", max_length=300, blank=True)
    file = models.FileField(upload_to=report_upload_to, blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        indexes = [models.Index(fields=["status", "started_at"], name="report_status_started")]

    def __str__(self):
        return f"MECC evaluation report, {self.period_label}"

    @property
    def scope_label(self) -> str:
        if self.kind == self.Kind.SC8_PORTFOLIO:
            return "Consenting providers"
        return self.team.name if self.team_id else "Whole organisation"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.READY, self.Status.FAILED)

    @property
    def download_name(self) -> str:
        if self.kind == self.Kind.SC8_PORTFOLIO:
            return f"SC8 portfolio {self.organisation.name} {self.period_label}.pdf"
        scope = f"-{self.team.name}" if self.team_id else ""
        return f"MECC report {self.organisation.name}{scope} {self.period_label}.pdf"

    def url_name(self, page: str) -> str:
        """The URL name of this report's detail, retry or download page (portfolio PDFs live under SC8)."""
        prefix = "sc8_report" if self.kind == self.Kind.SC8_PORTFOLIO else "report"
        return f"evaluation:{prefix}_{page}"
