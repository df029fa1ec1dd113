"""Reads of assessment results shared by the pages, the implementation objectives, the SC8 dashboard and reports.

"The latest completed organisation-wide assessment" is defined here once, for a list of organisations, so a single
organisation's page and the commissioner's portfolio read the same fact.
"""

import datetime

from django.db.models import Count

from assessment.models import Assessment, FactorRating


def completed_organisation_wide(organisation_ids, until: datetime.date | None = None):
    """Completed organisation-wide assessments of these organisations, newest first; up to a day, if given."""
    completed = Assessment.objects.for_organisations(organisation_ids).filter(
        status=Assessment.Status.COMPLETE, team__isnull=True
    )
    if until is not None:
        completed = completed.filter(completed_at__date__lte=until)
    return completed.order_by("-completed_at", "-pk")


def latest_complete(organisation_ids, until: datetime.date | None = None) -> dict[int, Assessment]:
    """{organisation id: its latest completed organisation-wide assessment}; organisations without one are left out."""
    latest: dict[int, Assessment] = {}
    for assessment in completed_organisation_wide(organisation_ids, until).select_related("scheme"):
        latest.setdefault(assessment.organisation_id, assessment)
    return latest


def strong_factor_counts(assessment_ids) -> dict[int, int]:
    """{assessment id: how many factors it rated A or B}, in one query; the figure trends and SC8 follow."""
    rows = (
        FactorRating.objects.filter(assessment_id__in=assessment_ids, level__level__in=("a", "b"))
        .values("assessment_id")
        .annotate(strong=Count("pk"))
    )
    counts = dict.fromkeys(assessment_ids, 0)
    counts.update({row["assessment_id"]: row["strong"] for row in rows})
    return counts
