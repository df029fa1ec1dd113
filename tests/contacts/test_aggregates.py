"""The daily aggregate rows agree exactly with the raw conversations after any mix of writes."""

import datetime
import random

import pytest
from django.core.management import call_command
from django.utils import timezone

from common.suppression import suppress
from contacts import aggregates, content, selectors, services
from contacts.models import Conversation, ConversationChange, DailyConversationCount, OrganisationDailyCount
from contacts.services import delete_conversation
from organisations.roles import Role
from tests.contacts.factories import ServiceFactory, log_conversations
from tests.organisations.factories import MembershipFactory, TeamFactory

pytestmark = pytest.mark.django_db


def random_data(rng, teams, today):
    return {
        "occurred_on": today - datetime.timedelta(days=rng.randrange(0, 30)),
        "team": rng.choice([*teams, None]),
        "setting": rng.choice(["", *[s.code for s in content.SETTINGS]]),
        "contact_type": rng.choice([c.code for c in content.CONTACT_TYPES]),
        "raised_by": rng.choice([c.code for c in content.RAISED_BY]),
        "intervention_level": rng.choice([c.code for c in content.INTERVENTION_LEVELS]),
        "readiness": rng.choice(["", *[c.code for c in content.READINESS]]),
        "topics": rng.sample([t.code for t in content.TOPICS], rng.randrange(0, 4)),
        "determinants": rng.sample([d.code for d in content.DETERMINANTS], rng.randrange(0, 3)),
        "outcomes": rng.sample([o.code for o in content.OUTCOMES], rng.randrange(1, 3)),
        "resources": rng.sample([r.code for r in content.RESOURCES], rng.randrange(0, 2)),
        "nice_outcomes": [],
        "note": "",
    }


def test_random_creates_edits_and_deletes_keep_aggregates_exact():
    rng = random.Random(20261122)
    member = MembershipFactory()
    organisation = member.organisation
    teams = [TeamFactory(organisation=organisation) for _ in range(3)]
    today = timezone.localdate()
    stored = []
    for step in range(150):
        action = rng.random()
        if action < 0.6 or not stored:
            conversation, _ = services.record_conversation(
                organisation=organisation, recorded_by=member.user, data=random_data(rng, teams, today)
            )
            stored.append(conversation)
        elif action < 0.85:
            conversation = rng.choice(stored)
            services.update_conversation(
                conversation, data=random_data(rng, teams, today), services=[], changed_by=member.user
            )
        else:
            conversation = stored.pop(rng.randrange(len(stored)))
            services.delete_conversation(conversation, deleted_by=member.user)
        if step % 50 == 49:
            assert aggregates.disagreements(organisation) == {}
    assert aggregates.disagreements() == {}
    assert Conversation.objects.count() == len(stored)


def test_rebuild_restores_agreement_and_the_check_notices_drift():
    member = MembershipFactory()
    for _ in range(5):
        services.record_conversation(
            organisation=member.organisation,
            recorded_by=member.user,
            data={
                "occurred_on": timezone.localdate(),
                "contact_type": "carer",
                "raised_by": "staff",
                "intervention_level": "brief",
                "topics": ["alcohol"],
                "outcomes": ["information"],
            },
        )
    DailyConversationCount.objects.filter(dimension="topic").update(count=99)
    drift = aggregates.disagreements(member.organisation)
    assert drift and all(stored == 99 for _, stored in drift.values())
    call_command("rebuild_conversation_counts", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert aggregates.disagreements() == {}


def test_summary_figures_equal_hand_counts():
    member = MembershipFactory()
    organisation = member.organisation
    today = timezone.localdate()
    service = ServiceFactory(organisation=organisation)
    plan = [(["smoking"], ["information"]), (["smoking", "alcohol"], ["signposted"]), (["diet"], ["declined"])]
    for topics, outcomes in plan:
        services.record_conversation(
            organisation=organisation,
            recorded_by=member.user,
            data={
                "occurred_on": today,
                "contact_type": "service_user",
                "raised_by": "staff",
                "intervention_level": "very_brief",
                "topics": topics,
                "outcomes": outcomes,
            },
            services=[service] if "signposted" in outcomes else [],
        )
    totals = selectors.totals_by_dimension(organisation, today, today)
    assert totals["all"] == {"": 3}
    assert totals["topic"] == {"smoking": 2, "alcohol": 1, "diet": 1}
    assert totals["outcome"] == {"information": 1, "signposted": 1, "declined": 1}
    assert sum(count for _, count in selectors.weekly_totals(organisation, today, today)) == 3
    assert (
        selectors.with_signposting_counts(selectors.directory_for(organisation), organisation).get().times_signposted
        == 1
    )


def test_small_numbers_are_suppressed_outside_the_organisation():

    assert [suppress(n) for n in (0, 1, 4, 5, 1234)] == ["0", "<5", "<5", "5", "1,234"]


def test_the_organisation_wide_roll_up_is_kept_in_step_and_checked(make_member):
    member = make_member(Role.FRONTLINE)
    ward, clinic = (TeamFactory(organisation=member.organisation) for _ in range(2))
    log_conversations(member, 2, team=ward, topics=("smoking",))
    last = log_conversations(member, 3, team=clinic, topics=("smoking", "alcohol"))
    delete_conversation(last, deleted_by=member.user)
    wide = OrganisationDailyCount.objects.for_organisation(member.organisation)
    assert wide.get(dimension="all").count == 4 and wide.get(dimension="topic", value="smoking").count == 4
    assert wide.get(dimension="topic", value="alcohol").count == 2
    assert aggregates.disagreements(member.organisation) == {}
    wide.filter(dimension="all").update(count=40)
    assert list(aggregates.disagreements(member.organisation).values()) == [(4, 40)]
    aggregates.rebuild(member.organisation)
    assert aggregates.disagreements() == {} and wide.get(dimension="all").count == 4


def test_a_conversations_history_is_append_only(make_member):
    member = make_member(Role.FRONTLINE)
    log_conversations(member)
    entry = ConversationChange.objects.get()
    entry.snapshot = {"topics": "Something else"}
    with pytest.raises(ValueError, match="append-only"):
        entry.save()
    with pytest.raises(ValueError, match="append-only"):
        entry.delete()
    assert ConversationChange.objects.get().snapshot["topics"] == "Smoking"
