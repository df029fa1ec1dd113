"""SPC charts where boards and commissioners read trends: the conversation summary, the commissioner's provider page
and the board report, in Chromium at 360 px: drawn with their process limits, labels at least 12 px, nothing
scrolling sideways, zero axe violations."""

import datetime

import pytest
from django.utils import timezone

from common import periods
from evaluation import reports
from organisations.roles import Role
from tests.browser.conftest import AXE, PHONE, assert_accessible, assert_fits_phone, sign_in
from tests.contacts.factories import DailyConversationCountFactory
from tests.evaluation.factories import EvaluationReportFactory
from tests.organisations.factories import PASSWORD, ContractFactory, MembershipFactory, OrganisationFactory

TODAY = timezone.localdate()
LAST_MONDAY = TODAY - datetime.timedelta(days=TODAY.weekday() + 7)


@pytest.fixture
def provider(transactional_db):
    trust = OrganisationFactory(name="Northgate Hospitals NHS Trust", slug="northgate", staff_headcount=4000)
    for week in range(30):  # thirty complete weeks of about 45, the latest a spike of 120
        count = 120 if week == 0 else 40 + (week % 3) * 5
        DailyConversationCountFactory(organisation=trust, day=LAST_MONDAY - datetime.timedelta(weeks=week), count=count)
    return trust


LABEL_PX = """(selector) => {
    const svg = document.querySelector(selector + " svg");
    return 12 * svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
}"""


def assert_spc_chart(page, selector, name):
    chart = page.locator(f"{selector} svg")
    assert chart.is_visible(), f"{selector} has no chart"
    assert page.locator(f'{selector} svg line[stroke-dasharray="6 4"]').count() == 2  # the two process limits
    assert page.locator(f'{selector} svg circle[fill="#41b6e6"]').count() >= 1  # the spike: special cause
    assert page.evaluate(LABEL_PX, selector) >= 11.99, "chart labels under 12 px at 360 px"
    assert_accessible(page)
    assert_fits_phone(page, name)


def test_the_summary_and_the_commissioners_page_lead_with_spc_at_360px(new_page, live_server, provider):
    lead = MembershipFactory(organisation=provider, role=Role.IMPLEMENTATION_LEAD)
    page = new_page(viewport=PHONE)
    sign_in(page, live_server, lead.user.email, PASSWORD)
    start = (LAST_MONDAY - datetime.timedelta(weeks=29)).isoformat()
    page.goto(f"{live_server.url}/o/northgate/conversations/summary/?from={start}&to={TODAY.isoformat()}")
    assert_spc_chart(page, "#summary-spc", "spc-summary")

    icb = OrganisationFactory(name="NHS Northgate ICB", slug="northgate-icb", kind="icb")
    ContractFactory(commissioner=icb, provider=provider, status="accepted")
    commissioner = MembershipFactory(organisation=icb, role=Role.COMMISSIONER)
    page = new_page(viewport=PHONE)
    sign_in(page, live_server, commissioner.user.email, PASSWORD)
    page.goto(f"{live_server.url}/o/northgate-icb/sc8/providers/{provider.pk}/")
    assert "to the nearest 5" in page.locator("#weekly-spc").inner_text()
    assert_spc_chart(page, "#weekly-spc", "spc-sc8-provider")


def test_the_board_report_leads_its_trend_with_spc(new_page, provider):
    """The report's HTML, as WeasyPrint draws it into the PDF, opened in Chromium at 360 px."""
    quarter = periods.quarter_of(TODAY)
    report = EvaluationReportFactory(organisation=provider, start=quarter.start - datetime.timedelta(weeks=30),
                                     end=LAST_MONDAY + datetime.timedelta(days=6))  # fmt: skip
    page = new_page(viewport=PHONE)
    page.set_content(reports.render_html(report))
    assert page.locator("#weekly-spc svg").is_visible()
    assert page.locator('#weekly-spc svg line[stroke-dasharray="6 4"]').count() == 2
    # A printed document has no page landmarks (main, navigation): every other rule applies.
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations'], rules: {region: {enabled: false},"
        " 'landmark-one-main': {enabled: false}}})).violations.map(v => v.id)"
    )
    assert found == []
