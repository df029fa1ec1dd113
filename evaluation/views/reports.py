"""Evaluation reports: request one, watch it being built, download it, retry a failure, and the quarterly schedule.

The PDF is never a public URL: report_download checks membership and role like every organisation page.
"""

import django_tables2 as tables
from django.contrib import messages
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from common import periods
from common.uploads import safe_download_name
from evaluation import reports
from evaluation.forms import ReportRequestForm, ReportScheduleForm
from evaluation.models import EvaluationReport
from organisations.access import organisation_view
from organisations.roles import Capability

TAG = {"queued": "grey", "running": "blue", "ready": "green", "failed": "red"}


class ReportTable(tables.Table):
    period_label = tables.Column(verbose_name="Period", linkify=False)
    scope = tables.Column(verbose_name="Scope", accessor="scope_label", orderable=False)
    status = tables.Column(verbose_name="Status")
    requested_at = tables.DateTimeColumn(verbose_name="Requested", format="j M Y, H:i")
    trigger = tables.Column(verbose_name="How")
    page_count = tables.Column(verbose_name="Pages", default="–")

    class Meta:
        model = EvaluationReport
        fields = ("period_label", "scope", "status", "requested_at", "trigger", "page_count")
        attrs = {"class": "nhsuk-table", "id": "reports"}
        orderable = False

    def render_period_label(self, value, record):
        url = reverse(record.url_name("detail"), args=[record.organisation.slug, record.pk])
        return format_html('<a href="{}">{}</a>', url, value)

    def render_status(self, value, record):
        return format_html(
            '<strong class="nhsuk-tag nhsuk-tag--{}">{}</strong>', TAG[record.status], record.get_status_display()
        )


def _reports(request, kind=EvaluationReport.Kind.ORGANISATION):
    return (
        EvaluationReport.objects.for_organisation(request.organisation)
        .filter(kind=kind)
        .select_related("team", "organisation", "requested_by")
    )


@organisation_view(Capability.REPORTS)
def report_list(request):
    today = timezone.localdate()
    form = ReportRequestForm(request.organisation, today, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        report = reports.request_report(
            organisation=request.organisation,
            requested_by=request.user,
            period=form.cleaned_data["chosen"],
            team=form.cleaned_data["team"],
        )
        return redirect("evaluation:report_detail", request.organisation.slug, report.pk)
    table = ReportTable(_reports(request)[:50])
    schedule = ReportScheduleForm(initial={"quarterly_board_report": request.organisation.quarterly_board_report})
    return render(request, "evaluation/report_list.html", {"form": form, "table": table, "schedule": schedule})


@organisation_view(Capability.SCHEDULE_REPORTS)
@require_POST
def report_schedule(request):
    form = ReportScheduleForm(request.POST)
    form.is_valid()  # a single checkbox: absent means off, so it is always valid
    organisation = request.organisation
    organisation.quarterly_board_report = form.cleaned_data.get("quarterly_board_report", False)
    organisation.save(update_fields=["quarterly_board_report"])
    if organisation.quarterly_board_report:
        messages.success(request, "A board report will be built at the start of each quarter.")
    else:
        messages.success(request, "Quarterly board reports are turned off.")
    return redirect("evaluation:reports", organisation.slug)


@organisation_view(Capability.REPORTS)
def report_detail(request, pk):
    return _detail(request, get_object_or_404(_reports(request), pk=pk), "evaluation:reports", "Evaluation reports")


@organisation_view(Capability.REPORTS)
@require_POST
def report_retry(request, pk):
    return _retry(request, get_object_or_404(_reports(request), pk=pk))


@organisation_view(Capability.REPORTS)
def report_download(request, pk):
    return _download(get_object_or_404(_reports(request), pk=pk))


# The commissioner's SC8 portfolio as a PDF, through the same pipeline.

PORTFOLIO = EvaluationReport.Kind.SC8_PORTFOLIO


@organisation_view(Capability.VIEW_PROVIDER_PORTFOLIO)
@require_POST
def sc8_report_request(request):
    today = timezone.localdate()
    period = periods.Period("sc8", f"Position on {today:%-d %B %Y}", periods.quarter_of(today).start, today)
    report = reports.request_report(
        organisation=request.organisation, requested_by=request.user, period=period, kind=PORTFOLIO
    )
    return redirect("evaluation:sc8_report_detail", request.organisation.slug, report.pk)


@organisation_view(Capability.VIEW_PROVIDER_PORTFOLIO)
def sc8_report_detail(request, pk):
    report = get_object_or_404(_reports(request, PORTFOLIO), pk=pk)
    return _detail(request, report, "evaluation:sc8", "SC8 progress measures")


@organisation_view(Capability.VIEW_PROVIDER_PORTFOLIO)
@require_POST
def sc8_report_retry(request, pk):
    return _retry(request, get_object_or_404(_reports(request, PORTFOLIO), pk=pk))


@organisation_view(Capability.VIEW_PROVIDER_PORTFOLIO)
def sc8_report_download(request, pk):
    return _download(get_object_or_404(_reports(request, PORTFOLIO), pk=pk))


def _detail(request, report, parent, parent_label):
    slug = request.organisation.slug
    context = {
        "report": report,
        "parent_url": reverse(parent, args=[slug]),
        "parent_label": parent_label,
        "download_url": reverse(report.url_name("download"), args=[slug, report.pk]),
        "retry_url": reverse(report.url_name("retry"), args=[slug, report.pk]),
    }
    return render(request, "evaluation/report_detail.html", context)


def _retry(request, report):
    if report.status == EvaluationReport.Status.FAILED:
        with transaction.atomic():
            reports.retry(report)
        messages.success(request, "The report is being built again.")
    return redirect(report.url_name("detail"), request.organisation.slug, report.pk)


def _download(report):
    if report.status != EvaluationReport.Status.READY or not report.file:
        raise Http404("This report is not ready")
    response = FileResponse(
        report.file.open("rb"),
        as_attachment=True,
        filename=safe_download_name(report.download_name),
        content_type="application/pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
