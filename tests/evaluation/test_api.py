"""Issue 20: the analysts' read-only API. Tokens are shown once, listed with their last use, revoked, audited and
rate-limited; a token reads only its own organisation; every figure equals the page's for the same period; a
commissioner's view of a provider is suppressed by the page's own code."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from evaluation import api as api_module
from organisations.models import ApiToken, AuditEvent, Organisation
from organisations.roles import Role
from tests.contacts.factories import DailyConversationCountFactory, log_conversations
from tests.organisations.factories import (
    ContractFactory,
    MembershipFactory,
    OrganisationFactory,
    StaffMemberFactory,
    TeamFactory,
)
from tests.training.factories import TrainingRecordFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def trust():
    return OrganisationFactory(name="Northgate Hospitals NHS Trust", slug="northgate", ods_code="RX1")


@pytest.fixture
def admin(trust):
    return MembershipFactory(organisation=trust, role=Role.ORG_ADMIN)


def issue(client, member, name="Analytics") -> str:
    client.force_login(member.user)
    page = client.post(reverse("organisations:api_tokens", args=[member.organisation.slug]), {"name": name})
    assert page.status_code == 201 and page["Cache-Control"] == "no-store"
    secret = page.context["secret"]
    assert secret.startswith("mecc_") and secret in page.text
    client.logout()
    return secret


def get(client, path, secret, **params):
    return client.get(f"/api/v1/{path}", params, headers={"Authorization": f"Bearer {secret}"})


def test_a_token_is_shown_once_listed_with_its_last_use_and_revoked(client, trust, admin):
    secret = issue(client, admin)
    token = ApiToken.objects.get()
    assert token.key_hash != secret and secret not in str(list(ApiToken.objects.values()))  # only a fingerprint
    client.force_login(admin.user)
    listing = client.get(reverse("organisations:api_tokens", args=[trust.slug])).text
    assert secret not in listing and token.shown_start in listing and "Never" in listing
    client.logout()
    assert get(client, "organisation", secret).json() == {"name": trust.name, "ods_code": "RX1", "kind": "NHS trust"}
    assert ApiToken.objects.get().last_used_at is not None
    assert get(client, "organisation", "mecc_not-a-token").status_code == 401
    assert client.get("/api/v1/organisation").status_code == 401
    client.force_login(admin.user)
    client.post(reverse("organisations:api_token_revoke", args=[trust.slug, token.pk]))
    client.logout()
    assert get(client, "organisation", secret).status_code == 401
    kinds = set(AuditEvent.objects.filter(organisation=trust).values_list("kind", flat=True))
    assert {AuditEvent.Kind.API_TOKEN_CREATED, AuditEvent.Kind.API_TOKEN_REVOKED} <= kinds


def test_a_token_stops_when_its_maker_leaves_or_loses_the_role(client, trust, admin):
    secret = issue(client, admin)
    admin.role = Role.FRONTLINE
    admin.save()
    assert get(client, "organisation", secret).status_code == 401
    admin.role, admin.is_active = Role.ORG_ADMIN, False
    admin.save()
    assert get(client, "organisation", secret).status_code == 401


def test_only_admins_and_commissioners_make_tokens(client, trust):
    lead = MembershipFactory(organisation=trust, role=Role.IMPLEMENTATION_LEAD)
    client.force_login(lead.user)
    assert client.get(reverse("organisations:api_tokens", args=[trust.slug])).status_code == 403


def test_requests_beyond_the_rate_are_refused(client, trust, admin, monkeypatch):
    secret = issue(client, admin)
    monkeypatch.setattr(api_module.THROTTLE, "num_requests", 2)
    assert [get(client, "organisation", secret).status_code for _ in range(3)] == [200, 200, 429]


def test_every_figure_equals_the_pages_for_the_same_period(client, trust, admin):
    team = TeamFactory(organisation=trust, name="Emergency department")
    member = MembershipFactory(organisation=trust, role=Role.FRONTLINE, team=team)
    log_conversations(member, 3, team=team, topics=("smoking", "alcohol"), day=TODAY - datetime.timedelta(days=2))
    log_conversations(member, 2, team=team, topics=("activity",), outcomes=("signposted",),
                      day=TODAY - datetime.timedelta(days=40))  # fmt: skip
    people = [StaffMemberFactory(organisation=trust, team=team) for _ in range(4)]
    TrainingRecordFactory(organisation=trust, membership=None, staff_member=people[0], completed_on=TODAY)
    secret = issue(client, admin)
    start, end = TODAY - datetime.timedelta(days=60), TODAY

    client.force_login(admin.user)
    page = client.get(reverse("evaluation:summary", args=[trust.slug]),
                      {"date_from": start.isoformat(), "date_to": end.isoformat()}).context  # fmt: skip
    coverage_page = client.get(reverse("training:coverage", args=[trust.slug])).context
    sc8_page = client.get(reverse("evaluation:sc8_own", args=[trust.slug])).context
    client.logout()

    figures = get(client, "conversations", secret, start=start.isoformat(), end=end.isoformat()).json()
    assert figures["total"] == page["total"] == 5
    assert {r["code"]: r["count"] for r in figures["by_topic"]} == {r["code"]: r["count"] for r in page["topics"]}
    assert {r["code"]: r["count"] for r in figures["by_outcome"]} == {r["code"]: r["count"] for r in page["outcomes"]}
    assert figures["by_team"] == [{"team": "Emergency department", "count": 5}]
    coverage = get(client, "coverage", secret).json()
    assert (coverage["trained"], coverage["staff"]) == (coverage_page["trained"], coverage_page["staff"]) == (1, 4)
    assert coverage["percent"] == coverage_page["percent"] == 25
    measures = {m["code"]: m["value"] for m in get(client, "sc8", secret).json()["measures"]}
    assert measures == {row["indicator"].code: row["reading"].value for row in sc8_page["indicators"]}
    assert get(client, "checklist", secret).json()["total"] > 0
    assert get(client, "assessment", secret).json()["completed_at"] is None
    assert get(client, "conversations", secret, start=end.isoformat(), end=start.isoformat()).status_code == 400


def test_a_token_reads_nothing_of_another_organisation(client, trust, admin):
    other = OrganisationFactory(kind=Organisation.Kind.ICB)
    other_team = TeamFactory(organisation=other)
    provider = OrganisationFactory()
    ContractFactory(commissioner=other, provider=provider, status="accepted")
    secret = issue(client, admin)
    assert get(client, "conversations", secret, team_id=other_team.pk).status_code == 404
    assert get(client, "providers", secret).status_code == 403  # a trust commissions nobody
    commissioner = MembershipFactory(
        organisation=OrganisationFactory(kind=Organisation.Kind.ICB), role=Role.COMMISSIONER
    )
    own = issue(client, commissioner)
    assert get(client, "providers", own).json() == []
    assert get(client, f"providers/{provider.pk}", own).status_code == 404  # another commissioner's provider


def test_a_commissioner_reads_its_providers_suppressed_as_on_the_page(client):
    contract = ContractFactory(status="accepted")
    provider = contract.provider
    DailyConversationCountFactory(organisation=provider, day=TODAY, count=3)
    DailyConversationCountFactory(organisation=provider, day=TODAY, dimension="topic", value="smoking", count=3)
    commissioner = MembershipFactory(organisation=contract.commissioner, role=Role.COMMISSIONER)
    secret = issue(client, commissioner)
    client.force_login(commissioner.user)
    page = client.get(reverse("evaluation:sc8_provider", args=[contract.commissioner.slug, provider.pk])).context
    client.logout()
    listed = get(client, "providers", secret).json()
    assert [p["id"] for p in listed] == [provider.pk]
    figures = get(client, f"providers/{provider.pk}", secret).json()
    measures = {m["code"]: m["value"] for m in figures["measures"]}
    assert measures == {row["indicator"].code: row["reading"].value for row in page["indicators"]}
    assert measures["activity"] == "<5"
    smoking = next(r for r in figures["by_topic"] if r["code"] == "smoking")
    assert smoking["counts"] == next(r for r in page["topics"] if r["code"] == "smoking")["counts"]
    assert smoking["counts"][-1] == "<5"
    shown = [count for rows in (figures["by_topic"], figures["by_outcome"]) for row in rows for count in row["counts"]]
    assert set(shown) <= {"<5", "0"}  # the 3 is never shown, nor any count under 5


def test_the_openapi_description_names_every_endpoint(client):
    described = client.get("/api/v1/openapi.json").json()
    assert described["info"]["version"] == "1"
    assert {"/api/v1/conversations", "/api/v1/coverage", "/api/v1/sc8", "/api/v1/providers/{provider_id}"} <= set(
        described["paths"]
    )
    assert client.get("/api/v1/docs").status_code == 404  # no interactive page that would load script from a CDN


@pytest.mark.parametrize("path", ["organisation", "conversations", "coverage", "checklist", "assessment", "sc8"])
def test_each_endpoint_answers_with_the_tokens_own_organisation_only(client, trust, admin, path):
    other = OrganisationFactory(name="Southby Community Trust", ods_code="RZ7")
    member = MembershipFactory(organisation=other, role=Role.FRONTLINE, team=TeamFactory(organisation=other))
    log_conversations(member, 6, team=member.team, day=TODAY - datetime.timedelta(days=1))
    StaffMemberFactory(organisation=other)
    secret = issue(client, admin)
    response = get(client, path, secret)
    assert response.status_code == 200
    assert "Southby" not in response.text and "RZ7" not in response.text
    if path == "conversations":
        assert response.json()["total"] == 0
    if path == "coverage":
        assert response.json()["staff"] is None
