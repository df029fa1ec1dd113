"""Every page carries a strict Content Security Policy (no inline script or style) and the usual protections."""

import pytest
from django.urls import reverse

from common.charts import columns_over_time, horizontal_bars, line_over_time
from organisations.roles import Role

pytestmark = pytest.mark.django_db


def test_pages_carry_a_strict_content_security_policy(client, make_member):
    member = make_member(Role.ORG_ADMIN)
    client.force_login(member.user)
    for url in (
        reverse("account_login"),
        reverse("privacy"),
        reverse("organisations:home", args=[member.organisation.slug]),
    ):
        response = client.get(url)
        policy = response["Content-Security-Policy"]
        assert "default-src 'self'" in policy and "script-src 'self'" in policy and "style-src 'self'" in policy
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
        assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
        assert response["X-Frame-Options"] == "DENY" and response["Referrer-Policy"] == "same-origin"
        assert response["X-Content-Type-Options"] == "nosniff"


def test_charts_carry_no_inline_styles():

    for svg in (
        horizontal_bars(["Smoking", "Alcohol"], [3, 5], "Topics"),
        columns_over_time(["1 Jan", "8 Jan"], [1, 2], "Weeks"),
        line_over_time(["May", "Nov"], [40.0, 60.0], "Trend"),
    ):
        assert "style=" not in svg and "<style" not in svg
        assert 'fill="#005eb8"' in svg  # the colours survive as presentation attributes
