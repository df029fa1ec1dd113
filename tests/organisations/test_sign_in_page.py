"""The sign-in page as NHS.UK forms are: visible labels, no placeholder text, one "Forgotten your password?" link
(walkthrough 24: it had two, and placeholders standing in for labels)."""

import pytest
from django.conf import settings
from django.urls import reverse

from organisations.roles import Role
from tests.organisations.factories import PASSWORD, MembershipFactory

pytestmark = pytest.mark.django_db


def test_sign_in_has_labels_no_placeholders_and_one_reset_link(client):
    page = client.get(reverse("account_login")).text
    assert "placeholder=" not in page
    assert page.count(reverse("account_reset_password")) == 1
    assert 'for="id_login">Email</label>' in page and 'for="id_password">Password</label>' in page


def test_signing_in_still_works(client):
    member = MembershipFactory()
    response = client.post(reverse("account_login"), {"login": member.user.email, "password": PASSWORD})
    assert response.status_code == 302 and "_auth_user_id" in client.session


def sign_in(client, member, keep=False):
    data = {"login": member.user.email, "password": PASSWORD, **({"keep_signed_in": "on"} if keep else {})}
    return client.post(reverse("account_login"), data)


def test_sign_in_remembers_the_email_address_on_the_device(client):
    member = MembershipFactory(role=Role.FRONTLINE)
    response = sign_in(client, member)
    assert response.cookies[settings.REMEMBERED_EMAIL_COOKIE]["httponly"]
    client.logout()  # the test client forgets every cookie here; the browser keeps this one
    client.cookies[settings.REMEMBERED_EMAIL_COOKIE] = response.cookies[settings.REMEMBERED_EMAIL_COOKIE].value
    assert client.get(reverse("account_login")).context["form"]["login"].value() == member.user.email


def test_frontline_staff_may_stay_signed_in_to_log_and_only_to_log(client):
    member = MembershipFactory(role=Role.FRONTLINE)
    sign_in(client, member, keep=True)
    assert client.session.get_expiry_age() == settings.KEPT_SESSION_SECONDS and client.session["kept_signed_in"]
    slug = member.organisation.slug
    log, directory = reverse("contacts:log", args=[slug]), reverse("contacts:services", args=[slug])
    assert client.get(directory).status_code == 200  # within the ordinary session: everything as usual
    session = client.session
    session["last_seen"] -= 31 * 60  # 31 minutes without use: an ordinary session would have ended
    session.save()
    assert client.get(log).status_code == 200 and client.get(reverse("contacts:mine", args=[slug])).status_code == 200
    session = client.session
    session["last_seen"] -= 31 * 60
    session.save()
    response = client.get(directory)
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))
    assert "_auth_user_id" not in client.session


def test_a_kept_session_still_ends_after_thirty_days(client):
    member = MembershipFactory(role=Role.FRONTLINE)
    sign_in(client, member, keep=True)
    log = reverse("contacts:log", args=[member.organisation.slug])
    assert client.get(log).status_code == 200
    session = client.session
    session["signed_in_at"] -= settings.KEPT_SESSION_SECONDS + 1
    session.save()
    assert client.get(log).status_code == 302 and "_auth_user_id" not in client.session


@pytest.mark.parametrize("role", [Role.IMPLEMENTATION_LEAD, Role.TEAM_MANAGER, Role.TRAINER])
def test_other_roles_keep_the_short_session_even_if_they_ask(client, role):
    member = MembershipFactory(role=role)
    sign_in(client, member, keep=True)
    assert client.session.get_expire_at_browser_close() and "kept_signed_in" not in client.session


def test_someone_frontline_here_but_privileged_elsewhere_is_not_kept(client):
    member = MembershipFactory(role=Role.FRONTLINE)
    MembershipFactory(user=member.user, role=Role.ORG_ADMIN)
    sign_in(client, member, keep=True)
    assert "kept_signed_in" not in client.session
