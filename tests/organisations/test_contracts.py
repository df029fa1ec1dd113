"""Commissioning contracts: the provider's consent decides what the commissioner sees."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from organisations import selectors
from organisations.models import CommissioningContract, Organisation
from organisations.roles import Role
from tests.organisations.factories import ContractFactory, MembershipFactory, OrganisationFactory, TeamFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def icb():
    return OrganisationFactory(kind=Organisation.Kind.ICB, name="Test ICB")


@pytest.fixture
def provider():
    return OrganisationFactory(name="Test Provider Trust")


def portfolio_page(client, icb):
    commissioner = MembershipFactory(organisation=icb, role=Role.COMMISSIONER)
    client.force_login(commissioner.user)
    return client.get(reverse("organisations:providers", args=[icb.slug])).text


def test_commissioner_admin_proposes_a_contract(client, icb, provider):
    admin = MembershipFactory(organisation=icb, role=Role.ORG_ADMIN)
    client.force_login(admin.user)
    today = timezone.localdate()
    response = client.post(
        reverse("organisations:contracts", args=[icb.slug]),
        {
            "provider": provider.name.upper(),  # found by its exact name, whatever the case
            "reference": "MECC-1",
            "start_date": today,
            "end_date": today.replace(year=today.year + 1),
        },
    )
    assert response.status_code == 302
    contract = CommissioningContract.objects.get()
    assert (contract.commissioner, contract.provider, contract.status) == (icb, provider, "proposed")


def test_proposal_errors_are_shown_and_nothing_is_saved(client, icb, provider):
    admin = MembershipFactory(organisation=icb, role=Role.ORG_ADMIN)
    client.force_login(admin.user)
    response = client.post(
        reverse("organisations:contracts", args=[icb.slug]),
        {"provider": icb.name, "reference": "", "start_date": "2026-05-01", "end_date": "2026-04-01"},
    )
    assert "There is a problem" in response.text
    assert "Enter the contract reference" in response.text
    assert "No provider has that ODS code or name" in response.text  # cannot contract with itself
    assert not CommissioningContract.objects.exists()


def test_commissioner_sees_nothing_until_the_provider_accepts(client, icb, provider):
    TeamFactory(organisation=provider)
    contract = ContractFactory(commissioner=icb, provider=provider)
    assert provider.name not in portfolio_page(client, icb)
    assert list(selectors.consenting_providers(icb)) == []

    provider_admin = MembershipFactory(organisation=provider, role=Role.ORG_ADMIN)
    client.force_login(provider_admin.user)
    respond = reverse("organisations:contract_respond", args=[provider.slug, contract.pk])
    assert "If you accept" in client.get(respond).text
    client.post(respond, {"decision": "accept"})
    contract.refresh_from_db()
    assert contract.status == "accepted" and contract.responded_by == provider_admin.user
    assert provider.name in portfolio_page(client, icb)


def test_declined_contract_shares_nothing(client, icb, provider):
    contract = ContractFactory(commissioner=icb, provider=provider)
    provider_admin = MembershipFactory(organisation=provider, role=Role.ORG_ADMIN)
    client.force_login(provider_admin.user)
    client.post(reverse("organisations:contract_respond", args=[provider.slug, contract.pk]), {"decision": "decline"})
    assert provider.name not in portfolio_page(client, icb)


def test_withdrawing_consent_removes_the_provider_at_once(client, icb, provider):
    contract = ContractFactory(commissioner=icb, provider=provider, status="accepted")
    assert provider.name in portfolio_page(client, icb)
    provider_admin = MembershipFactory(organisation=provider, role=Role.ORG_ADMIN)
    client.force_login(provider_admin.user)
    client.post(reverse("organisations:contract_withdraw", args=[provider.slug, contract.pk]))
    assert provider.name not in portfolio_page(client, icb)


def test_ended_contract_shares_nothing(client, icb, provider):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    ContractFactory(
        commissioner=icb,
        provider=provider,
        status="accepted",
        start_date=yesterday.replace(year=2020),
        end_date=yesterday,
    )
    assert provider.name not in portfolio_page(client, icb)


def test_commissioner_side_cannot_accept_its_own_proposal(client, icb, provider):
    contract = ContractFactory(commissioner=icb, provider=provider)
    admin = MembershipFactory(organisation=icb, role=Role.ORG_ADMIN)
    client.force_login(admin.user)
    response = client.post(
        reverse("organisations:contract_respond", args=[icb.slug, contract.pk]), {"decision": "accept"}
    )
    assert response.status_code == 404
    contract.refresh_from_db()
    assert contract.status == "proposed"


def test_portfolio_shows_aggregates_only_with_small_numbers_suppressed(client, icb, provider):
    ContractFactory(commissioner=icb, provider=provider, status="accepted")
    members = [MembershipFactory(organisation=provider) for _ in range(3)]
    page = portfolio_page(client, icb)
    assert "&lt;5" in page
    assert all(m.user.email not in page for m in members)
    for _ in range(4):
        MembershipFactory(organisation=provider)
    assert ">5</td>" in portfolio_page(client, icb).replace("Members </span>", ">")  # 7, to the nearest 5
    MembershipFactory(organisation=provider)
    assert ">10</td>" in portfolio_page(client, icb).replace("Members </span>", ">")  # 8, to the nearest 5


def test_other_commissioners_contracts_are_invisible(client, icb, provider):
    ContractFactory(provider=provider, status="accepted")  # someone else's contract
    assert provider.name not in portfolio_page(client, icb)


def test_contracts_go_from_a_commissioner_to_a_provider_named_by_ods_code_or_name(client, icb, provider):
    """Security review L4: any org admin saw every tenant's name in a list and could propose to any of them."""
    provider.ods_code = "RX9"
    provider.save()
    other_icb = OrganisationFactory(kind="icb", name="NHS Other ICB", ods_code="QX1")
    admin = MembershipFactory(organisation=icb, role=Role.ORG_ADMIN)
    client.force_login(admin.user)
    url = reverse("organisations:contracts", args=[icb.slug])
    page = client.get(url).text
    assert provider.name not in page and other_icb.name not in page  # no list of the service's organisations
    base = {"reference": "MECC-7", "start_date": timezone.localdate()}
    assert "No provider has that ODS code" in client.post(url, {**base, "provider": "QX1"}).text  # an ICB
    assert "No provider has that ODS code" in client.post(url, {**base, "provider": "Midshire"}).text  # not exact
    assert client.post(url, {**base, "provider": "rx9"}).status_code == 302
    trust_admin = MembershipFactory(organisation=provider, role=Role.ORG_ADMIN)
    client.force_login(trust_admin.user)
    refused = client.post(reverse("organisations:contracts", args=[provider.slug]), {**base, "provider": "QX1"})
    assert "Only integrated care boards and local authorities send MECC contracts" in refused.text
    assert CommissioningContract.objects.count() == 1
