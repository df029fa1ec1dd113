"""factory-boy factories for the training models."""

import datetime

import factory
from django.core.files.base import ContentFile

from tests.organisations.factories import MembershipFactory, OrganisationFactory
from training.models import (
    MarkerEvidenceFile,
    MarkerRating,
    QualityChecklist,
    QualityEvaluation,
    SkillsSelfAssessment,
    SurveyCard,
    SurveyResponse,
    TrainingRecord,
    TrainingResource,
    TrainingSession,
)


class TrainingResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingResource

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"MECC course {n}")
    delivery = "e_learning"
    intervention_level = "very_brief"
    competence_level = "core"


class QualityEvaluationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QualityEvaluation

    resource = factory.SubFactory(TrainingResourceFactory)
    organisation = factory.SelfAttribute("resource.organisation")
    checklist_version = "2026.1"


class MarkerRatingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MarkerRating

    evaluation = factory.SubFactory(QualityEvaluationFactory)
    organisation = factory.SelfAttribute("evaluation.organisation")
    marker = "impact"


class MarkerEvidenceFileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MarkerEvidenceFile

    rating = factory.SubFactory(MarkerRatingFactory)
    organisation = factory.SelfAttribute("rating.organisation")
    file = factory.LazyFunction(lambda: ContentFile(b"%PDF-1.4 slides", name="slides"))
    original_name = "slides.pdf"
    content_type = "application/pdf"
    size = 15


class TrainingSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingSession

    resource = factory.SubFactory(TrainingResourceFactory)
    organisation = factory.SelfAttribute("resource.organisation")
    date = factory.LazyFunction(datetime.date.today)


class TrainingRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingRecord

    resource = factory.SubFactory(TrainingResourceFactory)
    organisation = factory.SelfAttribute("resource.organisation")
    membership = factory.SubFactory(MembershipFactory, organisation=factory.SelfAttribute("..organisation"))
    completed_on = factory.LazyFunction(datetime.date.today)


class SurveyResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SurveyResponse

    session = factory.SubFactory(TrainingSessionFactory)
    organisation = factory.SelfAttribute("session.organisation")
    stage = "pre"
    respondent_key = factory.Sequence(lambda n: f"{n:064d}")
    answers = factory.LazyFunction(lambda: {"raise_smoking": 3})


class QualityChecklistFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QualityChecklist

    version = factory.Sequence(lambda n: f"test-{n}")
    sections = factory.LazyFunction(lambda: [["context", "Context"]])
    markers = factory.LazyFunction(
        lambda: [
            {
                "code": "m1",
                "section": "context",
                "text": "A marker",
                "indicators": "",
                "provenance": "verbatim",
                "source": "Test sheet",
            }
        ]  # fmt: skip
    )


class SkillsSelfAssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SkillsSelfAssessment

    membership = factory.SubFactory(MembershipFactory)
    organisation = factory.SelfAttribute("membership.organisation")
    ratings = factory.LazyFunction(
        lambda: {code: {"competence": 3, "confidence": 3} for code in ("stage_1", "stage_2", "stage_3", "stage_4")}
    )


class SurveyCardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SurveyCard

    session = factory.SubFactory(TrainingSessionFactory)
    organisation = factory.SelfAttribute("session.organisation")
    code_hash = factory.Sequence(lambda n: f"{n:064x}")
