"""Training resources and their quality-marker self-evaluations, training sessions with attendance and pseudonymous
pre/post confidence surveys, and staff training records."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from common.uploads import StoredUpload
from organisations.models import Membership, StaffMember, Team, TenantOwned, TenantQuerySet
from training.content import RATINGS


class QualityChecklist(models.Model):
    """A version of the quality marker checklist for training resources (platform data, not an organisation's).
    Published versions are never edited; each evaluation keeps the version it was rated against."""

    version = models.CharField(max_length=20, unique=True)
    published_at = models.DateTimeField(default=timezone.now)
    is_current = models.BooleanField(default=False, help_text="New evaluations use the current version.")
    notes = models.TextField(blank=True)
    sections = models.JSONField(help_text="[[code, name], ...] in order")
    markers = models.JSONField(help_text="[{code, section, text, indicators, provenance, source}, ...] in order")

    class Meta:
        ordering = ["-published_at"]

    def __str__(self):
        return f"Quality marker checklist {self.version}"


class TrainingResource(TenantOwned):
    class Delivery(models.TextChoices):
        FACE_TO_FACE = "face_to_face", "Face-to-face"
        E_LEARNING = "e_learning", "E-learning"
        BLENDED = "blended", "Blended"

    class Level(models.TextChoices):
        VERY_BRIEF = "very_brief", "Very brief intervention"
        BRIEF = "brief", "Brief intervention"

    class Competence(models.TextChoices):
        CORE = "core", "Core (level 1)"
        SKILLED = "skilled", "Skilled (level 2)"

    name = models.CharField(max_length=150)
    provider = models.CharField(max_length=150, blank=True)
    delivery = models.CharField(max_length=15, choices=Delivery.choices)
    duration_minutes = models.PositiveIntegerField("duration in minutes", null=True, blank=True)
    intervention_level = models.CharField(max_length=12, choices=Level.choices)
    competence_level = models.CharField(max_length=10, choices=Competence.choices)
    link = models.URLField(blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="resource_name_unique")]

    def __str__(self):
        return self.name


class QualityEvaluation(TenantOwned):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        COMPLETE = "complete", "Complete"

    resource = models.ForeignKey(TrainingResource, on_delete=models.CASCADE, related_name="evaluations")
    checklist_version = models.CharField(max_length=20)
    evaluator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    started_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at"]

    def __str__(self):
        return f"Evaluation of {self.resource} ({self.started_at:%-d %b %Y})"

    @property
    def is_complete(self) -> bool:
        return self.status == self.Status.COMPLETE


class MarkerRating(TenantOwned):
    evaluation = models.ForeignKey(QualityEvaluation, on_delete=models.CASCADE, related_name="ratings")
    marker = models.CharField(max_length=30)
    rating = models.CharField(max_length=20, blank=True)
    evidence = models.TextField(max_length=3000, blank=True)
    action = models.CharField("action to meet the marker", max_length=300, blank=True)
    action_due = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["evaluation", "marker"], name="one_rating_per_marker")]

    def __str__(self):
        return f"{self.marker}: {self.rating or 'not rated'}"

    @property
    def rating_label(self) -> str:
        return next((label for code, label, _ in RATINGS if code == self.rating), "Not rated")


def marker_evidence_path(instance, filename):
    return f"training-evidence/{instance.organisation_id}/{uuid.uuid4().hex}"


class MarkerEvidenceFile(TenantOwned, StoredUpload):
    rating = models.ForeignKey(MarkerRating, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(upload_to=marker_evidence_path)


class TrainingSession(TenantOwned):
    resource = models.ForeignKey(TrainingResource, on_delete=models.PROTECT, related_name="sessions")
    date = models.DateField()
    trainer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    team = models.ForeignKey(Team, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    place = models.CharField(max_length=150, blank=True)
    attendees = models.ManyToManyField(Membership, blank=True, related_name="training_sessions")
    # Attendees on the staff roster who have no account here (issue 21): trained all the same.
    roster_attendees = models.ManyToManyField(StaffMember, blank=True, related_name="training_sessions")

    class Meta:
        ordering = ["-date", "-pk"]

    def __str__(self):
        return f"{self.resource} on {self.date:%-d %b %Y}"


class TrainingRecordQuerySet(TenantQuerySet):
    def valid_on(self, day):
        """Records completed by that day and still valid on it: the one definition of "trained" on a day."""
        return self.filter(completed_on__lte=day).filter(
            models.Q(valid_until__isnull=True) | models.Q(valid_until__gte=day)
        )


class TrainingRecord(TenantOwned):
    class Source(models.TextChoices):
        SESSION = "session", "Session attendance"
        IMPORT = "import", "Imported"
        MANUAL = "manual", "Entered by hand"

    # Who was trained: a member with an account, or someone on the staff roster without one (never both).
    membership = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.CASCADE, related_name="training_records"
    )
    staff_member = models.ForeignKey(
        StaffMember, null=True, blank=True, on_delete=models.CASCADE, related_name="training_records"
    )
    resource = models.ForeignKey(TrainingResource, on_delete=models.PROTECT, related_name="records")
    completed_on = models.DateField()
    valid_until = models.DateField(null=True, blank=True)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.MANUAL)

    audit_label_fields = ("resource", "completed_on")

    objects = TrainingRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-completed_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["membership", "resource", "completed_on"], name="one_record_per_completion"
            ),
            models.UniqueConstraint(
                fields=["staff_member", "resource", "completed_on"], name="one_roster_record_per_completion"
            ),
            models.CheckConstraint(
                condition=models.Q(membership__isnull=False, staff_member__isnull=True)
                | models.Q(membership__isnull=True, staff_member__isnull=False),
                name="training_record_names_one_person",
            ),
        ]

    def __str__(self):
        return f"{self.person_name} completed {self.resource} on {self.completed_on}"

    @property
    def team(self):
        return self.membership.team if self.membership_id else self.staff_member.team

    @property
    def person_name(self) -> str:
        if self.membership_id:
            return self.membership.user.get_full_name() or self.membership.user.email
        return self.staff_member.name


class SkillsSelfAssessment(TenantOwned):
    """A member's own rating of their competence and confidence at each Behaviour Change Pathway stage. The member
    sees their answers; others see only team and organisation profiles of at least SMALL_NUMBER people."""

    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="+")
    team = models.ForeignKey(Team, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    answered_on = models.DateField(default=timezone.localdate)
    ratings = models.JSONField(help_text='{"stage_1": {"competence": 1-5, "confidence": 1-5}, ...}')

    in_audit_trail = False  # a person's self-rating is theirs; the audit trail would show it to admins

    class Meta:
        ordering = ["-answered_on", "-pk"]

    def __str__(self):
        return f"Skills self-assessment of {self.answered_on:%-d %b %Y}"


class SurveyResponse(TenantOwned):
    """One attendee's answers, before or after a session. The respondent key links pre and post without naming."""

    class Stage(models.TextChoices):
        PRE = "pre", "Before the session"
        POST = "post", "After the session"

    session = models.ForeignKey(TrainingSession, on_delete=models.CASCADE, related_name="responses")
    stage = models.CharField(max_length=4, choices=Stage.choices)
    respondent_key = models.CharField(max_length=64)
    answers = models.JSONField()
    submitted_at = models.DateTimeField(auto_now_add=True)

    in_audit_trail = False  # the audit trail must never link a person to their answers
    history_names_who = False  # nor may its history: answers are stored under the respondent key only

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "stage", "respondent_key"], name="one_response_per_stage")
        ]

    def __str__(self):
        return f"{self.get_stage_display()} response to {self.session}"


class SurveyCard(TenantOwned):
    """A single-use answer card for a session's survey: a random code handed to an attendee, who answers before and
    after from its link without signing in. Only the code's SHA-256 is kept, and it is the answers' respondent key,
    so the service cannot tell who held which card and cannot recompute a key from a person (as it could from an
    account with the secret key). Which card went to whom is recorded nowhere."""

    session = models.ForeignKey(TrainingSession, on_delete=models.CASCADE, related_name="cards")
    code_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    in_audit_trail = False

    def __str__(self):
        return f"Answer card for {self.session}"
