"""Thin Celery tasks of the top floor: SC8 snapshots and evaluation reports. Each calls the code that does the work.

The report services import these tasks at the top of their module to queue them; so these import the services
inside their bodies, the one deferred import of the pair (HackSoft's rule for Celery).
"""

import logging

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import InterfaceError, OperationalError
from redis.exceptions import ConnectionError as RedisConnectionError

from evaluation import sc8_services

logger = logging.getLogger(__name__)

# Failures worth another go: the database or the broker briefly away. Anything else fails the report at once.
TRANSIENT = (OperationalError, InterfaceError, RedisConnectionError, ConnectionError)


@shared_task
def take_sc8_snapshots() -> int:
    return sc8_services.take_snapshots()


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    time_limit=settings.REPORT_TIME_LIMIT,
    soft_time_limit=settings.REPORT_TIME_LIMIT - 30,
    max_retries=3,
)
def build_evaluation_report(self, report_id: int) -> str:
    from evaluation import reports  # noqa: PLC0415 - reports imports this module to queue the task

    try:
        return reports.build(report_id)
    except SoftTimeLimitExceeded:
        reports.fail(report_id, "Building the report took too long. Try a shorter period or one team.")
        return "failed"
    except TRANSIENT as exc:
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
    from evaluation import reports  # noqa: PLC0415 - reports imports this module to queue the task

    return reports.requeue_stalled()


@shared_task
def build_quarterly_board_reports() -> int:
    from evaluation import reports  # noqa: PLC0415 - reports imports this module to queue the task

    return reports.build_quarterly()
