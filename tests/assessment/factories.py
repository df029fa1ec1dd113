"""Factories for the assessment models, and helpers that build assessments through the services."""

from decimal import Decimal

import factory

from assessment import services
from assessment.models import Assessment, FactorLevel, FactorRating, SchemeFactor, ScoringScheme
from tests.organisations.factories import OrganisationFactory


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


class ScoringSchemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ScoringScheme

    version = factory.Sequence(lambda n: f"test-{n}")


class SchemeFactorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SchemeFactor

    scheme = factory.SubFactory(ScoringSchemeFactory)
    number = factory.Sequence(lambda n: n + 1)
    domain = "process"
    label = factory.Sequence(lambda n: f"Factor {n}")
    name = factory.Sequence(lambda n: f"Factor {n} in full")
    question = "Is it working?"
    suggestion = "Keep going."


class FactorLevelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FactorLevel

    factor = factory.SubFactory(SchemeFactorFactory)
    level = "a"
    description = "Strongest"
    weight = Decimal("10")


class AssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assessment

    organisation = factory.SubFactory(OrganisationFactory)
    scheme = factory.SubFactory(ScoringSchemeFactory)
    participants = "Implementation group"


class FactorRatingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FactorRating

    assessment = factory.SubFactory(AssessmentFactory)
    factor = factory.SubFactory(SchemeFactorFactory, scheme=factory.SelfAttribute("..assessment.scheme"))
