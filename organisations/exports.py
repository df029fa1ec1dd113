"""Downloads too big to build inside a request, built by a Celery worker instead.

A person asks for one (the conversation log as XLSX, the all-data archive); request_export() records an ExportJob and
queues organisations.tasks.build_export, and the person's browser follows the job's page until the file is ready.
Each kind of download is registered by the app that owns its data (contacts registers the conversation log), so this
floor never imports the floors above it. The worker checks again, when it starts, that the person may still have
what they asked for; the file is theirs alone and is deleted after KEPT_FOR.
"""

import datetime
import logging
import tempfile
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import BinaryIO

from django.core.files import File
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from common import queue
from organisations import data
from organisations.models import AuditEvent, ExportJob, Membership
from organisations.roles import Capability
from organisations.tasks import build_export as build_export_task

logger = logging.getLogger(__name__)
KEPT_FOR = datetime.timedelta(hours=24)
MAX_ATTEMPTS = 2
PROGRESS_EVERY = 5000  # rows between progress updates of the job's page

Progress = Callable[[int], None]


@dataclass(frozen=True)
class Builder:
    """How one kind of download is made: who may have it, how many rows to expect, and how to write it.

    `write(job, membership, handle, progress)` writes the file to `handle`, calls `progress(rows)` now and then, and
    returns (the file name the person sees, rows written).
    """

    capability: Capability
    extension: str
    expected_rows: Callable[[ExportJob, Membership], int]
    write: Callable[[ExportJob, Membership, BinaryIO, Progress], tuple[str, int]]


BUILDERS: dict[str, Builder] = {}


def register(kind: str, builder: Builder) -> None:
    BUILDERS[kind] = builder


def request_export(membership: Membership, kind: str, query: str = "") -> ExportJob:
    """Record the request and queue its building once the request's transaction commits."""
    if kind not in BUILDERS:
        raise LookupError(f"No download of kind {kind!r} is registered")
    with transaction.atomic():
        job = ExportJob.objects.create(
            organisation=membership.organisation, requested_by=membership.user, kind=kind, query=query[:1000]
        )
        transaction.on_commit(lambda: _send(job))
    return job


def _send(job: ExportJob) -> None:
    if not queue.send(build_export_task, job.pk):
        _fail(job, "The file was not prepared: the task queue is unavailable. Ask for it again in a few minutes.")


def for_person(organisation, user):
    """The person's own downloads in this organisation: nobody else's, not even an admin's view of them."""
    return ExportJob.objects.for_organisation(organisation).filter(requested_by=user)


def may_have(job: ExportJob, membership: Membership | None) -> bool:
    return membership is not None and membership.can(BUILDERS[job.kind].capability)


def build(job: ExportJob) -> ExportJob:
    """Build the file (the Celery task's body). A redelivered task does not build twice, and a job that stopped the
    worker twice (killed for time or memory) is not tried a third time."""
    if job.finished:
        return job
    ExportJob.objects.filter(pk=job.pk).update(status=ExportJob.Status.RUNNING, attempts=F("attempts") + 1)
    job.refresh_from_db(fields=["status", "attempts"])
    if job.attempts > MAX_ATTEMPTS:
        return _fail(job, "Preparing this file stopped twice, so it will not be tried again. Narrow the filters.")
    membership = (
        Membership.objects.active().select_related("organisation", "team", "user")
        .filter(user_id=job.requested_by_id, organisation_id=job.organisation_id).first()
    )  # fmt: skip
    if not may_have(job, membership):
        return _fail(job, "Your role no longer allows this download.")
    builder = BUILDERS[job.kind]
    job.rows_expected = builder.expected_rows(job, membership)
    ExportJob.objects.filter(pk=job.pk).update(rows_expected=job.rows_expected)

    def progress(rows: int) -> None:
        ExportJob.objects.filter(pk=job.pk).update(rows_written=rows)

    with tempfile.TemporaryFile() as handle:
        try:
            file_name, rows = builder.write(job, membership, handle, progress)
        except Exception:
            logger.exception("Export %s failed", job.pk)
            return _fail(job, "Something went wrong while preparing the file. Ask for it again.")
        job.size = handle.tell()
        handle.seek(0)
        job.file.save(f"{uuid.uuid4().hex}.{builder.extension}", File(handle), save=False)
    job.file_name, job.rows_written = file_name[:200], rows
    job.status, job.finished_at = ExportJob.Status.READY, timezone.now()
    job.save(update_fields=["file", "file_name", "rows_written", "size", "status", "finished_at"])
    kind = AuditEvent.Kind.DATA_EXPORTED if job.kind == ExportJob.Kind.ARCHIVE else AuditEvent.Kind.EXPORT_PREPARED
    AuditEvent.record(kind, f"{file_name}: {rows:,} records", organisation=job.organisation, user=job.requested_by)
    return job


def _fail(job: ExportJob, message: str) -> ExportJob:
    job.status, job.message, job.finished_at = ExportJob.Status.FAILED, message, timezone.now()
    job.save(update_fields=["status", "message", "finished_at"])
    return job


def purge(now=None) -> int:
    """Delete the files of downloads older than KEPT_FOR (they name staff and conversations); the job rows stay as
    a record that the download happened."""
    cutoff = (now or timezone.now()) - KEPT_FOR
    removed = 0
    for job in ExportJob.objects.filter(created_at__lt=cutoff).exclude(file=""):
        if job.file.storage.exists(job.file.name):
            job.file.storage.delete(job.file.name)
        job.file, job.message = "", "This file was deleted a day after it was prepared. Ask for it again."
        job.save(update_fields=["file", "message"])
        removed += 1
    return removed


def _archive_rows(job: ExportJob, membership: Membership) -> int:
    return sum(
        rows.count() for model in data.all_models() if (rows := data.rows_of(model, job.organisation)) is not None
    )


def _write_archive(job: ExportJob, membership: Membership, handle: BinaryIO, progress: Progress) -> tuple[str, int]:
    counts = data.export_archive(job.organisation, handle, progress=progress)
    return f"mecc-{job.organisation.slug}-{timezone.localdate():%Y-%m-%d}.zip", sum(counts.values())


register(
    ExportJob.Kind.ARCHIVE,
    Builder(capability=Capability.EXPORT_DATA, extension="zip", expected_rows=_archive_rows, write=_write_archive),
)
