"""All of one organisation's data: which rows are its own, an export of them as a documented archive, and their
complete removal.

Each app declares how its models hold an organisation's data (organisations.tenancy), so a model added later
fails tests/organisations/test_data.py until its app says whether (and how) it holds an organisation's data.
"""

import csv
import datetime
import io
import json
import shutil
import zipfile

from django.db import models, transaction
from django.utils import timezone

from common.exports import neutralise_formula
from organisations.models import AuditEvent, ExportJob, Membership, User
from organisations.tenancy import NOTHING_DECLARED, declaration, project_apps


def all_models():
    return [m for config in project_apps() for m in config.get_models(include_auto_created=True)]


def is_history_table(model) -> bool:
    """An audit-trail table of django-simple-history (Historical<Model>)."""
    return any(field.name == "history_id" for field in model._meta.concrete_fields)


def rows_of(model, organisation):
    """This organisation's rows of a model, or None when the model holds no organisation's data."""
    declared, name = declaration(model), model._meta.object_name
    if name in declared.not_organisation_data:
        return None
    if name in declared.scopes:
        return model.objects.filter(declared.scopes[name](organisation)).distinct()
    if any(f.name == "organisation" for f in model._meta.concrete_fields):
        return model.objects.filter(organisation=organisation)
    raise LookupError(f"{model._meta.label} is not declared in its app's tenant_data (organisations.tenancy)")


def _columns(model):
    hidden = declaration(model).secret_fields.get(model._meta.object_name, frozenset())
    return [f for f in model._meta.concrete_fields if f.name not in hidden]


def _value(value):
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return "" if value is None else str(value)


def export_archive(organisation, target, progress=None) -> dict:
    """Write a zip to `target` (a path or file object): one CSV per model, the uploaded files, and README.txt with
    what each file holds. Returns {file name: row count}.

    Each CSV is written straight into its zip entry a row at a time, so memory stays flat however many conversations
    the organisation holds; `progress(rows so far)` is called every few thousand rows.
    """
    counts, written = {}, 0
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        for model in all_models():
            rows = rows_of(model, organisation)
            if rows is None:
                continue
            columns = _columns(model)
            name = f"data/{model._meta.label_lower.replace('.', '-')}.csv"
            count = 0
            with archive.open(name, "w", force_zip64=True) as entry:
                text = io.TextIOWrapper(entry, encoding="utf-8", newline="")
                writer = csv.writer(text)
                writer.writerow([f.column for f in columns])
                for row in rows.values_list(*[f.attname for f in columns]).order_by("pk").iterator(chunk_size=2000):
                    writer.writerow([neutralise_formula(_value(v)) for v in row])
                    count += 1
                    if progress and (written + count) % 5000 == 0:
                        progress(written + count)
                text.flush()
                text.detach()
            counts[name] = count
            written += count
            if model is ExportJob:
                continue  # earlier downloads are copies of the data already here, not data of their own
            for field in (f for f in columns if isinstance(f, models.FileField)):
                for stored in rows.exclude(**{field.attname: ""}).values_list(field.attname, flat=True):
                    storage = field.storage
                    if storage.exists(stored):
                        with (
                            storage.open(stored, "rb") as handle,
                            archive.open(f"files/{stored}", "w", force_zip64=True) as copy,
                        ):
                            shutil.copyfileobj(handle, copy, 1024 * 1024)
        archive.writestr("README.txt", _readme(organisation, counts))
    return counts


def _readme(organisation, counts) -> str:
    lines = [
        f"All data held by MECC Programme Manager for {organisation.name} ({organisation.slug}),",
        f"exported {timezone.now():%-d %B %Y %H:%M %Z}.",
        "",
        "data/<app>-<model>.csv: one file per kind of record, one row per record, columns as stored",
        "(ids link the files: for example conversation.team_id is a row of organisations-team.csv).",
        "Multi-select answers (topics, determinants, outcomes) are stored as bit masks; their meaning is in",
        "docs/contact-log.md. Cells that begin with = + - or @ are prefixed with an apostrophe.",
        "files/: the evidence files and reports uploaded or produced, by their stored names.",
        "Password hashes are not included. No record identifies a patient or member of the public.",
        "",
        "Files and rows:",
    ]
    lines += [f"  {name}: {count}" for name, count in sorted(counts.items())]
    return "\n".join(lines) + "\n"


def remove_organisation(organisation, removed_by=None) -> dict:
    """Delete the organisation and every row and file of its own, and the accounts of staff who belonged to no
    other organisation, leaving one audit event that says so. Returns {model label: rows deleted}."""
    files = []
    for model in all_models():
        rows = rows_of(model, organisation)
        if rows is None:
            continue
        for field in (f for f in model._meta.concrete_fields if isinstance(f, models.FileField)):
            files += [
                (field.storage, name)
                for name in rows.exclude(**{field.attname: ""}).values_list(field.attname, flat=True)
            ]
    elsewhere = Membership.objects.exclude(organisation=organisation).values("user_id")
    only_here = (
        User.objects.filter(memberships__organisation=organisation, is_staff=False, is_superuser=False)
        .exclude(pk__in=elsewhere)
        .distinct()
    )
    with transaction.atomic():
        # Some rows protect others inside the organisation (a session protects its resource, an assessment its
        # team): delete the protecting rows first, then let the organisation's cascade take the rest.
        for config in project_apps():
            for name in getattr(config, "tenant_data", NOTHING_DECLARED).delete_first:
                config.get_model(name).objects.filter(organisation=organisation).delete()
        users = list(only_here.values_list("pk", flat=True))
        organisation_id = organisation.pk
        deleted = dict(organisation.delete()[1])
        # The audit trail keeps copies of every row, including the deletions just made: remove those too.
        for model in (m for m in all_models() if is_history_table(m)):
            removed = model.objects.filter(organisation_id=organisation_id).delete()[0]
            deleted[model._meta.label] = deleted.get(model._meta.label, 0) + removed
        deleted.update({f"{k} (accounts)": v for k, v in User.objects.filter(pk__in=users).delete()[1].items()})
        transaction.on_commit(lambda: [storage.delete(name) for storage, name in files if storage.exists(name)])
        AuditEvent.record(
            AuditEvent.Kind.ORGANISATION_REMOVED,
            f"{organisation.name} ({organisation.slug}): {sum(deleted.values())} records and {len(files)} files",
            user=removed_by,
        )
    return deleted
