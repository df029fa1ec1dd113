"""Thin Celery tasks for organisations: each loads by id and calls a service.

The services import these tasks at the top of their module to queue them, so a task imports its service inside its
body: the one deferred import of the pair (HackSoft's rule for Celery).
"""

from celery import shared_task


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_invitation_email(invitation_id: int) -> bool:
    from organisations import services  # noqa: PLC0415 - services imports this module to queue the task

    return services.send_invitation_email(invitation_id)
