"""The top floor's own records: SC8 snapshots a commissioner's dashboard took, and evaluation reports (PDFs built by
Celery). The contact log's models live in contacts."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from organisations.models import Team, TenantOwned


class SC8Snapshot(models.Model):
    """A provider's SC8 reading for one indicator in one quarter, as a commissioner's dashboard showed it."""

    commissioner = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    provider = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    quarter = models.DateField(help_text="The first day of the quarter")
    indicator = models.CharField(max_length=20)
    status = models.CharField(max_length=6)
    value = models.CharField(max_length=60)
    evidence = models.CharField(max_length=300)
    taken_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["quarter", "indicator"]
        constraints = [
            models.UniqueConstraint(
                fields=["commissioner", "provider", "quarter", "indicator"], name="one_snapshot_per_quarter"
            )
        ]

    def __str__(self):
        return f"{self.provider} {self.indicator} {self.quarter}: {self.status}"


def report_upload_to(report, filename):
    # One fixed name per report, so building it again replaces the file instead of adding a second one (a file
    # given before the record is saved, as only tests do, gets a unique name instead).
    key = report.pk if report.pk else f"new-{uuid.uuid4().hex}"
    return f"reports/{report.organisation_id}/mecc-report-{key}.pdf"


class EvaluationReport(TenantOwned):
    """A board-ready PDF for a period and a scope, built by a Celery task (evaluation.reports)."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Being built"
        READY = "ready", "Ready"
        FAILED = "failed", "Failed"

    class Trigger(models.TextChoices):
        REQUESTED = "requested", "Requested"
        SCHEDULED = "scheduled", "Quarterly board report"

    class Kind(models.TextChoices):
        ORGANISATION = "organisation", "Evaluation report"
        SC8_PORTFOLIO = "sc8_portfolio", "SC8 portfolio"

    kind = models.CharField(max_length=15, choices=Kind.choices, default=Kind.ORGANISATION)

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    trigger = models.CharField(max_length=10, choices=Trigger.choices, default=Trigger.REQUESTED)
    period_label = models.CharField(max_length=60)
    start = models.DateField()
    end = models.DateField()
    team = models.ForeignKey(Team, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    page_count = models.PositiveIntegerField(null=True, blank=True)
    size = models.PositiveIntegerField("size in bytes", null=True, blank=True)
    error = models.CharField("what went wrong", max_length=300, blank=True)
    file = models.FileField(upload_to=report_upload_to, blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        indexes = [models.Index(fields=["status", "started_at"], name="report_status_started")]

    def __str__(self):
        return f"MECC evaluation report, {self.period_label}"

    @property
    def scope_label(self) -> str:
        if self.kind == self.Kind.SC8_PORTFOLIO:
            return "Consenting providers"
        return self.team.name if self.team_id else "Whole organisation"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.READY, self.Status.FAILED)

    @property
    def download_name(self) -> str:
        """`<organisation> MECC evaluation report <period>.pdf`, the period whole: "2026/27" becomes "2026-27", since a
        slash would be read as a folder and cut the name."""
        period = self.period_label.replace("/", "-").replace("\\", "-")
        if self.kind == self.Kind.SC8_PORTFOLIO:
            return f"{self.organisation.name} SC8 portfolio {period}.pdf"
        scope = f" ({self.team.name})" if self.team_id else ""
        return f"{self.organisation.name}{scope} MECC evaluation report {period}.pdf"

    def url_name(self, page: str) -> str:
        """The URL name of this report's detail, retry or download page (portfolio PDFs live under SC8)."""
        prefix = "sc8_report" if self.kind == self.Kind.SC8_PORTFOLIO else "report"
        return f"evaluation:{prefix}_{page}"
