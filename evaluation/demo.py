"""Demo data for the top floor: this quarter's SC8 snapshots and last quarter's board report for the demo trust."""

from django.utils import timezone

from common import periods
from common.demo import DemoContext, demo_step
from evaluation import reports, sc8_services
from evaluation.models import EvaluationReport


@demo_step(70)
def seed_snapshots(context: DemoContext) -> None:
    sc8_services.take_snapshots()  # this quarter's position for the demo ICB's providers (replaced if run again)


@demo_step(80)
def seed_report(context: DemoContext) -> None:
    """Last quarter's board report, once (built in-process without Redis: a few seconds)."""
    hospitals = context.organisations["midshire-hospitals"]
    if not EvaluationReport.objects.filter(organisation=hospitals).exists():
        reports.request_report(
            organisation=hospitals,
            requested_by=context.users["lead@hospitals.example"],
            period=periods.previous_quarter(timezone.localdate()),
        )
