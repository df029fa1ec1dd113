"""Helpers that build assessments through the services, rated as a test needs."""

from assessment import services
from assessment.models import Assessment, FactorLevel, ScoringScheme


def rated_assessment(membership, letters: str, complete=True, team=None) -> Assessment:
    """letters: one level per factor in number order, for example "cbcdcbbcbc"; "-" leaves a factor unrated."""
    assessment = services.start_assessment(
        organisation=membership.organisation,
        started_by=membership.user,
        scope="team" if team else "organisation",
        team=team,
        scope_note="",
        participants="Implementation group",
    )
    ratings = {}
    for rating, letter in zip(
        assessment.ratings.select_related("factor").order_by("factor__number"), letters, strict=True
    ):
        level = None if letter == "-" else FactorLevel.objects.get(factor=rating.factor, level=letter)
        ratings[rating.factor_id] = (level, f"evidence for {rating.factor.number}")
    services.save_ratings(assessment, ratings)
    if complete:
        assessment = services.complete_assessment(assessment, membership.user)
    return assessment


def verified_scheme() -> ScoringScheme:
    """A copy of the current scheme in which every weight and the threshold are marked verified."""
    from assessment.publishing import copy_scheme

    scheme = copy_scheme(ScoringScheme.current(), "verified-test")
    FactorLevel.objects.filter(factor__scheme=scheme).update(weight_provenance="verified")
    scheme.threshold_provenance = "verified"
    scheme.is_current = True
    scheme.save()
    return scheme
