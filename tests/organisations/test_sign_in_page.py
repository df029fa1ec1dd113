"""The sign-in page as NHS.UK forms are: visible labels, no placeholder text, one "Forgotten your password?" link
(walkthrough 24: it had two, and placeholders standing in for labels)."""

import pytest
from django.urls import reverse

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
