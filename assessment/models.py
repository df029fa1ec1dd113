"""Scoring schemes (versions of the adapted Sustainability Model) and the organisation's dated assessments.

A scheme is published by platform staff and never edited once an assessment uses it; each assessment keeps the
scheme it was scored with, so a corrected scheme never changes a past result.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils import timezone

from assessment import content
from organisations.models import Team, TenantOwned

PROVENANCE_CHOICES = [("verified", "Verified"), ("provisional", "Provisional"), ("not_known", "Not known")]


class ScoringScheme(models.Model):
    version = models.CharField(max_length=20, unique=True)
    published_at = models.DateTimeField(default=timezone.now)
    is_current = models.BooleanField(default=False, help_text="New assessments use the current scheme.")
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["-published_at"]

    def __str__(self):
        return f"Scoring scheme {self.version}"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        if self.is_current:
            ScoringScheme.objects.exclude(pk=self.pk).update(is_current=False)

    @classmethod
    def current(cls):
        return cls.objects.filter(is_current=True).order_by("-published_at").first()


class SchemeFactor(models.Model):
    scheme = models.ForeignKey(ScoringScheme, on_delete=models.PROTECT, related_name="factors")
    number = models.PositiveSmallIntegerField()
    domain = models.CharField(max_length=12, choices=content.DOMAINS)
    label = models.CharField(max_length=80)
    name = models.CharField(max_length=120)
    question = models.CharField(max_length=300)
    suggestion = models.TextField()
    checklist_actions = models.JSONField(default=list)

    class Meta:
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["scheme", "number"], name="factor_number_unique")]

    def __str__(self):
        return f"{self.number}. {self.label}"

    @property
    def maximum(self) -> Decimal | None:
        """The level-a weight when it is verified; otherwise not known."""
        top = next((level for level in self.levels.all() if level.level == "a"), None)
        return top.weight if top is not None and top.is_verified else None


class FactorLevel(models.Model):
    factor = models.ForeignKey(SchemeFactor, on_delete=models.PROTECT, related_name="levels")
    level = models.CharField(max_length=1, choices=[(x, x.upper()) for x in content.LEVELS])
    description = models.CharField(max_length=300)
    description_provenance = models.CharField(max_length=12, choices=PROVENANCE_CHOICES, default="provisional")
    weight = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True, help_text="Empty: not known")
    weight_provenance = models.CharField(max_length=12, choices=PROVENANCE_CHOICES, default="not_known")
    weight_source = models.CharField(max_length=300, blank=True, help_text="The citation a verified weight rests on")

    class Meta:
        ordering = ["factor__number", "level"]
        constraints = [models.UniqueConstraint(fields=["factor", "level"], name="factor_level_unique")]

    def __str__(self):
        return f"{self.factor} level {self.level.upper()}: {self.weight if self.weight is not None else 'not known'}"

    @property
    def is_verified(self) -> bool:
        return self.weight is not None and self.weight_provenance == "verified"


class Assessment(TenantOwned):
    class Scope(models.TextChoices):
        ORGANISATION = "organisation", "The whole organisation"
        TEAM = "team", "One team"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        COMPLETE = "complete", "Complete"

    scheme = models.ForeignKey(ScoringScheme, on_delete=models.PROTECT, related_name="assessments")
    scope = models.CharField(max_length=12, choices=Scope.choices, default=Scope.ORGANISATION)
    team = models.ForeignKey(Team, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    scope_note = models.CharField("what it covers", max_length=300, blank=True)
    participants = models.TextField("who took part", max_length=1000)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    started_at = models.DateTimeField(default=timezone.now)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    completed_at = models.DateTimeField(null=True, blank=True)
    # The weighted total, set on completion only when every weight it needs is verified; otherwise empty.
    total = models.DecimalField(max_digits=6, decimal_places=1, null=True, blank=True)

    class Meta:
        ordering = ["-started_at"]

    def __str__(self):
        return f"{self.scope_label} assessment of {self.started_at:%-d %b %Y}"

    @property
    def scope_label(self) -> str:
        return self.team.name if self.team_id else "Organisation"

    @property
    def is_complete(self) -> bool:
        return self.status == self.Status.COMPLETE


class FactorRating(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="ratings")
    factor = models.ForeignKey(SchemeFactor, on_delete=models.PROTECT, related_name="+")
    level = models.ForeignKey(FactorLevel, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    evidence = models.TextField(max_length=2000, blank=True)

    class Meta:
        ordering = ["factor__number"]
        constraints = [models.UniqueConstraint(fields=["assessment", "factor"], name="one_rating_per_factor")]

    def __str__(self):
        return f"{self.factor}: {self.level.level.upper() if self.level else 'not rated'}"
