"""The organisation's audit trail: who did what, and when.

Two sources, read together for organisation admins:
- every create, change and delete of its records (django-simple-history's Historical<Model> tables, one per
  tenant-owned model), each entry naming the record ("Conversation 12 Nov 2026, Emergency department") and, for a
  change, what changed ("status: In progress → Achieved");
- AuditEvent rows for what has no record of its own: sign-ins of its members (and failed ones), downloads of all
  its data, imports, and contract and consent decisions.

A model says how its records are named with `audit_label_fields`, and keeps out of the trail with
`in_audit_trail = False` (survey answers: the trail must never link a person to them). One query per kind of record
for the entries, one for their earlier versions and one per kind of related name, whatever the number of entries;
the newest LIMIT entries across all kinds.
"""

import datetime
from collections import defaultdict

from django.db.models import Q

from organisations.data import is_history_table
from organisations.models import AuditEvent
from organisations.tenancy import project_apps

LIMIT = 2000
ACTIONS = {"+": "Created", "~": "Changed", "-": "Deleted"}
EVENTS = "events"  # the record_type of AuditEvent rows in the filter
NAMING_FIELDS = ("name", "title", "reference", "original_name", "email")
NOT_SHOWN_AS_CHANGES = {"id", "updated_at", "created_at", "snapshot", "client_key", "nonce", "sha256", "rejected"}
CHANGES_AT_MOST = 300


def history_models() -> list:
    return [
        m
        for config in project_apps()
        for m in config.get_models()
        if is_history_table(m) and any(f.name == "organisation" for f in m._meta.concrete_fields)
    ]


def audited_models() -> list:
    return [m for m in history_models() if getattr(m.instance_type, "in_audit_trail", True)]


def record_types() -> list[tuple[str, str]]:
    kinds = [(m._meta.label, m.instance_type._meta.verbose_name.capitalize()) for m in audited_models()]
    kinds.append((EVENTS, "Sign-ins, downloads, imports and contracts"))
    return sorted(kinds, key=lambda pair: pair[1])


def entries(organisation, record_type: str = "", since: datetime.date | None = None, until=None) -> list[dict]:
    found = []
    for model in audited_models():
        if not record_type or model._meta.label == record_type:
            found += _history_entries(model, organisation, since, until)
    if not record_type or record_type == EVENTS:
        found += _event_entries(organisation, since, until)
    found.sort(key=lambda entry: entry["when"], reverse=True)
    return found[:LIMIT]


def _dated(rows, field: str, since, until):
    if since:
        rows = rows.filter(**{f"{field}__date__gte": since})
    if until:
        rows = rows.filter(**{f"{field}__date__lte": until})
    return rows


def _history_entries(model, organisation, since, until) -> list[dict]:
    instance_type = model.instance_type
    fields = [f for f in model._meta.concrete_fields if f.name in _tracked(instance_type)]
    rows = _dated(model.objects.filter(organisation=organisation), "history_date", since, until)
    # The window as a subquery too, so the earlier versions and related names are one query each whatever the data
    # (the query count of the page does not grow with the organisation: bench/queries.py checks it).
    newest = rows.order_by("-history_date", "-history_id")
    window_rows = model.objects.filter(history_id__in=newest.values("history_id")[:LIMIT])
    window = list(
        newest[:LIMIT].values(
            "history_id", "history_date", "history_type", "history_user__email", "history_user__full_name", "id",
            *[f.attname for f in fields],
        )
    )  # fmt: skip
    previous = _previous_versions(model, organisation, window_rows, window, fields)
    names = _related_names(fields, window_rows, previous)
    kind = instance_type._meta.verbose_name.capitalize()
    label_fields = _label_fields(instance_type)
    found = []
    for row in window:
        before = previous.get(row["history_id"])
        found.append(
            {
                "when": row["history_date"],
                "who": row["history_user__full_name"] or row["history_user__email"] or "The system",
                "email": row["history_user__email"] or "",
                "action": ACTIONS.get(row["history_type"], row["history_type"]),
                "record_type": kind,
                "record": _label(kind, row, label_fields, fields, names),
                "changes": _changes(row, before, fields, names) if row["history_type"] == "~" else "",
            }
        )
    return found


def _tracked(instance_type) -> set[str]:
    return {f.name for f in instance_type._meta.concrete_fields} - NOT_SHOWN_AS_CHANGES


def _label_fields(instance_type) -> tuple[str, ...]:
    declared = getattr(instance_type, "audit_label_fields", None)
    if declared:
        return declared
    names = {f.name for f in instance_type._meta.concrete_fields}
    return next(((name,) for name in NAMING_FIELDS if name in names), ())


def _previous_versions(model, organisation, window_rows, window, fields) -> dict[int, dict]:
    """{history_id of a change: the version of the same record just before it}, in one query for the window."""
    versions = defaultdict(list)
    changed_records = window_rows.filter(history_type="~").values("id")  # window_rows is an unsliced filter
    for row in (
        model.objects.filter(organisation=organisation, id__in=changed_records)
        .order_by("history_date", "history_id")
        .values("history_id", "id", *[f.attname for f in fields])
    ):
        versions[row["id"]].append(row)
    previous = {}
    for history in versions.values():
        for earlier, later in zip(history, history[1:], strict=False):
            previous[later["history_id"]] = earlier
    return previous


def _related_names(fields, window_rows, previous) -> dict[tuple[str, object], str]:
    """{(field attname, related pk): how the related record reads}, one query per related field."""
    names = {}
    for field in (f for f in fields if f.is_relation and f.name != "organisation"):
        wanted = {row.get(field.attname) for row in previous.values()} - {None}
        in_window = field.related_model.objects.filter(pk__in=window_rows.values(field.attname))
        for obj in (in_window | field.related_model.objects.filter(pk__in=wanted)).select_related():
            names[(field.attname, obj.pk)] = str(obj)
    return names


def _shown(field, value, names) -> str:
    if value is None or value == "":
        return "–"
    if field.is_relation:
        return names.get((field.attname, value), f"#{value} (deleted)")
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, datetime.datetime):
        return f"{value:%-d %b %Y %H:%M}"
    if isinstance(value, datetime.date):
        return f"{value:%-d %b %Y}"
    return str(value)


def _label(kind, row, label_fields, fields, names) -> str:
    by_name = {f.name: f for f in fields}
    parts = [_shown(by_name[name], row.get(by_name[name].attname), names) for name in label_fields if name in by_name]
    parts = [part for part in parts if part != "–"]
    return f"{kind} {', '.join(parts)}" if parts else f"{kind} {row['id']}"


def _changes(row, before, fields, names) -> str:
    if before is None:
        return "Changed (its earlier version is outside this view)"
    changes = [
        f"{field.verbose_name}: {_shown(field, old, names)} → {_shown(field, new, names)}"
        for field in fields
        if field.name != "organisation" and (old := before[field.attname]) != (new := row[field.attname])
    ]
    text = "; ".join(changes) or "Saved with no visible change"
    return text if len(text) <= CHANGES_AT_MOST else text[: CHANGES_AT_MOST - 1] + "…"


def _event_entries(organisation, since, until) -> list[dict]:
    """This organisation's events, and the sign-ins (and failed ones) of people who belong to it."""
    members_sign_ins = Q(
        organisation__isnull=True,
        kind__in=[AuditEvent.Kind.SIGNED_IN, AuditEvent.Kind.SIGN_IN_FAILED],
        user__memberships__organisation=organisation,
    )
    events = _dated(AuditEvent.objects.filter(Q(organisation=organisation) | members_sign_ins), "at", since, until)
    return [
        {
            "when": event.at,
            "who": (event.user.full_name or event.user.email) if event.user else "The system",
            "email": event.user.email if event.user else "",
            "action": event.get_kind_display(),
            "record_type": "Sign-in" if event.organisation_id is None else "Event",
            "record": event.summary,
            "changes": "",
        }
        for event in events.select_related("user").distinct().order_by("-at")[:LIMIT]
    ]
