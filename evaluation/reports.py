"""Evaluation reports: request, build (HTML to PDF with WeasyPrint), fail, re-queue and the quarterly schedule.

The Celery task in evaluation.tasks is thin and calls build(). A build is idempotent: the file has one fixed name
per report, so building twice leaves one file, and a report already ready is not built again.
"""

import logging
import time
from datetime import timedelta

from celery.exceptions import Retry
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from common import periods, queue
from evaluation import portfolio_report, report_data
from evaluation.models import EvaluationReport, report_upload_to
from evaluation.tasks import build_evaluation_report
from implementation.selectors import register_evidence_link
from implementation.suggestions import register_suggestion
from organisations import notifications
from organisations.models import Membership, Organisation
from organisations.roles import Capability, Role

logger = logging.getLogger(__name__)
Status = EvaluationReport.Status
MAX_ATTEMPTS = 3
STYLESHEET = settings.BASE_DIR / "evaluation" / "pdf" / "report.css"
QUEUED_TOO_LONG = timedelta(minutes=10)
NOT_QUEUED = "Your report is saved and will be built when the task queue is back; there is no need to ask again."


def request_report(
    *,
    organisation,
    requested_by,
    period,
    team=None,
    trigger=EvaluationReport.Trigger.REQUESTED,
    kind=EvaluationReport.Kind.ORGANISATION,
):
    """Record the request, then hand it to the queue once the record is committed."""
    with transaction.atomic():
        report = EvaluationReport.objects.create(
            organisation=organisation,
            requested_by=requested_by,
            trigger=trigger,
            kind=kind,
            period_label=period.label,
            start=period.start,
            end=period.end,
            team=team,
        )
        transaction.on_commit(lambda: enqueue(report))
    return report


def enqueue(report) -> bool:
    """Send the build task; with the broker down, the report stays queued for requeue_stalled() to send later."""
    try:
        return queue.send(build_evaluation_report, report.pk)
    except Retry:  # only in-process (eager) Celery, which raises a retry instead of scheduling it
        return False


def retry(report) -> None:
    EvaluationReport.objects.filter(pk=report.pk).update(status=Status.QUEUED, error="", attempts=0)
    transaction.on_commit(lambda: enqueue(report))


def _claim(report_id: int) -> EvaluationReport | None:
    """Mark the report running (or failed after too many attempts); None when there is nothing to do."""
    with transaction.atomic():
        report = EvaluationReport.objects.select_for_update().filter(pk=report_id).first()
        if report is None or report.status == Status.READY:
            return None
        if report.attempts >= MAX_ATTEMPTS:
            _mark_failed(report, f"The report could not be built in {MAX_ATTEMPTS} attempts. Try again later.")
            return None
        report.status, report.started_at, report.error = Status.RUNNING, timezone.now(), ""
        report.attempts += 1
        report.save(update_fields=["status", "started_at", "error", "attempts"])
    return report


def build(report_id: int) -> str:
    report = _claim(report_id)
    if report is None:
        return "nothing to do"
    if settings.REPORT_FAULT_PAUSE_SECONDS:
        time.sleep(settings.REPORT_FAULT_PAUSE_SECONDS)
    pdf, pages = render_pdf(report)
    name = report_upload_to(report, "")
    storage = report.file.storage
    if storage.exists(name):
        storage.delete(name)
    report.file.save(name, ContentFile(pdf), save=False)
    report.status, report.finished_at = Status.READY, timezone.now()
    report.page_count, report.size = pages, len(pdf)
    report.save(update_fields=["file", "status", "finished_at", "page_count", "size"])
    notify_ready(report)
    return report.status


def render_html(report) -> str:
    if report.kind == EvaluationReport.Kind.SC8_PORTFOLIO:
        return render_to_string("evaluation/report_portfolio_pdf.html", portfolio_report.gather(report))
    return render_to_string("evaluation/report_pdf.html", report_data.gather(report))


def render_pdf(report) -> tuple[bytes, int]:
    # Loading WeasyPrint loads pango and its fonts: only the worker that builds a PDF should pay for that.
    from weasyprint import CSS, HTML  # noqa: PLC0415

    document = HTML(string=render_html(report), base_url=str(settings.BASE_DIR), url_fetcher=inline_only()).render(
        stylesheets=[CSS(filename=str(STYLESHEET))]
    )
    return document.write_pdf(), len(document.pages)


def inline_only():
    """WeasyPrint's URL fetcher for reports: data: URLs only. A report draws everything inline (its charts are SVG in
    the page), so a link to a file or the network, should a value ever reach the HTML unescaped, loads nothing (I4)."""
    from weasyprint.urls import URLFetcher  # noqa: PLC0415 - loaded with WeasyPrint, in the worker only

    return URLFetcher(allowed_protocols={"data"}, fail_on_errors=False)


def fail(report_id: int, message: str) -> None:
    report = EvaluationReport.objects.filter(pk=report_id).first()
    if report is not None and report.status != Status.READY:
        _mark_failed(report, message)


def _mark_failed(report, message: str) -> None:
    report.status, report.error, report.finished_at = Status.FAILED, message[:300], timezone.now()
    report.save(update_fields=["status", "error", "finished_at"])


def requeue_stalled(now=None) -> int:
    """Re-send reports whose worker died mid-build, or that never reached the queue; returns how many."""
    now = now or timezone.now()
    running_too_long = now - timedelta(seconds=settings.REPORT_TIME_LIMIT + 120)
    stalled = list(
        EvaluationReport.objects.filter(status=Status.RUNNING, started_at__lt=running_too_long)
        | EvaluationReport.objects.filter(status=Status.QUEUED, requested_at__lt=now - QUEUED_TOO_LONG)
    )
    for report in stalled:
        if report.attempts >= MAX_ATTEMPTS:
            _mark_failed(report, f"The report could not be built in {MAX_ATTEMPTS} attempts. Try again later.")
        else:
            enqueue(report)
    return len(stalled)


def build_quarterly(today=None) -> int:
    """The board report for the quarter just ended, for every organisation that asked for one (once each)."""
    period = periods.previous_quarter(today or timezone.localdate())
    created = 0
    for organisation in Organisation.objects.filter(quarterly_board_report=True):
        exists = EvaluationReport.objects.filter(
            organisation=organisation, trigger=EvaluationReport.Trigger.SCHEDULED, start=period.start, team=None
        ).exists()
        if not exists:
            request_report(
                organisation=organisation,
                requested_by=None,
                period=period,
                trigger=EvaluationReport.Trigger.SCHEDULED,
            )
            created += 1
    return created


def notify_ready(report) -> None:
    """Email the person who asked and, for an evaluation report, the organisation's board members."""
    people = set()
    if report.kind == EvaluationReport.Kind.ORGANISATION:
        board = Membership.objects.for_organisation(report.organisation).active().filter(role=Role.BOARD_MEMBER)
        people = {m.user for m in board.select_related("user")}
    if report.requested_by_id:
        people.add(report.requested_by)
    path = reverse(report.url_name("detail"), args=[report.organisation.slug, report.pk])
    notifications.notify(list(people), report.organisation, notifications.Kind.REPORT_READY,
                         f"Report ready: {report.period_label}", path, email=False)  # fmt: skip
    recipients = {p.email for p in people if notifications.wants_email(p, notifications.Kind.REPORT_READY)}
    if not recipients:
        return
    link = settings.SITE_URL + path
    body = render_to_string("evaluation/email/report_ready.txt", {"report": report, "link": link})
    send_mail(f"MECC evaluation report ready: {report.period_label}", body, None, sorted(recipients))


@register_suggestion("evaluation_report")
def reports_produced(organisation) -> str | None:
    count = (
        EvaluationReport.objects.for_organisation(organisation)
        .filter(kind=EvaluationReport.Kind.ORGANISATION, status=Status.READY)
        .count()
    )
    return f"{count} evaluation report{'s' if count != 1 else ''} produced" if count else None


@register_evidence_link("evaluation_report", Capability.REPORTS)
def ready_reports(organisation) -> list[dict]:
    """The checklist's "produce evaluation report" action links to the organisation's five latest ready reports."""
    reports = (
        EvaluationReport.objects.for_organisation(organisation)
        .filter(kind=EvaluationReport.Kind.ORGANISATION, status=Status.READY)
        .order_by("-requested_at")[:5]
    )
    return [
        {"label": str(r), "url": reverse("evaluation:report_detail", args=[organisation.slug, r.pk])} for r in reports
    ]
