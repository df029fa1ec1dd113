"""Thin Celery tasks for the contact log: each loads by id and calls the code that does the work."""

from celery import shared_task

from contacts import imports
from contacts.models import ConversationImport


@shared_task(acks_late=True, time_limit=900, soft_time_limit=840)
def run_conversation_import(import_id: int) -> str:
    job = ConversationImport.objects.select_related("organisation", "uploaded_by").get(pk=import_id)
    if job.finished:
        return job.status  # a redelivered task must not import twice
    return imports.run_import(job).status


@shared_task
def purge_import_files() -> int:
    return imports.purge_import_files()
