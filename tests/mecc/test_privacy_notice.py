"""The privacy notice is public, linked from every page, and says what is never stored."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_privacy_notice_is_public_and_linked_from_the_footer(client):
    page = client.get(reverse("privacy"))
    assert page.status_code == 200
    text = page.content.decode()
    for promise in ("No patient or member of the public is identified", "counts under 5", "two-factor authentication",
                    "30 minutes without activity"):  # fmt: skip
        assert promise in text
    assert f'href="{reverse("privacy")}"' in client.get(reverse("account_login")).content.decode()
