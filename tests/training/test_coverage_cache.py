"""Cached frontline coverage counts (training.coverage) follow every write that changes them."""

import datetime

import pytest
from django.utils import timezone

from organisations.roles import Role
from tests.organisations.factories import MembershipFactory, OrganisationFactory
from tests.training.factories import TrainingRecordFactory
from training import coverage

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def trust():
    return OrganisationFactory()


def test_counts_are_cached_and_follow_training_and_membership_changes(trust, django_assert_num_queries):
    staff = [MembershipFactory(organisation=trust, role=Role.FRONTLINE) for _ in range(4)]
    MembershipFactory(organisation=trust, role=Role.TEAM_MANAGER)  # not frontline
    assert coverage.counts([trust.pk], TODAY) == {trust.pk: (4, 0)}
    with django_assert_num_queries(0):
        assert coverage.counts([trust.pk], TODAY) == {trust.pk: (4, 0)}
    record = TrainingRecordFactory(resource__organisation=trust, membership=staff[0], completed_on=TODAY)
    assert coverage.counts([trust.pk], TODAY) == {trust.pk: (4, 1)}
    staff[1].is_active = False
    staff[1].save()
    assert coverage.counts([trust.pk], TODAY) == {trust.pk: (3, 1)}
    record.delete()
    assert coverage.counts([trust.pk], TODAY) == {trust.pk: (3, 0)}


def test_expiry_is_seen_on_the_next_day(trust):
    member = MembershipFactory(organisation=trust, role=Role.FRONTLINE)
    TrainingRecordFactory(resource__organisation=trust, membership=member, completed_on=TODAY, valid_until=TODAY)
    assert coverage.counts([trust.pk], TODAY) == {trust.pk: (1, 1)}
    assert coverage.counts([trust.pk], TODAY + datetime.timedelta(days=1)) == {trust.pk: (1, 0)}


def test_one_organisations_change_leaves_the_others_cached(trust, django_assert_num_queries):
    other = OrganisationFactory()
    MembershipFactory(organisation=trust, role=Role.FRONTLINE)
    MembershipFactory(organisation=other, role=Role.FRONTLINE)
    assert coverage.counts([trust.pk, other.pk], TODAY) == {trust.pk: (1, 0), other.pk: (1, 0)}
    MembershipFactory(organisation=trust, role=Role.FRONTLINE)
    with django_assert_num_queries(1):  # only the changed organisation is counted again
        assert coverage.counts([trust.pk, other.pk], TODAY) == {trust.pk: (2, 0), other.pk: (1, 0)}
