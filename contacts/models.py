"""Conversations (the MECC contact log), its daily aggregates and audit history, the signposting directory, and
bulk imports of paper forms.

A conversation records the conversation, never the person: there is no field for a name, date of birth, NHS
number, address, postcode, phone or email, and the optional note is screened for them (contacts.privacy).

These tables were created by the `evaluation` app and keep their names (db_table): the move to this app changed no
row (contacts/migrations/0001_move_from_evaluation.py).
"""

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

from contacts import content
from organisations.models import Organisation, Team, TenantOwned, TenantQuerySet
from organisations.roles import Capability

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
    # Structured opening hours and place, for an Open Referral UK schedule and location (issue 20); the free-text
    # opening times stay for what these cannot say ("every other Tuesday").
    open_days = models.PositiveSmallIntegerField(default=0)  # a bit per day, Monday first (content.WEEKDAYS)
    opens_at = models.TimeField("Opens at", null=True, blank=True)
    closes_at = models.TimeField("Closes at", null=True, blank=True)
    address = models.CharField("Address (optional)", max_length=200, blank=True)
    town = models.CharField("Town or city (optional)", max_length=100, blank=True)
    postcode = models.CharField("Postcode (optional)", max_length=10, blank=True)
    # Where an imported entry came from (an Open Referral UK feed's file or address) and its id there, so the next
    # import updates it instead of adding it again; both empty for an entry made here.
    origin = models.CharField(max_length=200, blank=True)
    external_id = models.CharField(max_length=100, blank=True)

    objects = MaskQuerySet.as_manager()

    history_db_table = "evaluation_historicalservice"

    class Meta:
        db_table = "evaluation_service"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="service_name_unique_per_org"),
            models.UniqueConstraint(
                fields=["organisation", "origin", "external_id"],
                condition=~models.Q(external_id=""),
                name="service_imported_once_per_origin",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def topic_codes(self):
        return content.from_mask(content.TOPICS, self.topics)

    @property
    def determinant_codes(self):
        return content.from_mask(content.DETERMINANTS, self.determinants)

    @property
    def open_day_codes(self):
        return content.from_mask(content.WEEKDAYS, self.open_days)


class Conversation(TenantOwned):
    # The busiest table: every index is paid on each save, so none that a composite index below already leads with.
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+", db_index=False)
    occurred_on = models.DateField("date")
    team = models.ForeignKey(Team, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", db_index=False
    )
    setting = models.CharField(max_length=30, choices=content.choices(content.SETTINGS), blank=True)
    # Empty means "not recorded": nothing is stored on the person's behalf by default (domain review D8).
    contact_type = models.CharField(max_length=20, choices=content.choices(content.CONTACT_TYPES), blank=True)
    raised_by = models.CharField(max_length=10, choices=content.choices(content.RAISED_BY), blank=True)
    intervention_level = models.CharField(
        max_length=12, choices=content.choices(content.INTERVENTION_LEVELS), blank=True
    )
    readiness = models.CharField(max_length=12, choices=content.choices(content.READINESS), blank=True)
    pathway_stage = models.CharField(
        "onward Behaviour Change Pathway stage",
        max_length=8,
        choices=content.choices(content.PATHWAY_STAGES),
        blank=True,
    )
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

    audit_label_fields = ("occurred_on", "team")  # "Conversation 12 Nov 2026, Emergency department"

    objects = MaskQuerySet.as_manager()

    history_db_table = "evaluation_historicalconversation"

    class Meta:
        db_table = "evaluation_conversation"
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
        return f"Conversation on {self.occurred_on:%-d %b %Y}"

    def codes(self, field: str, items) -> list[str]:
        return content.from_mask(items, getattr(self, field))

    def labels(self, field: str, items) -> list[str]:
        return [content.label(items, code) for code in self.codes(field, items)]

    @property
    def topic_labels(self) -> list[str]:
        return self.labels("topics", content.TOPICS)

    @property
    def outcome_labels(self) -> list[str]:
        return self.labels("outcomes", content.OUTCOMES)

    def editable_by(self, membership) -> bool:
        if membership.can(Capability.CHANGE_ANY_CONVERSATION):
            return True
        return self.recorded_by_id == membership.user_id and timezone.now() - self.created_at < EDIT_WINDOW


class ConversationChange(models.Model):
    """Audit history: every create, edit and delete of a conversation, with what it held afterwards.

    An audit record itself, so append-only: a row is written once and never changed, and therefore keeps no
    history of its own (a copy of each row in a second table cost the busiest write of the system a statement).
    """

    class Action(models.TextChoices):
        CREATED = "created", "Recorded"
        EDITED = "edited", "Changed"
        DELETED = "deleted", "Deleted"

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    conversation_id = models.BigIntegerField(db_index=True)  # not a foreign key: it outlives a deletion
    action = models.CharField(max_length=10, choices=Action.choices)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    changed_at = models.DateTimeField(default=timezone.now)
    snapshot = models.JSONField()

    objects = TenantQuerySet.as_manager()

    class Meta:
        db_table = "evaluation_conversationchange"
        ordering = ["changed_at", "pk"]

    def __str__(self):
        return f"{self.get_action_display()} conversation {self.conversation_id}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("A conversation's history is append-only: its entries are never changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("A conversation's history is append-only: its entries go only with their organisation")


class DailyConversationCount(models.Model):
    """How many conversations per organisation, team and day had each value of each dimension.

    Kept in step with Conversation in the same transaction (contacts.aggregates); dashboards read only these.
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
        db_table = "evaluation_dailyconversationcount"
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "team_key", "day", "dimension", "value"], name="daily_count_key"
            )
        ]
        indexes = [models.Index(fields=["organisation", "dimension", "day"], name="daily_count_org_dim_day")]

    def __str__(self):
        return f"{self.day} {self.dimension}={self.value}: {self.count}"


class OrganisationDailyCount(models.Model):
    """DailyConversationCount summed over the organisation's teams: the organisation-wide roll-up.

    A large trust's summary would otherwise add up tens of thousands of team rows per request; organisation-wide
    figures (the summary, SC8, reports) read these instead, team figures the team rows. Written in the same
    transaction as the team rows (contacts.aggregates.apply).
    """

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    dimension = models.CharField(max_length=16)
    value = models.CharField(max_length=32)
    count = models.IntegerField(default=0)

    objects = TenantQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "dimension", "day", "value"], name="organisation_count_key")
        ]

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
    attempts = models.PositiveSmallIntegerField(default=0)  # deliveries of the import task (contacts.imports)
    message = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    history_db_table = "evaluation_historicalconversationimport"

    class Meta:
        db_table = "evaluation_conversationimport"
        ordering = ["-created_at"]

    def __str__(self):
        return f"Import of {self.original_name}"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.REJECTED, self.Status.FAILED)
