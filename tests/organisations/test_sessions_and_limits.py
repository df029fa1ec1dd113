"""Sessions end after inactivity; sign-in, password reset and invitation acceptance are rate-limited."""

import datetime

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from organisations.roles import Role
from tests.organisations.factories import PASSWORD, InvitationFactory

pytestmark = pytest.mark.django_db


def sign_in(client, user):
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]


def test_a_session_ends_after_thirty_minutes_without_a_request(client, make_member):
    assert settings.SESSION_COOKIE_AGE == 30 * 60 and settings.SESSION_SAVE_EVERY_REQUEST
    member = make_member(Role.FRONTLINE)
    sign_in(client, member.user)
    home = reverse("organisations:home", args=[member.organisation.slug])
    assert client.get(home).status_code == 200
    session = Session.objects.get()
    expires = session.expire_date
    assert expires - timezone.now() > datetime.timedelta(minutes=29)  # every request moves it on
    Session.objects.update(expire_date=timezone.now() - datetime.timedelta(seconds=1))  # 30 idle minutes later

    cache.clear()  # the cached copy of the session too
    response = client.get(home)
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


def test_repeated_failed_sign_ins_are_refused_for_a_while(client, make_member):
    member = make_member(Role.ORG_ADMIN)
    for _ in range(5):
        response = client.post(reverse("account_login"), {"login": member.user.email, "password": "wrong"})
        assert response.status_code == 200
    response = client.post(reverse("account_login"), {"login": member.user.email, "password": PASSWORD})
    assert response.status_code in (200, 429)
    assert "_auth_user_id" not in client.session  # even the right password is refused now
    assert "Too many" in response.content.decode() or "too many" in response.content.decode().lower()


def test_password_reset_requests_are_limited_per_address(client, make_member):
    member = make_member(Role.FRONTLINE)
    codes = [client.post(reverse("account_reset_password"), {"email": member.user.email}).status_code for _ in range(4)]
    assert codes[:3] == [302, 302, 302] and codes[3] in (200, 429)

    assert len(mail.outbox) == 3


def test_invitation_links_are_limited_per_address(client):
    invitation = InvitationFactory()
    url = reverse("invitation_accept", args=["not-a-real-token"])
    codes = [client.get(url).status_code for _ in range(21)]
    assert codes[:20] == [404] * 20 and codes[20] == 429
    assert "Too many attempts" in client.get(url).content.decode()
    assert invitation.pk  # a real invitation exists; guessing links is what the limit stops


def sign_in_from(client, address, email, password):
    return client.post(reverse("account_login"), {"login": email, "password": password}, HTTP_X_FORWARDED_FOR=address)


def test_behind_the_proxy_one_noisy_address_does_not_lock_out_everyone(client, make_member, settings):
    """Security review M5: every request reaches gunicorn from the proxy's address; limits follow the real client."""
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    member = make_member(Role.FRONTLINE)
    for n in range(12):
        sign_in_from(client, "203.0.113.5", f"nobody-{n}@example.org", "guess")
    assert "too many" in sign_in_from(client, "203.0.113.5", member.user.email, PASSWORD).text.lower()
    response = sign_in_from(client, "198.51.100.7", member.user.email, PASSWORD)
    assert response.status_code == 302 and "_auth_user_id" in client.session


def test_a_stranger_guessing_a_persons_password_locks_out_only_the_stranger(client, make_member, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    member = make_member(Role.FRONTLINE)
    for _ in range(6):
        sign_in_from(client, "203.0.113.5", member.user.email, "wrong")
    assert "_auth_user_id" not in client.session
    assert "too many" in sign_in_from(client, "203.0.113.5", member.user.email, PASSWORD).text.lower()
    response = sign_in_from(client, "198.51.100.7", member.user.email, PASSWORD)  # the person, elsewhere
    assert response.status_code == 302 and "_auth_user_id" in client.session


def test_a_session_ends_twelve_hours_after_sign_in_however_active(client, make_member):
    """Security review L9: the idle timeout alone let a busy session live for ever."""
    member = make_member(Role.FRONTLINE)
    client.force_login(member.user)
    home = reverse("organisations:home", args=[member.organisation.slug])
    assert client.get(home).status_code == 200
    session = client.session
    session["signed_in_at"] -= 11 * 60 * 60  # eleven hours of use: still signed in
    session.save()
    assert client.get(home).status_code == 200
    session = client.session
    session["signed_in_at"] -= 2 * 60 * 60  # thirteen hours after signing in
    session.save()
    response = client.get(home)
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))
    assert "_auth_user_id" not in client.session
