"""A person in several organisations chooses one and can switch; the start page remembers the last one."""

import pytest
from django.urls import reverse

from organisations.roles import Role
from tests.organisations.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_anonymous_start_page_offers_sign_in(client):
    page = client.get(reverse("home"))
    assert page.status_code == 200 and reverse("account_login") in page.text


def test_single_membership_goes_straight_home(client):
    membership = MembershipFactory()
    client.force_login(membership.user)
    response = client.get(reverse("home"))
    assert response["Location"] == reverse("organisations:home", args=[membership.organisation.slug])


def test_several_memberships_choose_then_remember(client):
    user = UserFactory()
    first = MembershipFactory(user=user, role=Role.IMPLEMENTATION_LEAD)
    second = MembershipFactory(user=user, role=Role.BOARD_MEMBER)
    client.force_login(user)
    assert client.get(reverse("home"))["Location"] == reverse("switch_organisation")
    switch = client.get(reverse("switch_organisation")).text
    assert first.organisation.name in switch and second.organisation.name in switch
    home = client.get(reverse("organisations:home", args=[second.organisation.slug])).text
    assert "Board member" in home and "Change organisation" in home
    assert client.get(reverse("home"))["Location"] == reverse("organisations:home", args=[second.organisation.slug])


def test_switcher_lists_only_active_memberships(client):
    user = UserFactory()
    active = MembershipFactory(user=user)
    ended = MembershipFactory(user=user, is_active=False)
    client.force_login(user)
    page = client.get(reverse("switch_organisation")).text
    assert active.organisation.name in page and ended.organisation.name not in page


def test_no_membership_explains_what_to_do(client):
    client.force_login(UserFactory())
    page = client.get(reverse("home"), follow=True).text
    assert "not a member of any organisation" in page


@pytest.mark.parametrize("role", list(Role))
def test_home_page_per_role_shows_who_and_where_and_only_permitted_links(client, role):
    # An ICB, which has providers to follow; a trust never offers them (walkthrough 30), whatever the role.
    membership = MembershipFactory(role=role, organisation=OrganisationFactory(kind="icb"))
    client.force_login(membership.user)
    page = client.get(reverse("organisations:home", args=[membership.organisation.slug])).text
    assert membership.get_role_display() in page and membership.organisation.name in page
    assert (reverse("organisations:invitations", args=[membership.organisation.slug]) in page) == (
        role == Role.ORG_ADMIN
    )
    assert (reverse("organisations:providers", args=[membership.organisation.slug]) in page) == (
        role in (Role.ORG_ADMIN, Role.COMMISSIONER)
    )
    at_a_trust = MembershipFactory(role=role)
    client.force_login(at_a_trust.user)
    trust_page = client.get(reverse("organisations:home", args=[at_a_trust.organisation.slug])).text
    assert reverse("organisations:providers", args=[at_a_trust.organisation.slug]) not in trust_page
