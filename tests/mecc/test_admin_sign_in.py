"""Platform staff reach the Django admin only through allauth's sign-in, with its rate limit and second factor
(security review H1: the admin's own sign-in page had neither, and its timing told right passwords from wrong)."""

from unittest import mock

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher
from django.urls import reverse

from tests.mecc.test_accounts import PASSWORD, current_totp, sign_in, turn_on_totp
from tests.organisations.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def mfa_required(settings):
    settings.MFA_REQUIRED_FOR_PRIVILEGED_ROLES = True


@pytest.fixture
def staff():
    return UserFactory(is_staff=True, is_superuser=True)


def test_the_admin_sign_in_page_sends_everyone_to_allauths(client, staff):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))
    # A password posted to the admin's own page signs no one in.
    posted = client.post("/admin/login/", {"username": staff.email, "password": PASSWORD})
    assert posted.status_code == 302 and posted["Location"].startswith(reverse("account_login"))
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/organisations/membership/")["Location"].startswith("/admin/login/")


def test_guessing_a_staff_password_at_the_admin_is_counted_and_stopped(client, staff):
    for n in range(5):
        client.post("/admin/login/", {"username": staff.email, "password": f"guess-{n}"})  # signs no one in
        sign_in(client, staff.email, f"guess-{n}")
    # allauth's lockout (5 failures in 15 minutes per account) now covers the admin's only way in.
    refused = sign_in(client, staff.email, PASSWORD)
    assert "_auth_user_id" not in client.session
    assert "too many" in refused.content.decode().lower()


def test_staff_without_two_factor_are_sent_to_turn_it_on(client, staff):
    assert sign_in(client, staff.email).status_code == 302
    response = client.get("/admin/", follow=False)
    assert response.status_code == 302
    follow = client.get(response["Location"])
    assert follow.status_code == 302 and follow["Location"] == reverse("mfa_activate_totp")
    assert client.get("/admin/organisations/membership/").status_code == 302


def test_staff_with_two_factor_pass_its_step_then_use_the_admin(client, staff):
    sign_in(client, staff.email)
    secret = turn_on_totp(client)
    client.logout()
    first = sign_in(client, staff.email)
    assert first.status_code == 302 and first["Location"] == reverse("mfa_authenticate")
    assert client.get("/admin/").status_code == 302  # the password alone is not enough
    client.post(reverse("mfa_authenticate"), {"code": current_totp(secret)})
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/organisations/membership/").status_code == 200


def test_a_member_who_is_not_staff_cannot_open_the_admin(client):
    member = UserFactory()
    sign_in(client, member.email)
    assert client.get("/admin/").status_code == 302
    assert client.get("/admin/login/").status_code == 403


def test_a_right_and_a_wrong_password_cost_the_same_hashing(client):
    """One authentication backend: a wrong password is no longer hashed twice (the timing oracle)."""
    user = UserFactory()
    calls = {}
    for label, password in (("right", PASSWORD), ("wrong", "not-the-password")):
        client.logout()
        with mock.patch.object(MD5PasswordHasher, "verify", autospec=True, side_effect=MD5PasswordHasher.verify) as v:
            sign_in(client, user.email, password)
        calls[label] = v.call_count
    assert calls["right"] == calls["wrong"] == 1
