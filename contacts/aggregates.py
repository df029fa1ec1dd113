"""Daily aggregate rows kept exactly in step with the raw conversations.

Every write to Conversation goes through contacts.services, which calls apply() in the same transaction with
+1 for the values a conversation adds and -1 for those it removes. rebuild() recomputes them from the raw rows
(manage.py rebuild_conversation_counts) and disagreements() lists any key where the two differ.
"""

from collections import Counter
from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import Count, F, IntegerField, Sum
from django.db.models.functions import Cast

from contacts import content
from contacts.models import Conversation, DailyConversationCount

SINGLE_DIMENSIONS = {
    "setting": "setting",
    "contact_type": "contact_type",
    "raised_by": "raised_by",
    "level": "intervention_level",
    "readiness": "readiness",
    "pathway_stage": "pathway_stage",
}
MULTI_DIMENSIONS = {
    "topic": ("topics", content.TOPICS),
    "determinant": ("determinants", content.DETERMINANTS),
    "outcome": ("outcomes", content.OUTCOMES),
    "resource": ("resources", content.RESOURCES),
    "nice_outcome": ("nice_outcomes", content.NICE_OUTCOMES),
}
ALL = "all"  # the dimension whose one value ("") counts every conversation
TOTAL = (ALL, "")

Key = tuple[int, int, object, str, str]  # organisation id, team key, day, dimension, value


def keys_of(conversation: Conversation) -> list[Key]:
    base = (conversation.organisation_id, conversation.team_id or 0, conversation.occurred_on)
    keys = [(*base, *TOTAL)]
    for dimension, field in SINGLE_DIMENSIONS.items():
        keys.append((*base, dimension, getattr(conversation, field)))
    for dimension, (field, items) in MULTI_DIMENSIONS.items():
        keys += [(*base, dimension, code) for code in content.from_mask(items, getattr(conversation, field))]
    return keys


def apply(deltas: Counter) -> None:
    """Add each delta to its row in one statement (INSERT … ON CONFLICT, on PostgreSQL and SQLite alike)."""
    rows = [(*key, delta) for key, delta in deltas.items() if delta]
    if not rows:
        return
    table = DailyConversationCount._meta.db_table
    columns = "organisation_id, team_key, day, dimension, value, count"
    conflict = "organisation_id, team_key, day, dimension, value"
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 500):
            chunk = rows[start : start + 500]
            placeholders = ", ".join(["(%s, %s, %s, %s, %s, %s)"] * len(chunk))
            cursor.execute(
                f"INSERT INTO {table} ({columns}) VALUES {placeholders} "  # noqa: S608 - names are ours, values bound
                f"ON CONFLICT ({conflict}) DO UPDATE SET count = {table}.count + excluded.count",
                [value for row in chunk for value in row],
            )


def count_changes(added: Iterable[Conversation] = (), removed: Iterable[Conversation] = ()) -> Counter:
    deltas = Counter()
    for conversation in added:
        deltas.update(keys_of(conversation))
    for conversation in removed:
        deltas.subtract(keys_of(conversation))
    return deltas


def _raw_counts(conversations) -> Counter:
    """The aggregate rows as the raw conversations say they should be, computed in the database."""
    counts = Counter()
    base = ("organisation_id", "team_id", "occurred_on")
    rows = conversations.values(*base)
    sums = {"n": Count("pk")}
    for dimension, (field, items) in MULTI_DIMENSIONS.items():
        for item in items:
            sums[f"{dimension}__{item.code}"] = Sum(
                Cast(F(field).bitand(1 << item.bit), IntegerField()) / (1 << item.bit)
            )
    for row in rows.annotate(**sums).order_by():
        key = (row["organisation_id"], row["team_id"] or 0, row["occurred_on"])
        counts[(*key, *TOTAL)] += row["n"]
        for name, value in row.items():
            if "__" in name and value:
                dimension, code = name.split("__")
                counts[(*key, dimension, code)] += value
    for dimension, field in SINGLE_DIMENSIONS.items():
        for row in rows.values(*base, field).annotate(n=Count("pk")).order_by():
            key = (row["organisation_id"], row["team_id"] or 0, row["occurred_on"], dimension, row[field])
            counts[key] += row["n"]
    return counts


def _stored_counts(organisation=None) -> Counter:
    stored = DailyConversationCount.objects.exclude(count=0)
    if organisation is not None:
        stored = stored.for_organisation(organisation)
    return Counter(
        {
            (r.organisation_id, r.team_key, r.day, r.dimension, r.value): r.count
            for r in stored.only("organisation_id", "team_key", "day", "dimension", "value", "count")
        }
    )


def disagreements(organisation=None) -> dict:
    conversations = Conversation.objects.all()
    if organisation is not None:
        conversations = conversations.for_organisation(organisation)
    expected, stored = _raw_counts(conversations), _stored_counts(organisation)
    return {
        key: (expected.get(key, 0), stored.get(key, 0))
        for key in set(expected) | set(stored)
        if expected.get(key, 0) != stored.get(key, 0)
    }


@transaction.atomic
def rebuild(organisation=None) -> int:
    conversations = Conversation.objects.all()
    stored = DailyConversationCount.objects.all()
    if organisation is not None:
        conversations = conversations.for_organisation(organisation)
        stored = stored.for_organisation(organisation)
    stored.delete()
    counts = _raw_counts(conversations)
    DailyConversationCount.objects.bulk_create(
        [
            DailyConversationCount(
                organisation_id=org, team_key=team, day=day, dimension=dimension, value=value, count=n
            )
            for (org, team, day, dimension, value), n in counts.items()
        ],
        batch_size=5000,
    )
    return len(counts)
