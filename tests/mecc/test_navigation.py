"""The header's navigation: for every role, each area it offers opens (never a 403), and the current area is
marked with aria-current."""

import pytest
from django.urls import reverse

from organisations.roles import Role
from tests.organisations.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", sorted(Role))
def test_every_area_offered_to_a_role_opens_for_it(client, role):
    organisation = OrganisationFactory()
    member = MembershipFactory(organisation=organisation, role=role)
    client.force_login(member.user)
    home = client.get(reverse("organisations:home", args=[organisation.slug]))
    items = home.context["navigation"]
    assert items[0]["label"] == "Home" and items[0]["current"]
    assert len({item["label"] for item in items}) == len(items)
    for item in items:
        page = client.get(item["url"])
        assert page.status_code == 200, (role, item["label"])
        marked = [i["label"] for i in page.context["navigation"] if i["current"]]
        assert marked == [item["label"]], (role, item["label"], marked)
        assert f'href="{item["url"]}" aria-current="page">{item["label"]}</a>' in page.text


def test_frontline_staff_see_the_areas_they_use_and_nothing_else(client):
    member = MembershipFactory(role=Role.FRONTLINE)
    client.force_login(member.user)
    items = client.get(reverse("organisations:home", args=[member.organisation.slug])).context["navigation"]
    assert [item["label"] for item in items] == ["Home", "Log", "Directory"]


def test_only_a_commissioner_is_offered_providers_and_the_commissioner_role(client):
    """Walkthrough 30: a trust's admin saw "Providers" and the portfolio, and could invite a "Commissioner"."""
    trust_admin = MembershipFactory(role=Role.ORG_ADMIN)
    icb_admin = MembershipFactory(role=Role.ORG_ADMIN, organisation=OrganisationFactory(kind="icb"))
    for member, offered in ((trust_admin, False), (icb_admin, True)):
        client.force_login(member.user)
        home = client.get(reverse("organisations:home", args=[member.organisation.slug]))
        labels = [item["label"] for item in home.context["navigation"]]
        assert ("Providers" in labels) is offered and ("SC8 progress measures" in home.text) is offered
        invite = client.get(reverse("organisations:invitations", args=[member.organisation.slug]))
        roles = [value for value, _ in invite.context["form"].fields["role"].choices]
        assert ("commissioner" in roles) is offered
