"""The Organisational Assessment Tool in Chromium: rating a domain and completing, and axe on every page."""

import pytest

from assessment.models import Assessment
from organisations.roles import Role
from tests.assessment.factories import rated_assessment
from tests.browser.conftest import PHONE, assert_accessible, assert_fits_phone, check_pages, sign_in, submit
from tests.organisations.factories import PASSWORD, MembershipFactory, OrganisationFactory


@pytest.fixture
def lead(transactional_db):
    organisation = OrganisationFactory(name="Northgate Hospitals NHS Trust", slug="northgate")
    return MembershipFactory(organisation=organisation, role=Role.IMPLEMENTATION_LEAD)


def test_lead_rates_a_domain_without_javascript_and_sees_what_is_missing(new_page, live_server, lead):
    page = new_page(viewport=PHONE, javascript=False)
    sign_in(page, live_server, lead.user.email, PASSWORD)
    page.goto(f"{live_server.url}/o/northgate/assessments/new/")
    page.get_by_label("Who took part?").fill("Implementation group")
    submit(page, "Start rating")
    assert page.get_by_role("heading", level=1).inner_text() == "Process factors"
    assert_accessible(page)
    assert_fits_phone(page, "assessment-rate-process")
    page.locator("#id_factor_1_0").check()
    page.locator("#id_factor_2_1").check()
    submit(page, "Save as draft")
    assert "2 of 10 factors rated" in page.locator("main").inner_text()
    page.get_by_role("link", name="Check your answers").click()
    page.wait_for_load_state()
    assert page.locator(".nhsuk-error-summary").is_visible()
    assert "Rate factor 3: Adaptability" in page.locator(".nhsuk-error-summary").inner_text()
    assert_accessible(page)
    page.get_by_role("link", name="Rate factor 3: Adaptability").click()
    page.wait_for_load_state()
    assert "/rate/process/" in page.url
    assert Assessment.objects.get().status == "draft"


def test_every_assessment_page_passes_axe_and_fits_a_phone(new_page, live_server, lead):
    first = rated_assessment(lead, "cbcdcbbcbc")
    second = rated_assessment(lead, "babbbaabab")
    draft = rated_assessment(lead, "ab--------", complete=False)
    paths = [
        "assessments/",
        "assessments/new/",
        f"assessments/{draft.pk}/",
        f"assessments/{draft.pk}/?incomplete=1",
        f"assessments/{rated_assessment(lead, 'abcdabcdab', complete=False).pk}/check/",
        f"assessments/{draft.pk}/rate/staff/",
        f"assessments/{second.pk}/results/",
        f"assessments/compare/?first={first.pk}&second={second.pk}",
    ]
    board = MembershipFactory(organisation=lead.organisation, role=Role.BOARD_MEMBER)
    check_pages(new_page, live_server, lead.user.email, [f"/o/northgate/{path}" for path in paths], "assessment")
    page = new_page()
    sign_in(page, live_server, board.user.email, PASSWORD)
    page.goto(f"{live_server.url}/o/northgate/assessments/{second.pk}/results/")
    summary = page.locator("#profile-summary").inner_text()
    assert summary == "4 factors at A, 6 factors at B, 0 factors at C, 0 factors at D."
    assert page.locator("#factors-chart rect").count() == 10
    assert_accessible(page)
