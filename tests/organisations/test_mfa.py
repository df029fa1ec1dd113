"""Two-factor authentication is required before organisation admins, implementation leads and commissioners use
any organisation page; other roles may opt in."""

import pytest
from django.urls import reverse

from organisations.roles import MFA_REQUIRED_ROLES, Role
from tests.mecc.test_accounts import sign_in, turn_on_totp
from tests.organisations.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def mfa_required(settings):
    settings.MFA_REQUIRED_FOR_PRIVILEGED_ROLES = True


def test_the_privileged_roles_are_admin_lead_and_commissioner():
    assert {Role.ORG_ADMIN, Role.IMPLEMENTATION_LEAD, Role.COMMISSIONER} == MFA_REQUIRED_ROLES


@pytest.mark.parametrize("role", sorted(Role))
def test_privileged_members_are_sent_to_set_up_mfa_others_are_not(client, role):
    member = MembershipFactory(organisation=OrganisationFactory(), role=role)
    assert sign_in(client, member.user.email).status_code == 302
    response = client.get(reverse("organisations:home", args=[member.organisation.slug]))
    if role in MFA_REQUIRED_ROLES:
        assert response.status_code == 302 and response["Location"] == reverse("mfa_activate_totp")
        follow = client.get(response["Location"], follow=True).text
        assert "two-factor authentication before you continue" in follow
    else:
        assert response.status_code == 200


def test_with_mfa_on_an_admin_uses_the_organisation(client):
    admin = MembershipFactory(role=Role.ORG_ADMIN)
    sign_in(client, admin.user.email)
    turn_on_totp(client)
    for name in ("organisations:home", "organisations:members", "evaluation:reports"):
        assert client.get(reverse(name, args=[admin.organisation.slug])).status_code == 200, name
