"""The organisation's audit trail: every create, change and delete of its records (django-simple-history's
Historical<Model> tables, one per tenant-owned model), read together for organisation admins.

One query per kind of record, whatever the number of entries; the newest LIMIT entries across all kinds.
"""

import datetime

from organisations.data import is_history_table
from organisations.tenancy import project_apps

LIMIT = 2000
ACTIONS = {"+": "Created", "~": "Changed", "-": "Deleted"}


def history_models() -> list:
    return [
        m
        for config in project_apps()
        for m in config.get_models()
        if is_history_table(m) and any(f.name == "organisation" for f in m._meta.concrete_fields)
    ]


def record_types() -> list[tuple[str, str]]:
    return sorted(
        ((m._meta.label, m.instance_type._meta.verbose_name.capitalize()) for m in history_models()),
        key=lambda pair: pair[1],
    )


def entries(organisation, record_type: str = "", since: datetime.date | None = None, until=None) -> list[dict]:
    found = []
    for model in history_models():
        if record_type and model._meta.label != record_type:
            continue
        rows = model.objects.filter(organisation=organisation)
        if since:
            rows = rows.filter(history_date__date__gte=since)
        if until:
            rows = rows.filter(history_date__date__lte=until)
        kind = model.instance_type._meta.verbose_name.capitalize()
        for row in rows.order_by("-history_date").values(
            "history_date", "history_type", "id", "history_user__email", "history_user__full_name"
        )[:LIMIT]:
            found.append(
                {
                    "when": row["history_date"],
                    "who": row["history_user__full_name"] or row["history_user__email"] or "The system",
                    "email": row["history_user__email"] or "",
                    "action": ACTIONS.get(row["history_type"], row["history_type"]),
                    "record_type": kind,
                    "record": row["id"],
                }
            )
    found.sort(key=lambda entry: entry["when"], reverse=True)
    return found[:LIMIT]
