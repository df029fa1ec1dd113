"""The organisation's implementation checklist (with evidence files and history), SMART objectives and the
team roll-out: priorities, schedule and team implementation plans."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from common.uploads import StoredUpload
from implementation import content
from organisations.models import Team, TenantOwned, TenantQuerySet


class ChecklistQuerySet(TenantQuerySet):
    def open(self):
        return self.exclude(status__in=[ChecklistItem.Status.ACHIEVED, ChecklistItem.Status.NOT_APPLICABLE])

    def overdue(self, today=None):
        return self.open().filter(target_date__lt=today or timezone.localdate())


class ChecklistItem(TenantOwned):
    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        IN_PROGRESS = "in_progress", "In progress"
        ACHIEVED = "achieved", "Achieved"
        NOT_APPLICABLE = "not_applicable", "Not applicable"

    class BoardDecision(models.TextChoices):
        APPROVED = "approved", "Approved"
        DECLINED = "declined", "Declined"

    code = models.CharField(max_length=40, blank=True, help_text="The template action; blank for a local action")
    template_version = models.CharField(max_length=20, blank=True)
    phase = models.PositiveSmallIntegerField(choices=[(n, name) for n, name, _ in content.PHASES])
    position = models.PositiveSmallIntegerField(default=0)
    group = models.CharField(max_length=60, blank=True)
    title = models.CharField(max_length=150)
    approach = models.TextField(blank=True)
    tools = models.TextField(blank=True)
    success = models.CharField("what success might look like", max_length=300, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NOT_STARTED)
    not_applicable_reason = models.CharField(max_length=300, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    target_date = models.DateField(null=True, blank=True)
    evidence = models.TextField("evidence of progress", max_length=5000, blank=True)
    achieved_on = models.DateField(null=True, blank=True)
    achieved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    board_decision = models.CharField(max_length=10, choices=BoardDecision.choices, blank=True)
    board_decision_on = models.DateField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ChecklistQuerySet.as_manager()

    class Meta:
        ordering = ["phase", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "code"], condition=~models.Q(code=""), name="checklist_code_once_per_org"
            )
        ]

    def __str__(self):
        return self.title

    @property
    def is_done(self) -> bool:
        return self.status in (self.Status.ACHIEVED, self.Status.NOT_APPLICABLE)

    def is_overdue_on(self, day) -> bool:
        """The same rule as ChecklistQuerySet.overdue, for one item (also one read from the history)."""
        return not self.is_done and self.target_date is not None and self.target_date < day

    @property
    def is_local(self) -> bool:
        return not self.code

    @property
    def template(self):
        return next((a for a in content.ACTIONS if a.code == self.code), None)


def library_path(instance, filename):
    return f"library/{instance.organisation_id}/{uuid.uuid4().hex}"


class LibraryItem(TenantOwned):
    """One of the organisation's own resources: a file (checked and stored like evidence) or a link, optionally
    filed under one of the toolkit's tools (its own version of the prompt card, say)."""

    title = models.CharField(max_length=150)
    description = models.CharField(max_length=500, blank=True)
    entry = models.CharField(
        "toolkit tool it is a version of", max_length=40, blank=True,
        choices=[(e.code, e.title) for e in content.LIBRARY],
    )  # fmt: skip
    link = models.URLField(blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title", "pk"]

    def __str__(self):
        return self.title


class LibraryFile(TenantOwned, StoredUpload):
    item = models.OneToOneField(LibraryItem, on_delete=models.CASCADE, related_name="file")
    file = models.FileField(upload_to=library_path)


def evidence_path(instance, filename):
    # Never the uploaded name: a random name in the organisation's private folder.
    return f"evidence/{instance.organisation_id}/{uuid.uuid4().hex}"


class EvidenceFile(TenantOwned, StoredUpload):
    item = models.ForeignKey(ChecklistItem, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(upload_to=evidence_path)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["uploaded_at"]


class ChecklistChange(TenantOwned):
    item = models.ForeignKey(ChecklistItem, on_delete=models.CASCADE, related_name="changes")
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    changed_at = models.DateTimeField(default=timezone.now)
    summary = models.TextField()

    class Meta:
        ordering = ["-changed_at", "-pk"]

    def __str__(self):
        return self.summary


class Objective(TenantOwned):
    class Term(models.TextChoices):
        SHORT = "short", "Short term"
        MEDIUM = "medium", "Medium term"
        LONG = "long", "Long term"

    class Measure(models.TextChoices):
        CONVERSATIONS = "conversations", "Conversations logged from the start date"
        TRAINED = "trained", "% of frontline staff trained"
        ASSESSMENT = "assessment", "Organisational assessment: factors rated A or B (of 10)"
        CHECKLIST_PHASE = "checklist_phase", "% of a checklist phase complete"
        MANUAL = "manual", "A value you update by hand"

    term = models.CharField(max_length=10, choices=Term.choices)
    # Empty only for objectives set before areas existed; the form asks for one.
    area = models.CharField(max_length=30, choices=[(code, name) for code, name, _ in content.AREAS], blank=True)
    statement = models.CharField(max_length=300)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    start_date = models.DateField(default=timezone.localdate)
    deadline = models.DateField()
    measure = models.CharField(max_length=20, choices=Measure.choices)
    target = models.DecimalField(max_digits=10, decimal_places=1)
    phase = models.PositiveSmallIntegerField(
        null=True, blank=True, choices=[(n, name) for n, name, _ in content.PHASES]
    )
    manual_value = models.DecimalField(max_digits=10, decimal_places=1, null=True, blank=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    signed_off_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["deadline", "pk"]

    def __str__(self):
        return self.statement


class TeamPriority(TenantOwned):
    team = models.OneToOneField(Team, on_delete=models.CASCADE, related_name="priority")
    contact_opportunities = models.PositiveSmallIntegerField()
    ability_to_influence = models.PositiveSmallIntegerField()
    current_work = models.PositiveSmallIntegerField()
    head_support = models.PositiveSmallIntegerField()
    planned_start = models.DateField(null=True, blank=True)
    agreed_with_head_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["team__name"]

    def __str__(self):
        return f"Priority of {self.team}"

    @property
    def score(self) -> int:
        return self.contact_opportunities + self.ability_to_influence + self.current_work + self.head_support


class TeamPlan(TenantOwned):
    team = models.OneToOneField(Team, on_delete=models.CASCADE, related_name="plan")
    team_lead = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    monitoring = models.TextField("what will be monitored, and how", max_length=3000, blank=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    signed_off_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"Plan for {self.team}"


class PlanBarrier(TenantOwned):
    plan = models.ForeignKey(TeamPlan, on_delete=models.CASCADE, related_name="barriers")
    barrier = models.CharField(max_length=20, choices=content.BARRIERS)
    description = models.CharField(max_length=300, blank=True)
    plan_to_overcome = models.TextField(max_length=2000)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.get_barrier_display()
