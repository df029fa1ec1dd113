"""Thin Celery tasks for implementation: the weekly overdue digest (scheduled by Celery beat in settings)."""

from celery import shared_task

from implementation import services


@shared_task
def send_overdue_digests() -> int:
    return services.send_overdue_digests()
