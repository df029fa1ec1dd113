"""Factories for the contact log and the signposting directory."""

from collections import Counter

import factory
from django.utils import timezone

from contacts import aggregates, content
from contacts.models import (
    Conversation,
    ConversationChange,
    ConversationImport,
    DailyConversationCount,
    OrganisationDailyCount,
    Service,
)
from contacts.services import record_conversation
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
    """Adds `count` to a team's daily counter through contacts.aggregates, as the app does, so the
    organisation-wide roll-up stays in step; returns the team row."""

    class Meta:
        model = DailyConversationCount

    organisation = factory.SubFactory(OrganisationFactory)
    team_key = 0
    day = factory.LazyFunction(timezone.localdate)
    dimension = "all"
    value = ""
    count = 1

    @classmethod
    def _create(cls, model_class, organisation, team_key, day, dimension, value, count):
        aggregates.apply(Counter({(organisation.pk, team_key, day, dimension, value): count}))
        return model_class.objects.get(
            organisation=organisation, team_key=team_key, day=day, dimension=dimension, value=value
        )


def set_daily_count(organisation, day, count, dimension="all", value="", team_key=0):
    """Set a team's daily counter to `count` (and the roll-up with it), as if the conversations said so."""
    stored = DailyConversationCount.objects.filter(
        organisation=organisation, team_key=team_key, day=day, dimension=dimension, value=value
    ).first()
    aggregates.apply(
        Counter({(organisation.pk, team_key, day, dimension, value): count - (stored.count if stored else 0)})
    )


class OrganisationDailyCountFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrganisationDailyCount

    organisation = factory.SubFactory(OrganisationFactory)
    day = factory.LazyFunction(timezone.localdate)
    dimension = "all"
    value = ""
    count = 1


def log_conversations(member, count=1, *, team=None, topics=("smoking",), outcomes=("information",), services=(),
                      day=None):  # fmt: skip
    """Record `count` conversations through the contact log's own service (counters and history included), the way
    the log form does; returns the last one."""
    conversation = None
    for _ in range(count):
        conversation, _ = record_conversation(
            organisation=member.organisation,
            recorded_by=member.user,
            data={
                "occurred_on": day or timezone.localdate(),
                "team": team,
                "contact_type": "service_user",
                "raised_by": "staff",
                "intervention_level": "very_brief",
                "topics": list(topics),
                "outcomes": list(outcomes),
            },
            services=services,
        )
    return conversation
