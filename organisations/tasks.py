"""Thin Celery tasks for organisations: each loads by id and calls a service."""

from celery import shared_task

from organisations import services


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_invitation_email(invitation_id: int) -> bool:
    return services.send_invitation_email(invitation_id)
