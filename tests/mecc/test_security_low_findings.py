"""The low and information findings of the security review, each shown fixed the way a user would see it."""

import datetime
import io
import zipfile

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from common.uploads import RejectedFile, sniff
from evaluation.reports import inline_only
from organisations.roles import Role
from tests.contacts.factories import log_conversations
from tests.organisations.factories import ContractFactory, MembershipFactory, TeamFactory

pytestmark = pytest.mark.django_db


def test_l3_a_team_manager_without_a_team_sees_no_ones_conversations(client, make_member):
    manager = make_member(Role.TEAM_MANAGER, team=None)
    frontline = MembershipFactory(organisation=manager.organisation, role=Role.FRONTLINE)
    log_conversations(frontline, 3, team=TeamFactory(organisation=manager.organisation))
    client.force_login(manager.user)
    page = client.get(reverse("contacts:conversations", args=[manager.organisation.slug]))
    assert list(page.context["table"].data) == [] and "manager without a team" in page.text
    export = client.get(reverse("contacts:conversations", args=[manager.organisation.slug]), {"_export": "csv"})
    assert b"".join(export.streaming_content).decode().strip().count("\n") == 0  # the header row only
    summary = client.get(reverse("evaluation:summary", args=[manager.organisation.slug]))
    assert "manager without a team" in summary.text
    assert "How many conversations were recorded each week?" not in summary.text


def test_l4_a_contract_that_has_not_started_shows_the_commissioner_nothing(client, make_member):
    start = datetime.date.today() + datetime.timedelta(days=30)
    contract = ContractFactory(status="accepted", start_date=start, end_date=start + datetime.timedelta(days=365))
    commissioner = MembershipFactory(organisation=contract.commissioner, role=Role.COMMISSIONER)
    client.force_login(commissioner.user)
    url = reverse("evaluation:sc8_provider", args=[contract.commissioner.slug, contract.provider.pk])
    assert client.get(url).status_code == 404
    portfolio = client.get(reverse("evaluation:sc8", args=[contract.commissioner.slug]))
    assert contract.provider.name not in portfolio.text


def test_l5_a_team_name_with_dollar_signs_is_drawn_as_text(client, make_member):
    lead = make_member(Role.IMPLEMENTATION_LEAD)
    ward = TeamFactory(organisation=lead.organisation, name=r"Ward $\foo$ and $x^2$")
    log_conversations(lead, 2, team=ward)
    client.force_login(lead.user)
    response = client.get(reverse("evaluation:summary", args=[lead.organisation.slug]))
    assert response.status_code == 200
    assert r"Ward $\foo$ and $x^2$" in response.text  # in the figures table and in the chart's own text


@pytest.mark.parametrize("page", ["99999999999999999999", "9223372036854775807", "-1", "x"])
def test_l6_an_impossible_page_number_shows_a_page_not_an_error(client, make_member, page):
    member = make_member(Role.IMPLEMENTATION_LEAD)
    log_conversations(member, 2)
    client.force_login(member.user)
    for name in ("contacts:mine", "contacts:conversations"):
        response = client.get(reverse(name, args=[member.organisation.slug]), {"page": page})
        assert response.status_code == 200, name


def test_l8_signed_in_pages_and_exports_are_never_stored_and_public_ones_can_be(client, make_member):
    member = make_member(Role.IMPLEMENTATION_LEAD)
    assert "no-store" not in client.get(reverse("accessibility")).get("Cache-Control", "")
    client.force_login(member.user)
    for url in (
        reverse("contacts:conversations", args=[member.organisation.slug]),
        reverse("contacts:conversations", args=[member.organisation.slug]) + "?_export=csv",
        reverse("organisations:members", args=[member.organisation.slug]),
    ):
        cache_control = client.get(url)["Cache-Control"]
        assert "no-store" in cache_control and "private" in cache_control, url


def test_l10_passwords_need_twelve_characters():
    with pytest.raises(ValidationError):
        validate_password("Quiet-hen-7")  # 11 characters
    validate_password("Quiet-hen-7x-river")


def test_l11_every_response_refuses_browser_features_the_service_never_uses(client):
    policy = client.get(reverse("accessibility"))["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()"):
        assert feature in policy


def _office(*parts) -> io.BytesIO:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        for name in parts:
            archive.writestr(name, b"\x00")
    buffer.seek(0)
    return buffer


@pytest.mark.parametrize("part", ["word/vbaProject.bin", "word/activeX/activeX1.bin", "word/page.html"])
def test_i5_office_files_that_run_code_are_refused_as_evidence(part):
    with pytest.raises(RejectedFile, match="macros"):
        sniff(b"PK\x03\x04", _office(part))


def test_i5_office_files_with_plain_data_parts_are_still_evidence():
    kind, _ = sniff(b"PK\x03\x04", _office("word/printerSettings/printerSettings1.bin"))
    assert kind.endswith("wordprocessingml.document")


def test_i4_a_report_loads_nothing_from_outside_the_page():
    fetcher = inline_only()
    for url in ("file:///etc/passwd", "https://example.org/tracker.png"):
        with pytest.raises(ValueError, match="disallowed protocol"):
            fetcher.fetch(url)
    assert fetcher.fetch("data:text/plain,hello") is not None


def test_i7_password_reset_sends_nothing_to_an_unknown_address(client, mailoutbox):
    client.post(reverse("account_reset_password"), {"email": "nobody-here@example.org"})
    assert mailoutbox == []
