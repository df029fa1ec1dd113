"""Factories for the contact log and the signposting directory."""

import factory
from django.utils import timezone

from contacts import content
from contacts.models import Conversation, ConversationChange, ConversationImport, DailyConversationCount, Service
from tests.organisations.factories import OrganisationFactory


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Service {n}")
    topics = content.to_mask(content.TOPICS, ["smoking"])


class ConversationFactory(factory.django.DjangoModelFactory):
    """A raw row only; tests of the aggregates record through contacts.services instead."""

    class Meta:
        model = Conversation

    organisation = factory.SubFactory(OrganisationFactory)
    occurred_on = factory.LazyFunction(timezone.localdate)
    contact_type = "service_user"
    raised_by = "staff"
    intervention_level = "very_brief"
    topics = content.to_mask(content.TOPICS, ["smoking"])
    outcomes = content.to_mask(content.OUTCOMES, ["information"])


class ConversationImportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConversationImport

    organisation = factory.SubFactory(OrganisationFactory)
    file = "imports/test.csv"
    original_name = "test.csv"
    sha256 = "0" * 64
    status = ConversationImport.Status.DONE


class ConversationChangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConversationChange

    organisation = factory.SubFactory(OrganisationFactory)
    conversation_id = factory.Sequence(lambda n: n + 1)
    action = ConversationChange.Action.CREATED
    snapshot = factory.LazyFunction(lambda: {"topics": "Smoking"})


class DailyConversationCountFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DailyConversationCount

    organisation = factory.SubFactory(OrganisationFactory)
    day = factory.LazyFunction(timezone.localdate)
    dimension = "all"
    value = ""
    count = 1
