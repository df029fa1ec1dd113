"""Thin Celery tasks for organisations: each loads by id and calls a service.

The services import these tasks at the top of their module to queue them, so a task imports its service inside its
body: the one deferred import of the pair (HackSoft's rule for Celery).
"""

from celery import shared_task


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_invitation_email(invitation_id: int) -> bool:
    from organisations import services  # noqa: PLC0415 - services imports this module to queue the task

    return services.send_invitation_email(invitation_id)


@shared_task(acks_late=True, time_limit=900, soft_time_limit=840)
def build_export(job_id: int) -> str:
    from organisations import exports  # noqa: PLC0415 - exports imports this module to queue the task
    from organisations.models import ExportJob  # noqa: PLC0415 - models load after the app registry

    return exports.build(ExportJob.objects.select_related("organisation", "requested_by").get(pk=job_id)).status


@shared_task
def purge_exports() -> int:
    from organisations import exports  # noqa: PLC0415 - exports imports this module to queue the task

    return exports.purge()


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_notification_emails(notification_ids: list[int]) -> int:
    from organisations import notifications  # noqa: PLC0415 - notifications imports this module to queue the task

    return notifications.send_emails(notification_ids)
