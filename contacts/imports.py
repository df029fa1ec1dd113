"""Bulk import of paper contact forms from CSV: every row validated, then all-or-nothing or valid rows only.

Each row's idempotency key is derived from its content (and how many identical rows came before it in the file),
so uploading the same file again, or a corrected copy, never stores a row twice.
"""

import csv
import datetime
import hashlib
import io
import uuid
from collections import Counter
from contextlib import contextmanager
from types import SimpleNamespace

from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from common.exports import looks_like_formula
from common.periods import parse_day
from contacts import aggregates, content
from contacts.models import Conversation, ConversationImport
from contacts.privacy import find_identifiers
from contacts.selectors import directory_for
from organisations.models import AuditEvent, Team

MAX_BYTES = 20 * 1024 * 1024
REJECTED_KEPT = 1000
PROGRESS_EVERY = 5000
SHOWN_AT_MOST = 60  # characters of a refused cell value quoted back in its row's verdict
KEPT_AT_MOST = datetime.timedelta(hours=24)  # an uploaded CSV never outlives its import by more than this
IMPORT_KEY_NAMESPACE = uuid.UUID("6f1c2d4e-8a7b-4c3d-9e0f-1a2b3c4d5e6f")
EARLIEST = datetime.date(2010, 1, 1)

COLUMNS = [
    "date",
    "team",
    "setting",
    "contact_type",
    "raised_by",
    "topics",
    "determinants",
    "intervention_level",
    "readiness",
    "outcomes",
    "services",
    "resources",
    "note",
]
REQUIRED_COLUMNS = ["date", "topics", "outcomes"]


class FileProblem(Exception):
    """The whole file is unusable; the message says why in words a person can act on."""


def template_csv() -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    writer.writerow(
        [
            "2026-04-01",
            "",
            "outpatient_clinic",
            "service_user",
            "staff",
            "smoking;alcohol",
            "",
            "very_brief",
            "unsure",
            "information;signposted",
            "Stop Smoking Service",
            "leaflet",
            "",
        ]
    )
    return out.getvalue()


@contextmanager
def open_rows(stored):
    """The rows of a stored CSV, read one at a time from disk (constant memory whatever the file's size; security
    review M6), each a dict of lower-case column -> text. Problems with the whole file raise FileProblem."""
    if stored.size > MAX_BYTES:
        raise FileProblem("The file is larger than 20 MB. Split it into smaller files.")
    with stored.open("rb") as handle:
        if b"\x00" in handle.read(65536):
            raise FileProblem("This is not a CSV file. Save it from your spreadsheet as 'CSV UTF-8' and try again.")
        handle.seek(0)
        text = io.TextIOWrapper(handle, encoding="utf-8-sig", newline="")
        try:
            reader = csv.DictReader(text)
            header = [name.strip().lower() for name in (reader.fieldnames or [])]
        except (UnicodeDecodeError, csv.Error) as error:
            raise _file_problem(error) from error
        missing = [column for column in REQUIRED_COLUMNS if column not in header]
        if missing:
            raise FileProblem(f"The file is missing these columns: {', '.join(missing)}. Start from the template.")
        reader.fieldnames = header
        yield _each_row(reader)
        text.detach()  # the handle is closed by its own `with`


def _each_row(reader):
    try:
        for row in reader:
            yield {k: (v or "") for k, v in row.items() if k is not None}
    except (UnicodeDecodeError, csv.Error) as error:
        raise _file_problem(error) from error


def _file_problem(error) -> FileProblem:
    if isinstance(error, UnicodeDecodeError):
        return FileProblem("The file is not in UTF-8 text. Save it from your spreadsheet as 'CSV UTF-8' and try again.")
    return FileProblem(f"The file could not be read as CSV: {error}")


class RowValidator:
    """Turns one CSV row into conversation data, or a list of problems."""

    def __init__(self, organisation, today):
        self.today = today
        self.teams = {t.name.lower(): t for t in Team.objects.for_organisation(organisation)}
        self.services = {s.name.lower(): s for s in directory_for(organisation)}
        self.lookups = {
            name: self._lookup(items)
            for name, items in (
                ("setting", content.SETTINGS),
                ("contact_type", content.CONTACT_TYPES),
                ("raised_by", content.RAISED_BY),
                ("intervention_level", content.INTERVENTION_LEVELS),
                ("readiness", content.READINESS),
                ("topics", content.TOPICS),
                ("determinants", content.DETERMINANTS),
                ("outcomes", content.OUTCOMES),
                ("resources", content.RESOURCES),
            )
        }

    @staticmethod
    def _lookup(items):
        table = {}
        for item in items:
            table[item.code.lower()] = item.code
            table[item.label.lower()] = item.code
        return table

    def validate(self, row: dict):
        errors = []
        for column, value in row.items():
            if looks_like_formula(value):
                errors.append(f"{column}: looks like a spreadsheet formula, which is not allowed")
        if errors:
            return None, errors
        data = {"occurred_on": self._date(row.get("date", ""), errors)}
        team_name = row.get("team", "").strip().lower()
        data["team"] = self.teams.get(team_name) if team_name else None
        if team_name and data["team"] is None:
            errors.append(f"team: no team called {shown(row['team'].strip())}")
        for name, default in (
            ("setting", ""),
            ("contact_type", ""),
            ("raised_by", ""),
            ("intervention_level", ""),
            ("readiness", ""),
        ):
            data[name] = self._one(name, row.get(name, ""), default, errors)
        for name in ("topics", "determinants", "outcomes", "resources"):
            data[name] = self._many(name, row.get(name, ""), errors)
        services = self._services(row.get("services", ""), errors)
        if not data["topics"] and not data["determinants"]:
            errors.append("topics: give at least one topic or wider determinant")
        if not data["outcomes"]:
            errors.append("outcomes: give at least one outcome")
        if set(data["outcomes"]) & content.OUTCOMES_NEEDING_A_SERVICE and not services:
            errors.append("services: signposted or referred needs the service's name")
        note = row.get("note", "").strip()
        if len(note) > 200:
            errors.append("note: longer than 200 characters")
        found = find_identifiers(note)
        if found:
            errors.append(f"note: contains {' and '.join(found)}; the log must not identify anyone")
        data["note"] = note
        data["nice_outcomes"] = []
        return (None, errors) if errors else ((data, services), [])

    def _date(self, value, errors):
        day = parse_day(value.strip())
        if day is None:
            errors.append("date: use YYYY-MM-DD or DD/MM/YYYY")
        elif day > self.today:
            errors.append("date: in the future")
        elif day < EARLIEST:
            errors.append("date: before 2010")
        return day

    def _one(self, name, value, default, errors):
        value = value.strip().lower()
        if not value:
            return default
        code = self.lookups[name].get(value)
        if code is None:
            errors.append(f"{name}: {shown(value)} is not one of the allowed values")
            return default
        return code

    def _many(self, name, value, errors):
        codes = []
        for part in filter(None, (p.strip().lower() for p in value.split(";"))):
            code = self.lookups[name].get(part)
            if code is None:
                errors.append(f"{name}: {shown(part)} is not one of the allowed values")
            elif code not in codes:
                codes.append(code)
        return codes

    def _services(self, value, errors):
        found = []
        for part in filter(None, (p.strip() for p in value.split(";"))):
            service = self.services.get(part.lower())
            if service is None:
                errors.append(f"services: {shown(part)} is not in your directory")
            else:
                found.append(service)
        return found


def row_key(organisation_id: int, row: dict, occurrence: int) -> uuid.UUID:
    canonical = "|".join(row.get(column, "").strip() for column in COLUMNS)
    return uuid.uuid5(IMPORT_KEY_NAMESPACE, f"{organisation_id}|{canonical}|{occurrence}")


def run_import(job: ConversationImport) -> ConversationImport:
    """Check every row, then store them (all or valid only) with their aggregates, in one transaction.

    Two passes over the file, one row at a time, so memory does not grow with the file: the first checks every row
    and keeps the verdicts, the second (when there is something to import) checks again and inserts in batches.
    """
    if not start_attempt(job):
        return _finish(job, ConversationImport.Status.FAILED, message=GAVE_UP)
    validator = RowValidator(job.organisation, timezone.localdate())
    try:
        total, rejected, rejected_count = _check(job, validator)
    except FileProblem as problem:
        return _finish(job, ConversationImport.Status.REJECTED, message=str(problem))
    job.total_rows, job.checked_rows = total, total
    job.rejected, job.rejected_count = rejected, rejected_count
    if not total:
        return _finish(job, ConversationImport.Status.REJECTED, message="The file has no rows under the header.")
    if rejected_count and job.mode == ConversationImport.Mode.ALL_OR_NOTHING:
        return _finish(
            job,
            ConversationImport.Status.REJECTED,
            message=f"{rejected_count:,} row(s) have problems, so nothing was imported. Fix them and upload again.",
        )
    imported, duplicates = _store(job, validator)
    job.imported_rows, job.duplicate_rows = imported, duplicates
    return _finish(job, ConversationImport.Status.DONE, message=f"{imported:,} conversation(s) imported.")


GAVE_UP = (
    "The import stopped twice while checking this file, so it will not be tried again. Split the file into smaller "
    "files and upload them one at a time."
)
MAX_ATTEMPTS = 2


def start_attempt(job) -> bool:
    """Count a delivery of the import task; False once it has already been started MAX_ATTEMPTS times (a worker that
    died on this file, perhaps killed for memory, would otherwise take it up again for ever)."""
    ConversationImport.objects.filter(pk=job.pk).update(
        status=ConversationImport.Status.RUNNING, attempts=F("attempts") + 1
    )
    job.refresh_from_db(fields=["attempts", "status"])
    return job.attempts <= MAX_ATTEMPTS


def _check(job, validator) -> tuple[int, list, int]:
    """First pass: (rows, the first REJECTED_KEPT verdicts, how many rows were rejected)."""
    total, rejected, rejected_count = 0, [], 0
    with open_rows(job.file) as rows:
        for number, row in enumerate(rows, start=2):  # row 1 is the header
            total += 1
            _, errors = validator.validate(row)
            if errors:
                rejected_count += 1
                if len(rejected) < REJECTED_KEPT:
                    rejected.append({"row": number, "errors": errors})
            if number % PROGRESS_EVERY == 0:
                ConversationImport.objects.filter(pk=job.pk).update(total_rows=total, checked_rows=total)
    return total, rejected, rejected_count


def _valid_rows(job, validator):
    """Second pass: (row key, parsed row) for each valid row, in file order."""
    organisation_id, seen = job.organisation_id, Counter()
    with open_rows(job.file) as rows:
        for row in rows:
            parsed, errors = validator.validate(row)
            if errors:
                continue
            # A hash of the row, not the row: an identical row later in the file is a second conversation.
            canonical = hashlib.blake2b("\x1f".join(row.get(c, "").strip() for c in COLUMNS).encode(), digest_size=16)
            seen[canonical.digest()] += 1
            yield row_key(organisation_id, row, seen[canonical.digest()]), parsed


INSERT_COLUMNS = (
    "organisation_id", "occurred_on", "team_id", "recorded_by_id", "setting", "contact_type", "raised_by",
    "intervention_level", "readiness", "pathway_stage", "topics", "determinants", "outcomes", "resources",
    "nice_outcomes", "note", "client_key", "import_job_id", "created_at", "updated_at",
)  # fmt: skip
MASKS = (("topics", content.TOPICS), ("determinants", content.DETERMINANTS), ("outcomes", content.OUTCOMES),
         ("resources", content.RESOURCES))  # fmt: skip
INSERT_BATCH = 1000


class Row(SimpleNamespace):
    """A conversation as plain values: what aggregates.keys_of reads, without building model instances."""


@transaction.atomic
def _store(job, validator) -> tuple[int, int]:
    """Insert the new rows batch by batch with plain multi-row INSERTs (at 100,000 rows the ORM's per-object work
    dominates); the daily counters once at the end. Returns (imported, already there)."""
    imported, duplicates, deltas = 0, 0, Counter()
    batch = []
    for item in _valid_rows(job, validator):
        batch.append(item)
        if len(batch) == INSERT_BATCH:
            added = _insert_batch(job, batch, deltas)
            imported, duplicates, batch = imported + added, duplicates + len(batch) - added, []
    if batch:
        added = _insert_batch(job, batch, deltas)
        imported, duplicates = imported + added, duplicates + len(batch) - added
    # Once, not per batch: repeated upserts of the same few hundred keys cost more than the inserts.
    aggregates.apply(deltas)
    return imported, duplicates


def _insert_batch(job, batch, deltas) -> int:
    """Insert the batch's rows that are not stored already (a re-upload); returns how many were new."""
    organisation = job.organisation
    keys = [key for key, _ in batch]
    stored = Conversation.objects.for_organisation(organisation).filter(client_key__in=keys)
    existing = set(stored.values_list("client_key", flat=True))
    new = [(key, parsed) for key, parsed in batch if key not in existing]
    if not new:
        return 0
    ops, key_field = connection.ops, Conversation._meta.get_field("client_key")
    now = ops.adapt_datetimefield_value(timezone.now())
    uploader = job.uploaded_by_id
    rows, values = [], []
    for key, (data, _) in new:
        row = Row(
            organisation_id=organisation.pk,
            team_id=data["team"].pk if data["team"] else None,
            occurred_on=data["occurred_on"],
            **{name: data[name] for name in ("setting", "contact_type", "raised_by", "intervention_level",
                                              "readiness")},
            pathway_stage="",
            **{name: content.to_mask(items, data[name]) for name, items in MASKS},
            nice_outcomes=0,
        )  # fmt: skip
        rows.append(row)
        values += [
            row.organisation_id, ops.adapt_datefield_value(row.occurred_on), row.team_id, uploader, row.setting,
            row.contact_type, row.raised_by, row.intervention_level, row.readiness, row.pathway_stage, row.topics,
            row.determinants, row.outcomes, row.resources, 0, data["note"],
            key_field.get_db_prep_value(key, connection), job.pk, now, now,
        ]  # fmt: skip
    ids = _insert(Conversation._meta.db_table, INSERT_COLUMNS, values, len(new), returning="id")
    links = [(cid, s.pk) for cid, (_, (_, chosen)) in zip(ids, new, strict=True) for s in chosen]
    if links:
        _insert(Conversation.services.through._meta.db_table, ("conversation_id", "service_id"),
                [v for link in links for v in link], len(links))  # fmt: skip
    deltas.update(aggregates.count_changes(added=rows))
    return len(new)


def _insert(table, columns, values, count, returning=None) -> list:
    row = "(" + ", ".join(["%s"] * len(columns)) + ")"
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES {', '.join([row] * count)}"  # noqa: S608
    if returning:
        sql += f" RETURNING {returning}"
    with connection.cursor() as cursor:
        cursor.execute(sql, values)
        return [r[0] for r in cursor.fetchall()] if returning else []


def _finish(job, status, message=""):
    job.status = status
    job.message = message
    job.finished_at = timezone.now()
    job.save()
    forget_file(job)
    AuditEvent.record(
        AuditEvent.Kind.IMPORT_FINISHED,
        f"{job.original_name}: {job.get_status_display().lower()}, {job.imported_rows:,} imported, "
        f"{job.duplicate_rows:,} already there, {job.rejected_count:,} refused",
        organisation=job.organisation,
        user=job.uploaded_by,
    )
    return job


def shown(value: str) -> str:
    """A cell value quoted in a row's verdict, unless it might identify someone: verdicts are kept, files are not."""
    if find_identifiers(value) or len(value) > SHOWN_AT_MOST:
        return "a value (not shown, as it may identify someone or is too long)"
    return f"'{value}'"


def forget_file(job) -> None:
    """Delete the uploaded CSV once its job has ended, whatever the outcome: the per-row verdicts stay, without the
    values they were refused for, and the file never reaches the data export or a backup (security review M4)."""
    if job.file:
        job.file.delete(save=False)
        ConversationImport.objects.filter(pk=job.pk).update(file="")


def purge_import_files(now=None) -> int:
    """The retention rule for uploaded imports: a job that has not finished within KEPT_AT_MOST is failed and its file
    deleted, and so is any file under imports/ that no job names any more. Returns how many files were deleted."""
    now = now or timezone.now()
    deleted = 0
    stale = ConversationImport.objects.exclude(file="").filter(created_at__lt=now - KEPT_AT_MOST)
    for job in stale:
        if not job.finished:
            job.status, job.message = ConversationImport.Status.FAILED, "The import did not finish; upload it again."
            job.finished_at = now
            job.save(update_fields=["status", "message", "finished_at"])
        forget_file(job)
        deleted += 1
    storage = ConversationImport._meta.get_field("file").storage
    named = set(ConversationImport.objects.exclude(file="").values_list("file", flat=True))
    for name in _stored_under(storage, "imports"):
        if name not in named and storage.get_modified_time(name) < now - KEPT_AT_MOST:
            storage.delete(name)
            deleted += 1
    return deleted


def _stored_under(storage, folder: str):
    if not storage.exists(folder):
        return
    folders, files = storage.listdir(folder)
    for name in files:
        yield f"{folder}/{name}"
    for sub in folders:
        yield from _stored_under(storage, f"{folder}/{sub}")
