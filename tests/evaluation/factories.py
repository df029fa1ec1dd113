"""factory-boy factories for the evaluation app's models."""

import factory
from django.utils import timezone

from evaluation.models import EvaluationReport, SC8Snapshot
from tests.organisations.factories import OrganisationFactory


class SC8SnapshotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SC8Snapshot

    commissioner = factory.SubFactory(OrganisationFactory)
    provider = factory.SubFactory(OrganisationFactory)
    quarter = factory.LazyFunction(lambda: timezone.localdate().replace(day=1))
    indicator = "plan"
    status = "red"
    value = "Not approved"
    evidence = "Board approval not achieved with evidence."


class EvaluationReportFactory(factory.django.DjangoModelFactory):
    """A report record (queued unless told otherwise); evaluation.reports.build makes its file."""

    class Meta:
        model = EvaluationReport

    organisation = factory.SubFactory(OrganisationFactory)
    period_label = "Q1 2026/27 (April to June 2026)"
    start = factory.LazyFunction(lambda: timezone.localdate().replace(month=4, day=1))
    end = factory.LazyFunction(lambda: timezone.localdate().replace(month=6, day=30))
