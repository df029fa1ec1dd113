"""Evaluation reports: periods, the request form, building (eager Celery), the PDF's text, failure and retry,
idempotency, stalled reports, the quarterly schedule and the emails."""

import datetime
import io
from pathlib import Path
from unittest import mock

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.core import mail
from django.db import OperationalError
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from common import periods
from contacts.models import Service
from evaluation import reports
from evaluation.models import EvaluationReport
from mecc.celery import app
from organisations.roles import Role
from tests.contacts.factories import DailyConversationCountFactory, log_conversations, set_daily_count
from tests.evaluation.factories import EvaluationReportFactory
from tests.implementation.factories import ObjectiveFactory
from tests.organisations.factories import ContractFactory, MembershipFactory, OrganisationFactory, TeamFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture(autouse=True)
def commit_at_once(monkeypatch):
    """Each test runs in one transaction that never commits; run the after-commit hand-over to Celery at once
    (Celery is eager here; tests/services builds reports on a real worker with real commits)."""
    monkeypatch.setattr("evaluation.reports.transaction.on_commit", lambda func, *args, **kwargs: func())


def pdf_text(report) -> str:
    with report.file.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    return "\n".join(page.extract_text() for page in reader.pages)


def log(member, count, team=None, topics=("smoking",), outcomes=("information",), services=(), day=None):
    log_conversations(member, count, team=team, topics=topics, outcomes=outcomes, services=services, day=day)


# Periods -------------------------------------------------------------------------------------------------------


def test_financial_quarters_and_years_run_april_to_march():
    q1 = periods.quarter(2026, 1)
    assert (q1.start, q1.end) == (datetime.date(2026, 4, 1), datetime.date(2026, 6, 30))
    q4 = periods.quarter(2026, 4)
    assert (q4.start, q4.end) == (datetime.date(2027, 1, 1), datetime.date(2027, 3, 31))
    assert q4.label == "Q4 2026/27 (January to March 2027)"
    assert periods.quarter_of(datetime.date(2027, 3, 31)) == q4
    assert periods.previous_quarter(datetime.date(2026, 4, 1)) == periods.quarter(2025, 4)
    year = periods.financial_year(2026)
    assert (year.start, year.end, year.label) == (
        datetime.date(2026, 4, 1),
        datetime.date(2027, 3, 31),
        "Financial year 2026/27",
    )
    recent = periods.recent(datetime.date(2026, 11, 24))
    assert recent[0] == periods.quarter(2026, 3) and recent[7] == periods.quarter(2024, 4)
    assert recent[8:] == [periods.financial_year(y) for y in (2026, 2025, 2024)]


# The request form ----------------------------------------------------------------------------------------------


@pytest.fixture
def lead(make_member):
    return make_member(Role.IMPLEMENTATION_LEAD, OrganisationFactory(name="Riverside Community NHS Trust"))


def reports_url(member):
    return reverse("evaluation:reports", args=[member.organisation.slug])


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        ("", "", "Enter the first day of the period"),
        ("01/04/2026", "", "Enter the last day of the period"),
        ("30/06/2026", "01/04/2026", "The last day must be on or after the first day"),
        ("31/02/2026", "01/04/2026", "Enter the start date as a real date"),
        ("01/04/2020", "01/04/2024", "A report can cover at most 3 years"),
        ("01/04/2026", (TODAY + datetime.timedelta(days=2)).strftime("%d/%m/%Y"), "cannot be in the future"),
    ],
)
def test_custom_period_errors_are_shown_and_nothing_is_saved(signed_in, lead, start, end, message):
    response = signed_in(lead.user).post(reports_url(lead), {"period": "custom", "start": start, "end": end})
    assert response.status_code == 200
    page = response.content.decode()
    assert "nhsuk-error-summary" in page and message in page
    assert not EvaluationReport.objects.exists()


def test_an_unknown_period_is_refused(signed_in, lead):
    response = signed_in(lead.user).post(reports_url(lead), {"period": "q-1999-9"})
    assert "nhsuk-error-summary" in response.content.decode()
    assert not EvaluationReport.objects.exists()


def test_a_team_of_another_organisation_cannot_be_the_scope(signed_in, lead):
    stranger = TeamFactory()
    response = signed_in(lead.user).post(
        reports_url(lead), {"period": periods.quarter_of(TODAY).code, "team": stranger.pk}
    )
    assert "nhsuk-error-summary" in response.content.decode()
    assert not EvaluationReport.objects.exists()


# Building and downloading -------------------------------------------------------------------------------------


def test_lead_requests_a_report_and_downloads_a_pdf_with_the_figures(signed_in, lead, settings):
    board = MembershipFactory(organisation=lead.organisation, role=Role.BOARD_MEMBER)
    ward = TeamFactory(organisation=lead.organisation, name="Ward 7")
    quit_service = Service.objects.create(organisation=lead.organisation, name="Quit Smoking Riverside")
    log(lead, 23, team=ward, topics=("smoking", "alcohol"))
    log(lead, 3, topics=("activity",), outcomes=("signposted",), services=[quit_service])
    client = signed_in(lead.user)
    period = periods.quarter_of(TODAY)
    response = client.post(reports_url(lead), {"period": period.code})
    report = EvaluationReport.objects.get()
    assert response.url == reverse("evaluation:report_detail", args=[lead.organisation.slug, report.pk])
    assert (report.status, report.requested_by, report.team) == ("ready", lead.user, None)
    assert report.page_count > 5 and report.size > 10_000
    page = client.get(response.url).content.decode()
    assert "Download the report" in page and 'data-finished="true"' in page

    download = client.get(reverse("evaluation:report_download", args=[lead.organisation.slug, report.pk]))
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith("attachment;")
    # The period stays whole: "2026/27" once lost everything before its slash.
    expected = f"{lead.organisation.name} MECC evaluation report {period.label.replace('/', '-')}.pdf"
    assert f'filename="{expected}"' in download["Content-Disposition"]
    assert download["Cache-Control"] == "private, no-store"
    body = b"".join(download.streaming_content)
    assert body.startswith(b"%PDF")

    text = pdf_text(report)
    assert "Riverside Community NHS Trust" in text and period.label in text
    assert "26\nconversations recorded" in text  # the cover's key figure
    assert "Smoking 23" in text and "Alcohol 23" in text and "Physical activity <5" in text  # suppressed
    assert "Ward 7 23" in text and "Quit Smoking Riverside <5" in text
    for number in range(1, report.page_count + 1):  # page numbers and the period on every page
        assert f"Period: {period.label} Page {number} of {report.page_count}" in text
    for heading in ("1. Inputs", "2. Activities and outputs", "3. Outcomes", "4. Organisational readiness",
                    "5. Implementation progress", "6. SC8 position", "7. Recommendations"):  # fmt: skip
        assert heading in text
    # Sections without data say so plainly.
    assert "No organisational assessment has been completed yet." in text
    assert "Complete the organisational assessment to measure readiness." in text

    assert sorted(mail.outbox[0].to) == sorted([lead.user.email, board.user.email])
    assert reverse("evaluation:report_detail", args=[lead.organisation.slug, report.pk]) in mail.outbox[0].body


def test_a_team_report_counts_only_that_team(signed_in, lead):
    ward = TeamFactory(organisation=lead.organisation, name="Ward 7")
    log(lead, 6, team=ward)
    log(lead, 40)
    signed_in(lead.user).post(reports_url(lead), {"period": periods.quarter_of(TODAY).code, "team": ward.pk})
    report = EvaluationReport.objects.get()
    assert report.team == ward and report.scope_label == "Ward 7"
    text = pdf_text(report)
    assert "Ward 7 · " in text and "6\nconversations recorded" in text
    assert "6 conversations were recorded in the period" in text
    assert "46 conversations" not in text and "40 conversations" not in text
    assert "These figures are for the whole organisation" in text  # sections a team does not have


def test_board_member_lists_and_downloads_but_frontline_cannot(client, signed_in, lead, make_member):
    report = reports.request_report(
        organisation=lead.organisation, requested_by=lead.user, period=periods.quarter_of(TODAY)
    )
    board = make_member(Role.BOARD_MEMBER, lead.organisation)
    frontline = make_member(Role.FRONTLINE, lead.organisation)
    download = reverse("evaluation:report_download", args=[lead.organisation.slug, report.pk])
    assert report.period_label in signed_in(board.user).get(reports_url(lead)).content.decode()
    assert signed_in(board.user).get(download).status_code == 200
    assert signed_in(frontline.user).get(download).status_code == 403


def test_a_report_not_ready_cannot_be_downloaded(signed_in, lead):
    report = EvaluationReportFactory(organisation=lead.organisation, status="running")
    client = signed_in(lead.user)
    page = client.get(reverse("evaluation:report_detail", args=[lead.organisation.slug, report.pk])).content.decode()
    assert 'data-finished="false"' in page and "Refresh this page" in page and "refresh-until-finished" in page
    assert (
        client.get(reverse("evaluation:report_download", args=[lead.organisation.slug, report.pk])).status_code == 404
    )


# Reliability ---------------------------------------------------------------------------------------------------


def test_building_twice_leaves_one_file(lead, settings):
    report = EvaluationReportFactory(organisation=lead.organisation)
    reports.build(report.pk)
    EvaluationReport.objects.filter(pk=report.pk).update(status="queued")
    reports.build(report.pk)
    folder = Path(settings.MEDIA_ROOT) / "reports" / str(lead.organisation.pk)
    # The media folder is shared by the whole test session, so look at this report's files only.
    assert [p.name for p in folder.glob(f"mecc-report-{report.pk}*")] == [f"mecc-report-{report.pk}.pdf"]
    report.refresh_from_db()
    assert report.attempts == 2 and report.status == "ready"
    assert reports.build(report.pk) == "nothing to do"  # a redelivered task for a ready report does nothing


def test_a_failure_shows_a_clear_message_and_a_retry_builds_it(signed_in, lead):
    client = signed_in(lead.user)
    with mock.patch("evaluation.reports.render_pdf", side_effect=ValueError("boom")):
        client.post(reports_url(lead), {"period": periods.quarter_of(TODAY).code})
    report = EvaluationReport.objects.get()
    assert report.status == "failed" and "Something went wrong" in report.error
    detail = reverse("evaluation:report_detail", args=[lead.organisation.slug, report.pk])
    page = client.get(detail).content.decode()
    assert "could not be built" in page and "Try again" in page and "boom" not in page
    client.post(reverse("evaluation:report_retry", args=[lead.organisation.slug, report.pk]))
    report.refresh_from_db()
    assert report.status == "ready" and report.error == ""


def test_a_transient_database_error_is_retried(lead, monkeypatch):

    # Eager Celery re-raises a retry when it propagates errors; a worker (and eager without propagation) retries.
    monkeypatch.setitem(app.conf, "task_eager_propagates", False)
    real = reports.render_pdf
    calls = []

    def flaky(report):
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError("server closed the connection unexpectedly")
        return real(report)

    with mock.patch("evaluation.reports.render_pdf", side_effect=flaky):
        report = reports.request_report(
            organisation=lead.organisation, requested_by=None, period=periods.quarter_of(TODAY)
        )
    report.refresh_from_db()
    assert len(calls) == 2 and report.status == "ready" and report.attempts == 2


def test_the_time_limit_fails_the_report_with_a_message(lead):

    with mock.patch("evaluation.reports.render_pdf", side_effect=SoftTimeLimitExceeded()):
        report = reports.request_report(
            organisation=lead.organisation, requested_by=None, period=periods.quarter_of(TODAY)
        )
    report.refresh_from_db()
    assert report.status == "failed" and "took too long" in report.error


def test_a_report_left_running_by_a_dead_worker_is_built_again(lead, settings):
    long_ago = timezone.now() - datetime.timedelta(seconds=settings.REPORT_TIME_LIMIT + 300)
    stalled = EvaluationReportFactory(organisation=lead.organisation, status="running", started_at=long_ago, attempts=1)
    fresh = EvaluationReportFactory(
        organisation=lead.organisation, status="running", started_at=timezone.now(), attempts=1
    )
    never_sent = EvaluationReportFactory(
        organisation=lead.organisation, requested_at=timezone.now() - datetime.timedelta(hours=1)
    )
    worn_out = EvaluationReportFactory(
        organisation=lead.organisation, status="running", started_at=long_ago, attempts=3
    )
    assert reports.requeue_stalled() == 3
    for report, status in ((stalled, "ready"), (fresh, "running"), (never_sent, "ready"), (worn_out, "failed")):
        report.refresh_from_db()
        assert report.status == status, report
    assert "3 attempts" in worn_out.error


def test_a_request_is_kept_when_the_queue_is_down(signed_in, lead):
    with mock.patch("evaluation.tasks.build_evaluation_report.delay", side_effect=ConnectionError("redis down")):
        response = signed_in(lead.user).post(reports_url(lead), {"period": periods.quarter_of(TODAY).code})
    report = EvaluationReport.objects.get()
    assert response.status_code == 302 and report.status == "queued"


# The quarterly schedule ----------------------------------------------------------------------------------------


def test_quarterly_board_reports_for_organisations_that_opted_in(signed_in, lead):
    signed_in(lead.user).post(
        reverse("evaluation:report_schedule", args=[lead.organisation.slug]), {"quarterly_board_report": "on"}
    )
    lead.organisation.refresh_from_db()
    assert lead.organisation.quarterly_board_report
    OrganisationFactory()  # not opted in
    day = datetime.date(2026, 10, 1)
    assert reports.build_quarterly(day) == 1
    assert reports.build_quarterly(day) == 0  # once per quarter
    report = EvaluationReport.objects.get()
    assert (report.trigger, report.start, report.end, report.status) == (
        "scheduled",
        datetime.date(2026, 7, 1),
        datetime.date(2026, 9, 30),
        "ready",
    )
    assert "quarterly board report" in pdf_text(report)


def test_board_members_cannot_change_the_schedule(signed_in, make_member):
    board = make_member(Role.BOARD_MEMBER)
    url = reverse("evaluation:report_schedule", args=[board.organisation.slug])
    assert signed_in(board.user).post(url, {"quarterly_board_report": "on"}).status_code == 403
    board.organisation.refresh_from_db()
    assert not board.organisation.quarterly_board_report


def test_a_long_table_repeats_its_header_on_each_page(lead):
    services = [Service.objects.create(organisation=lead.organisation, name=f"Service {n:02d}") for n in range(70)]
    for service in services:
        log(lead, 1, outcomes=("signposted",), services=[service])
    report = reports.request_report(organisation=lead.organisation, requested_by=None, period=periods.quarter_of(TODAY))
    report.refresh_from_db()
    with report.file.open("rb") as handle:
        pages = [page.extract_text() for page in PdfReader(io.BytesIO(handle.read())).pages]
    spanned = [text for text in pages if "Service 0" in text or "Service 6" in text]
    assert len(spanned) >= 2  # 70 rows do not fit on one page
    assert all("Service Conversations" in text for text in spanned)


# The commissioner's SC8 portfolio PDF ------------------------------------------------------------------------


def test_commissioner_gets_the_portfolio_as_a_pdf_with_consenting_providers_only(signed_in, make_member):

    icb = OrganisationFactory(name="NHS Westdale ICB", kind="icb")
    commissioner = make_member(Role.COMMISSIONER, icb)
    westdale = OrganisationFactory(name="Westdale Hospitals", staff_headcount=1000)
    accepted = ContractFactory(commissioner=icb, status="accepted", reference="WD-1", provider=westdale)
    ContractFactory(commissioner=icb, status="declined", provider=OrganisationFactory(name="Declined Trust"))
    ContractFactory(status="accepted", provider=OrganisationFactory(name="Someone Else's Provider"))
    log(make_member(Role.FRONTLINE, accepted.provider), 7)
    client = signed_in(commissioner.user)
    response = client.post(reverse("evaluation:sc8_report_request", args=[icb.slug]))
    report = EvaluationReport.objects.get()
    assert response.url == reverse("evaluation:sc8_report_detail", args=[icb.slug, report.pk])
    assert (report.kind, report.status, report.organisation) == ("sc8_portfolio", "ready", icb)
    page = client.get(response.url).content.decode()
    download = reverse("evaluation:sc8_report_download", args=[icb.slug, report.pk])
    assert download in page
    assert client.get(download)["Content-Type"] == "application/pdf"
    text = pdf_text(report)
    assert "NHS Westdale ICB" in text and "1 consenting provider" in text
    assert "Westdale Hospitals WD-1 " in text and "Organisational MECC plan in place" in text
    assert "Declined Trust" not in text and "Someone Else's Provider" not in text
    assert mail.outbox[0].to == [commissioner.user.email]  # not the ICB's board
    # The provider's own SC8 indicator counts the provider's evaluation reports, never a commissioner's PDF.
    assert "Evaluation report produced in the last 12 months" in text
    assert EvaluationReport.objects.filter(organisation=accepted.provider).count() == 0
    # The organisation's report pages do not list or open portfolio PDFs.
    admin = make_member(Role.ORG_ADMIN, icb)
    assert signed_in(admin.user).get(reverse("evaluation:report_detail", args=[icb.slug, report.pk])).status_code == 404


def test_the_board_report_reads_the_year_week_by_week_as_an_spc_chart(lead):
    """Twenty complete weeks of 40-odd conversations then a week of 90 before a quarter's end: the report draws the
    XmR chart with the spike as a special cause; a week of 3 would show a count under 5, so then it draws none."""
    quarter = periods.previous_quarter(TODAY)
    last_monday = quarter.end - datetime.timedelta(days=quarter.end.weekday() + 7)
    for week in range(21):
        count = 90 if week == 20 else 40 + (week % 2) * 4
        DailyConversationCountFactory(
            organisation=lead.organisation, day=last_monday - datetime.timedelta(weeks=20 - week), count=count
        )
    report = EvaluationReportFactory(organisation=lead.organisation, start=quarter.start, end=quarter.end)
    html = reports.render_html(report)
    spc = html.split('id="weekly-spc"')[1].split("</figure>")[0]
    assert spc.count('stroke-dasharray="6 4"') == 2 and spc.count('fill="#41b6e6"') == 1
    assert "Special cause improvement" in spc
    set_daily_count(lead.organisation, last_monday - datetime.timedelta(weeks=10), 3)
    html = reports.render_html(report)
    assert "Not drawn: at least one of the" in html.split('id="weekly-spc"')[1].split("</p>")[0]


def test_the_report_never_rates_itself(lead):
    quarter = periods.previous_quarter(TODAY)
    html = reports.render_html(
        EvaluationReportFactory(organisation=lead.organisation, start=quarter.start, end=quarter.end)
    )
    measures = html.split('id="sc8"')[1].split("</section>")[0]
    assert "<td>Evaluation report produced in the last 12 months</td>" not in measures
    assert "this report would be rating itself" in measures
    assert "<td>Organisational MECC plan in place</td>" in measures


def test_a_period_not_yet_over_is_marked_on_the_cover_in_tables_and_its_last_week(lead):
    log(lead, 6)
    quarter = periods.quarter_of(TODAY)
    report = EvaluationReportFactory(organisation=lead.organisation, start=quarter.start, end=quarter.end)
    html = reports.render_html(report)
    cover = html.split('id="part-period"')[1].split("</p>")[0]
    assert "Part quarter" in cover and f"{TODAY:%-d %B %Y}" in cover
    assert f"Conversations by outcome (part quarter, to {TODAY:%-d %B %Y})" in html
    partial = [column for column in html.split("<rect ") if "(period not yet over)" in column]
    assert len(partial) == 1  # this week, which is not over, in the weekly chart
    past = periods.previous_quarter(TODAY)
    report = EvaluationReportFactory(organisation=lead.organisation, start=past.start, end=past.end)
    html = reports.render_html(report)
    assert 'id="part-period"' not in html and "(part quarter" not in html


def test_page_one_is_an_executive_summary_from_the_same_figures_as_the_body(lead):
    log(lead, 12)
    ObjectiveFactory(organisation=lead.organisation, owner=lead.user)
    quarter = periods.quarter_of(TODAY)
    report = EvaluationReportFactory(organisation=lead.organisation, start=quarter.start, end=quarter.end)
    html = reports.render_html(report)
    summary = html.split('id="executive-summary"')[1].split("</section>")[0]
    in_summary = summary.split('id="summary-conversations">')[1].split("<")[0]
    in_body = html.split('id="conversations-total">')[1].split("<")[0]
    assert in_summary == in_body == "12"
    assert html.index('id="executive-summary"') < html.index('id="inputs"')
    decisions = summary.split('id="decisions"')[1].split("</ol>")[0]
    assert "Approve the organisational MECC plan" in decisions  # not approved in this organisation
    assert "Sign off 1 SMART objective not yet signed off by the board" in decisions
    assert summary.split('id="risks"')[1].split("</ol>")[0].count("<li>") <= 3
