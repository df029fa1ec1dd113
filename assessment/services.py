"""Writes for assessments: start one, save ratings as a draft, complete it (after which it is read-only)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from assessment import scoring
from assessment.models import Assessment, FactorRating, ScoringScheme


@transaction.atomic
def start_assessment(*, organisation, started_by, scope, team, scope_note, participants) -> Assessment:
    scheme = ScoringScheme.current()
    if scheme is None:
        raise ValidationError("No scoring scheme has been published yet")
    assessment = Assessment.objects.create(
        organisation=organisation,
        scheme=scheme,
        scope=scope,
        team=team if scope == Assessment.Scope.TEAM else None,
        scope_note=scope_note,
        participants=participants,
        started_by=started_by,
    )
    FactorRating.objects.bulk_create(
        [FactorRating(assessment=assessment, factor=factor) for factor in scheme.factors.all()]
    )
    return assessment


def _draft(assessment: Assessment) -> Assessment:
    locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if locked.is_complete:
        raise ValidationError("This assessment is complete and can no longer be changed. Start a new one.")
    return locked


@transaction.atomic
def save_ratings(assessment: Assessment, ratings: dict) -> None:
    """ratings: {factor id: (FactorLevel or None, evidence text)}."""
    _draft(assessment)
    for rating in assessment.ratings.filter(factor_id__in=ratings):
        rating.level, rating.evidence = ratings[rating.factor_id]
        rating.save(update_fields=["level", "evidence"])


@transaction.atomic
def complete_assessment(assessment: Assessment, completed_by) -> Assessment:
    locked = _draft(assessment)
    missing = list(locked.ratings.filter(level__isnull=True).select_related("factor"))
    if missing:
        raise ValidationError([f"Rate factor {r.factor.number}: {r.factor.label}" for r in missing])
    locked.total = scoring.complete_total(scoring.score(locked))
    locked.status = Assessment.Status.COMPLETE
    locked.completed_by = completed_by
    locked.completed_at = timezone.now()
    locked.save(update_fields=["total", "status", "completed_by", "completed_at"])
    return locked
