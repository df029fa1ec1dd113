"""Cached frontline coverage counts (training.coverage) follow every write that changes them."""

import datetime

import pytest
from django.utils import timezone

from organisations.roles import Role
from tests.organisations.factories import MembershipFactory, OrganisationFactory, StaffMemberFactory, TeamFactory
from tests.training.factories import TrainingRecordFactory
from training import coverage

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def trust():
    return OrganisationFactory()


def test_counts_are_cached_and_follow_training_roster_and_membership_changes(trust, django_assert_num_queries):
    people = [StaffMemberFactory(organisation=trust) for _ in range(4)]
    StaffMemberFactory(organisation=trust, frontline=False)  # not frontline
    assert coverage.counts([trust.pk], TODAY) == {trust.pk: (4, 0)}
    with django_assert_num_queries(0):
        assert coverage.counts([trust.pk], TODAY) == {trust.pk: (4, 0)}
    record = TrainingRecordFactory(resource__organisation=trust, membership=None, staff_member=people[0],
                                   completed_on=TODAY)  # fmt: skip
    assert coverage.counts([trust.pk], TODAY) == {trust.pk: (4, 1)}
    people[1].left_on = TODAY
    people[1].save()
    assert coverage.counts([trust.pk], TODAY) == {trust.pk: (3, 1)}
    record.delete()
    assert coverage.counts([trust.pk], TODAY) == {trust.pk: (3, 0)}
    # An account whose email address is on the roster, trained: the count follows the membership's record.
    member = MembershipFactory(organisation=trust, role=Role.FRONTLINE, user__email=people[2].email)
    TrainingRecordFactory(resource__organisation=trust, membership=member, completed_on=TODAY)
    assert coverage.counts([trust.pk], TODAY) == {trust.pk: (3, 1)}


def test_a_teams_establishment_change_is_seen(trust):
    team = TeamFactory(organisation=trust)
    assert coverage.counts([trust.pk], TODAY) == {}
    team.establishment = 25
    team.save()
    assert coverage.counts([trust.pk], TODAY) == {trust.pk: (25, 0)}


def test_expiry_is_seen_on_the_next_day(trust):
    person = StaffMemberFactory(organisation=trust)
    TrainingRecordFactory(resource__organisation=trust, membership=None, staff_member=person, completed_on=TODAY,
                          valid_until=TODAY)  # fmt: skip
    assert coverage.counts([trust.pk], TODAY) == {trust.pk: (1, 1)}
    assert coverage.counts([trust.pk], TODAY + datetime.timedelta(days=1)) == {trust.pk: (1, 0)}


def test_one_organisations_change_leaves_the_others_cached(trust, monkeypatch):
    other = OrganisationFactory()
    StaffMemberFactory(organisation=trust)
    StaffMemberFactory(organisation=other)
    assert coverage.counts([trust.pk, other.pk], TODAY) == {trust.pk: (1, 0), other.pk: (1, 0)}
    StaffMemberFactory(organisation=trust)
    counted = []
    real = coverage._by_team
    monkeypatch.setattr(coverage, "_by_team", lambda ids, today: counted.append(list(ids)) or real(ids, today))
    assert coverage.counts([trust.pk, other.pk], TODAY) == {trust.pk: (2, 0), other.pk: (1, 0)}
    assert counted == [[trust.pk]]  # only the changed organisation is counted again
