"""Evaluation reports in Chromium: a lead asks for a report without JavaScript and downloads it; the report pages
pass axe at desktop width and at 360px, including a failed report with its retry button."""

from pathlib import Path

import pytest

from evaluation.models import EvaluationReport
from organisations.roles import Role
from tests.browser.conftest import check_pages, sign_in, submit
from tests.evaluation.factories import EvaluationReportFactory
from tests.organisations.factories import PASSWORD, MembershipFactory, OrganisationFactory, TeamFactory


@pytest.fixture
def lead(transactional_db):
    trust = OrganisationFactory(name="Northgate Hospitals NHS Trust", slug="northgate")
    TeamFactory(organisation=trust, name="Emergency department")
    return MembershipFactory(organisation=trust, role=Role.IMPLEMENTATION_LEAD)


def test_lead_asks_for_a_report_and_downloads_it_without_javascript(new_page, live_server, lead):
    page = new_page(javascript=False)
    sign_in(page, live_server, lead.user.email, PASSWORD)
    page.goto(live_server.url + "/o/northgate/reports/")
    page.get_by_label("Period", exact=True).select_option(label="Another period (enter the dates below)")
    fill_date(page, "From (for another period)", 1, 4, 2026)  # the NHS.UK date input: day, month, year
    submit(page, "Build the report")
    assert "Enter the last day of the period" in page.locator(".nhsuk-error-summary").inner_text()
    fill_date(page, "To (for another period)", 30, 6, 2026)
    page.get_by_label("Scope").select_option(label="Emergency department")
    submit(page, "Build the report")
    # Without Redis, Celery runs the build in-process, so the page that answers already has the file.
    report = EvaluationReport.objects.get()
    assert report.status == "ready" and report.team.name == "Emergency department"
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the report").click()
    assert download.value.suggested_filename.endswith(".pdf")
    assert Path(download.value.path()).read_bytes()[:5] == b"%PDF-"


def test_report_pages_pass_axe(new_page, live_server, lead):
    ready = EvaluationReportFactory(organisation=lead.organisation, status="ready", page_count=9, size=120_000)
    failed = EvaluationReportFactory(
        organisation=lead.organisation, status="failed", error="Building the report took too long."
    )
    running = EvaluationReportFactory(organisation=lead.organisation, status="running")
    paths = [f"/o/northgate/reports/{r.pk}/" for r in (ready, failed, running)]
    check_pages(new_page, live_server, lead.user.email, ["/o/northgate/reports/", *paths], "reports")


def fill_date(page, legend, day, month, year):
    group = page.get_by_role("group", name=legend)
    for label, value in (("Day", day), ("Month", month), ("Year", year)):
        group.get_by_label(label).fill(str(value))
