"""Two-factor authentication is required before organisation admins, implementation leads and commissioners use
any organisation page; other roles may opt in."""

import re
import time

import pytest
from django.core import mail
from django.urls import reverse

from organisations import mfa_enrolment
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


def test_a_password_alone_cannot_set_up_the_second_factor(client):
    """Security review L7: whoever held the password when MFA was first required could enrol their own device."""
    admin = MembershipFactory(role=Role.ORG_ADMIN)
    sign_in(client, admin.user.email)
    assert client.get(reverse("mfa_activate_totp"))["Location"] == reverse("mfa_enrolment_email")
    page = client.get(reverse("mfa_enrolment_email"))
    assert admin.user.email in page.text and len(mail.outbox) == 1 and mail.outbox[0].to == [admin.user.email]
    wrong = client.post(reverse("mfa_enrolment_email"), {"code": "000000"})
    assert "The code is wrong or has expired" in wrong.text and 'href="#id_code"' in wrong.text
    assert client.get(reverse("mfa_activate_totp"))["Location"] == reverse("mfa_enrolment_email")
    codes = [client.get(reverse("mfa_enrolment_email") + "?again=1").status_code for _ in range(4)]
    assert codes == [200, 200, 429, 429] and len(mail.outbox) == 3  # at most 3 codes in 15 minutes
    code = re.search(r"Your code is: (\d{6})", mail.outbox[-1].body).group(1)
    assert client.post(reverse("mfa_enrolment_email"), {"code": code})["Location"] == reverse("mfa_activate_totp")
    assert client.get(reverse("mfa_activate_totp"))["Location"].startswith(reverse("account_reauthenticate"))


def test_an_old_code_no_longer_opens_the_set_up(client, monkeypatch):
    admin = MembershipFactory(role=Role.ORG_ADMIN)
    sign_in(client, admin.user.email)
    client.get(reverse("mfa_enrolment_email"))
    code = re.search(r"Your code is: (\d{6})", mail.outbox[-1].body).group(1)
    later = time.time() + 16 * 60
    monkeypatch.setattr(mfa_enrolment.time, "time", lambda: later)
    assert "has expired" in client.post(reverse("mfa_enrolment_email"), {"code": code}).text
