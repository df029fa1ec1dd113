"""Accounts through django-allauth: email sign-in, verification, password reset and change, sign-out, TOTP MFA."""

import re

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time
from django.core import mail
from django.urls import reverse

from tests.organisations.factories import PASSWORD, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def sign_in(client, email, password=PASSWORD):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def prove_email(client) -> None:
    """The emailed code that must come before setting up an authenticator (organisations.mfa_enrolment)."""
    assert client.get(reverse("mfa_activate_totp"))["Location"] == reverse("mfa_enrolment_email")
    client.get(reverse("mfa_enrolment_email"))
    code = re.search(r"Your code is: (\d{6})", mail.outbox[-1].body).group(1)
    assert client.post(reverse("mfa_enrolment_email"), {"code": code})["Location"] == reverse("mfa_activate_totp")


def turn_on_totp(client) -> str:
    """Activate TOTP as a person would: prove the email address, confirm the password again, scan the secret, type
    the code."""
    prove_email(client)
    assert client.get(reverse("mfa_activate_totp"))["Location"].startswith(reverse("account_reauthenticate"))
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    secret = client.session["mfa.totp.secret"]
    assert secret in page.text
    wrong = client.post(reverse("mfa_activate_totp"), {"code": "12345"})
    assert "There is a problem" in wrong.text
    client.post(reverse("mfa_activate_totp"), {"code": current_totp(secret)})
    return secret


def current_totp(secret: str) -> str:
    counters = list(yield_hotp_counters_from_time())
    counter = counters[len(counters) // 2]  # the middle one is now; the others are the tolerance
    return format_hotp_value(hotp_value(secret, counter))


def test_sign_in_by_email_address_lands_on_the_organisation_home(client):
    membership = MembershipFactory()
    response = sign_in(client, membership.user.email.upper())
    assert response.status_code == 302
    assert client.get(response["Location"], follow=True).request["PATH_INFO"] == reverse(
        "organisations:home", args=[membership.organisation.slug]
    )


def test_wrong_password_gets_an_error_summary(client):
    user = UserFactory()
    response = sign_in(client, user.email, "wrong-password")
    assert response.status_code == 200
    assert "There is a problem" in response.text
    assert "_auth_user_id" not in client.session


def test_there_is_no_username_and_no_open_sign_up(client):
    page = client.get(reverse("account_login")).text
    assert 'name="login"' in page and 'type="email"' in page and "username" not in page.lower()
    assert "Sign Up Closed" in client.get(reverse("account_signup")).text


def test_unverified_email_must_be_confirmed_before_sign_in(client):
    user = UserFactory(verified_email=False)
    EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)
    response = sign_in(client, user.email)
    assert response["Location"] == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/\s]+(/accounts/confirm-email/[^\s]+/)", mail.outbox[0].body).group(1)
    client.post(link)
    assert EmailAddress.objects.get(user=user).verified
    assert sign_in(client, user.email)["Location"] == reverse("home")


def test_password_reset_by_email(client):
    user = UserFactory()
    client.post(reverse("account_reset_password"), {"email": user.email})
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/[^\s]+/)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    new_password = "a-brand-new-passphrase-42"
    client.post(form_page.request["PATH_INFO"], {"password1": new_password, "password2": new_password})
    user.refresh_from_db()
    assert user.check_password(new_password)


def test_password_reset_for_unknown_email_reveals_nothing(client):
    response = client.post(reverse("account_reset_password"), {"email": "nobody@example.nhs.uk"})
    assert response.status_code == 302
    assert response["Location"] == reverse("account_reset_password_done")


def test_change_password_and_sign_out(client):
    user = UserFactory()
    sign_in(client, user.email)
    new_password = "another-long-passphrase-7"
    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": new_password, "password2": new_password},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new_password)
    client.post(reverse("account_logout"))
    assert "_auth_user_id" not in client.session


def test_any_user_can_turn_on_totp_and_then_needs_a_code_to_sign_in(client):
    membership = MembershipFactory()
    user = membership.user
    sign_in(client, user.email)
    secret = turn_on_totp(client)
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.RECOVERY_CODES).exists()

    client.post(reverse("account_logout"))
    response = sign_in(client, user.email)
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    client.post(reverse("mfa_authenticate"), {"code": current_totp(secret)})
    assert client.session["_auth_user_id"] == str(user.pk)


def test_recovery_code_signs_in_when_the_phone_is_lost(client):
    user = UserFactory()
    sign_in(client, user.email)
    turn_on_totp(client)
    recovery = Authenticator.objects.get(user=user, type=Authenticator.Type.RECOVERY_CODES)
    code = recovery.wrap().get_unused_codes()[0]
    client.post(reverse("account_logout"))
    sign_in(client, user.email)
    client.post(reverse("mfa_authenticate"), {"code": code})
    assert client.session["_auth_user_id"] == str(user.pk)


@pytest.mark.parametrize(
    "url_name", ["account_login", "account_reset_password", "account_change_password", "mfa_index"]
)
def test_account_pages_use_the_nhs_layout(client, url_name):
    client.force_login(UserFactory())
    if url_name in ("account_login", "account_reset_password"):
        client.logout()
    page = client.get(reverse(url_name)).text
    assert "nhsuk-header" in page and "nhsuk-footer" in page and 'id="maincontent"' in page
