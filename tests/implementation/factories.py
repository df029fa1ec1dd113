"""factory-boy factories for the implementation models."""

import datetime

import factory
from django.core.files.base import ContentFile

from implementation.models import (
    ChecklistChange,
    ChecklistItem,
    EvidenceFile,
    LibraryFile,
    LibraryItem,
    Objective,
    PlanBarrier,
    TeamPlan,
    TeamPriority,
)
from tests.organisations.factories import OrganisationFactory, TeamFactory, UserFactory


class ChecklistItemFactory(factory.django.DjangoModelFactory):
    """A local action (template actions come with the organisation)."""

    class Meta:
        model = ChecklistItem

    organisation = factory.SubFactory(OrganisationFactory)
    phase = 1
    title = factory.Sequence(lambda n: f"Local action {n}")


class EvidenceFileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EvidenceFile

    item = factory.SubFactory(ChecklistItemFactory)
    organisation = factory.SelfAttribute("item.organisation")
    file = factory.LazyFunction(lambda: ContentFile(b"%PDF-1.4 evidence", name="evidence"))
    original_name = "evidence.pdf"
    content_type = "application/pdf"
    size = 17


class ChecklistChangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChecklistChange

    item = factory.SubFactory(ChecklistItemFactory)
    organisation = factory.SelfAttribute("item.organisation")
    summary = "Status: Not started → In progress"


class ObjectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Objective

    organisation = factory.SubFactory(OrganisationFactory)
    term = "short"
    area = "organisational_readiness"
    statement = factory.Sequence(lambda n: f"Objective {n}")
    owner = factory.SubFactory(UserFactory)
    deadline = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=180))
    measure = "manual"
    target = 10


class TeamPriorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TeamPriority

    team = factory.SubFactory(TeamFactory)
    organisation = factory.SelfAttribute("team.organisation")
    contact_opportunities = 3
    ability_to_influence = 3
    current_work = 3
    head_support = 3


class TeamPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TeamPlan

    team = factory.SubFactory(TeamFactory)
    organisation = factory.SelfAttribute("team.organisation")


class PlanBarrierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanBarrier

    plan = factory.SubFactory(TeamPlanFactory)
    organisation = factory.SelfAttribute("plan.organisation")
    barrier = "time"
    plan_to_overcome = "Prompt cards at the desk"


class LibraryItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LibraryItem

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Resource {n}")
    link = "https://www.example.org/resource"


class LibraryFileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LibraryFile

    item = factory.SubFactory(LibraryItemFactory, link="")
    organisation = factory.SelfAttribute("item.organisation")
    file = factory.LazyFunction(lambda: ContentFile(b"%PDF-1.4 prompt card", name="card.pdf"))
    original_name = "card.pdf"
    content_type = "application/pdf"
    size = 20
