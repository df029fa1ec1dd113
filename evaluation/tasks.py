"""Thin Celery tasks for the contact log: each loads by id and calls the code that does the work."""

import logging

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings

from evaluation import imports
from evaluation.models import ConversationImport

logger = logging.getLogger(__name__)


@shared_task(acks_late=True, time_limit=900, soft_time_limit=840)
def run_conversation_import(import_id: int) -> str:
    job = ConversationImport.objects.select_related("organisation", "uploaded_by").get(pk=import_id)
    if job.finished:
        return job.status  # a redelivered task must not import twice
    return imports.run_import(job).status


@shared_task
def take_sc8_snapshots() -> int:
    from evaluation.sc8_services import take_snapshots

    return take_snapshots()


# Failures worth another go: the database or the broker briefly away. Anything else fails the report at once.
def _transient():
    from django.db import InterfaceError, OperationalError
    from redis.exceptions import ConnectionError as RedisConnectionError

    return (OperationalError, InterfaceError, RedisConnectionError, ConnectionError)


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    time_limit=settings.REPORT_TIME_LIMIT,
    soft_time_limit=settings.REPORT_TIME_LIMIT - 30,
    max_retries=3,
)
def build_evaluation_report(self, report_id: int) -> str:
    from evaluation import reports

    try:
        return reports.build(report_id)
    except SoftTimeLimitExceeded:
        reports.fail(report_id, "Building the report took too long. Try a shorter period or one team.")
        return "failed"
    except _transient() as exc:
        if self.request.retries < self.max_retries:
            raise self.retry(exc=exc, countdown=5 * 2**self.request.retries) from exc
        reports.fail(report_id, "The database was unavailable while building the report. Try again.")
        return "failed"
    except Exception:
        logger.exception("Evaluation report %s failed", report_id)
        reports.fail(report_id, "Something went wrong while building the report. Try again; if it fails again, "
                     "tell your organisation admin.")  # fmt: skip
        return "failed"


@shared_task
def requeue_stalled_reports() -> int:
    from evaluation import reports

    return reports.requeue_stalled()


@shared_task
def build_quarterly_board_reports() -> int:
    from evaluation import reports

    return reports.build_quarterly()
