"""The SC8 dashboard in Chromium: every page passes axe at desktop width and at 360px, for both sides."""

import pytest

from organisations.roles import Role
from tests.browser.conftest import PHONE, assert_accessible, check_pages, sign_in, submit
from tests.contacts.factories import DailyConversationCountFactory
from tests.evaluation.factories import EvaluationReportFactory
from tests.organisations.factories import PASSWORD, ContractFactory, MembershipFactory, OrganisationFactory


@pytest.fixture
def contract(transactional_db):
    icb = OrganisationFactory(name="NHS Northgate ICB", slug="northgate-icb", kind="icb")
    provider = OrganisationFactory(name="Northgate Hospitals NHS Trust", slug="northgate", staff_headcount=4000)
    DailyConversationCountFactory(organisation=provider, dimension="topic", value="smoking", count=7)
    return ContractFactory(commissioner=icb, provider=provider, status="accepted", reference="MECC-NG-1")


def test_commissioner_and_provider_sc8_pages_pass_axe(new_page, live_server, contract):
    commissioner = MembershipFactory(organisation=contract.commissioner, role=Role.ORG_ADMIN)
    pdf = EvaluationReportFactory(
        organisation=contract.commissioner, kind="sc8_portfolio", status="ready", page_count=4, size=30_000
    )
    paths = [
        "/o/northgate-icb/sc8/",
        f"/o/northgate-icb/sc8/reports/{pdf.pk}/",
        f"/o/northgate-icb/sc8/providers/{contract.provider.pk}/",
        f"/o/northgate-icb/sc8/contracts/{contract.pk}/thresholds/",
    ]
    check_pages(new_page, live_server, commissioner.user.email, paths, "sc8")
    lead = MembershipFactory(organisation=contract.provider, role=Role.IMPLEMENTATION_LEAD)
    check_pages(new_page, live_server, lead.user.email, ["/o/northgate/sc8/mine/"], "sc8-provider")


def test_the_commissioner_sets_a_contracts_targets_from_the_provider_page(new_page, live_server, contract):
    """Walkthrough 6: the commissioner role met a 403 behind the SC8 page's own link."""
    commissioner = MembershipFactory(organisation=contract.commissioner, role=Role.COMMISSIONER)
    page = new_page(viewport=PHONE, javascript=False)
    sign_in(page, live_server, commissioner.user.email, PASSWORD)
    page.goto(f"{live_server.url}/o/northgate-icb/sc8/providers/{contract.provider.pk}/")
    page.get_by_role("link", name="Set the targets for this contract").click()
    assert_accessible(page)
    page.get_by_label("Target conversations per 1,000 staff per quarter").fill("2000")
    submit(page, "Save targets")
    assert "Targets for Northgate Hospitals NHS Trust saved" in page.locator("main").inner_text()
    contract.refresh_from_db()
    assert contract.thresholds["activity_target"] == 2000
