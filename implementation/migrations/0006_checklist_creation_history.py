"""Give every checklist action a creation row in its history.

The checklist was copied from the template with a plain bulk insert, which writes no history, so an action's history
began at its first change. A report for a period before that change (read from the history, issue 21) would not find
the action at all. Each action without a creation row gets one, dated before any period a report can cover: the
action as the template created it (the version its first recorded change started from, with the progress fields at
their defaults), or, for an action never changed, as it is now.
"""

import datetime

from django.db import migrations

CREATED = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
PROGRESS_DEFAULTS = {
    "status": "not_started",
    "not_applicable_reason": "",
    "owner_id": None,
    "target_date": None,
    "evidence": "",
    "achieved_on": None,
    "achieved_by_id": None,
    "board_decision": "",
    "board_decision_on": None,
}
COPIED = [
    "id", "organisation_id", "code", "template_version", "phase", "position", "group", "title", "approach", "tools",
    "success", "updated_at", *PROGRESS_DEFAULTS,
]  # fmt: skip


def add_creation_rows(apps, schema_editor):
    item_model = apps.get_model("implementation", "ChecklistItem")
    history = apps.get_model("implementation", "HistoricalChecklistItem")
    created = set(history.objects.filter(history_type="+").values_list("id", flat=True))
    earliest = {}
    for row in history.objects.exclude(id__in=created).order_by("id", "history_date", "history_id").iterator():
        earliest.setdefault(row.id, row)
    rows = []
    for item in item_model.objects.exclude(id__in=created).iterator():
        first_change = earliest.get(item.id)
        values = {name: getattr(first_change or item, name) for name in COPIED}
        if first_change is not None:
            values.update(PROGRESS_DEFAULTS)
        rows.append(history(**values, history_date=CREATED, history_type="+", history_change_reason="created"))
    history.objects.bulk_create(rows, batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [("implementation", "0005_resource_library")]

    operations = [migrations.RunPython(add_creation_rows, migrations.RunPython.noop)]
