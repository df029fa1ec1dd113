"""Daily aggregate rows kept exactly in step with the raw conversations.

Every write to Conversation goes through contacts.services, which calls apply() in the same transaction with
+1 for the values a conversation adds and -1 for those it removes. rebuild() recomputes them from the raw rows
(manage.py rebuild_conversation_counts) and disagreements() lists any key where the two differ.

Two tables: per team (DailyConversationCount, for team figures) and the organisation-wide roll-up
(OrganisationDailyCount, the same counts summed over teams), which organisation-wide figures read.
"""

from collections import Counter
from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import Count, F, IntegerField, Sum
from django.db.models.functions import Cast

from contacts import content
from contacts.models import Conversation, DailyConversationCount, OrganisationDailyCount

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


def roll_up(deltas: Counter) -> Counter:
    """The team-level deltas summed over teams: (organisation, day, dimension, value) -> delta."""
    organisation_wide = Counter()
    for (organisation, _, day, dimension, value), delta in deltas.items():
        organisation_wide[(organisation, dimension, day, value)] += delta
    return organisation_wide


def apply(deltas: Counter) -> None:
    """Add each delta to its team row and to its organisation-wide row: one statement per table
    (INSERT … ON CONFLICT, on PostgreSQL and SQLite alike)."""
    _upsert(
        DailyConversationCount._meta.db_table,
        "organisation_id, team_key, day, dimension, value",
        [(*key, delta) for key, delta in deltas.items() if delta],
    )
    _upsert(
        OrganisationDailyCount._meta.db_table,
        "organisation_id, dimension, day, value",
        [(*key, delta) for key, delta in roll_up(deltas).items() if delta],
    )


def _upsert(table: str, key: str, rows: list[tuple]) -> None:
    if not rows:
        return
    columns = f"{key}, count"
    conflict = key
    width = len(rows[0])
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 500):
            chunk = rows[start : start + 500]
            placeholders = ", ".join(["(" + ", ".join(["%s"] * width) + ")"] * len(chunk))
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


def _stored_counts(organisation=None) -> tuple[Counter, Counter]:
    """(team rows, organisation-wide rows) as stored, zeros left out."""
    teams = DailyConversationCount.objects.exclude(count=0)
    wide = OrganisationDailyCount.objects.exclude(count=0)
    if organisation is not None:
        teams, wide = teams.for_organisation(organisation), wide.for_organisation(organisation)
    fields = ("organisation_id", "team_key", "day", "dimension", "value", "count")
    return (
        Counter({(r.organisation_id, r.team_key, r.day, r.dimension, r.value): r.count for r in teams.only(*fields)}),
        Counter(
            {(r.organisation_id, r.dimension, r.day, r.value): r.count for r in wide.only(*fields[:1] + fields[2:])}
        ),
    )


def disagreements(organisation=None) -> dict:
    """{key: (from the raw rows, as stored)} for every team or organisation-wide row that is wrong; the
    organisation-wide keys have four parts, the team keys five."""
    conversations = Conversation.objects.all()
    if organisation is not None:
        conversations = conversations.for_organisation(organisation)
    expected = _raw_counts(conversations)
    stored_teams, stored_wide = _stored_counts(organisation)
    found = {}
    for wanted, stored in ((expected, stored_teams), (+roll_up(expected), stored_wide)):
        found.update({
            key: (wanted.get(key, 0), stored.get(key, 0))
            for key in set(wanted) | set(stored)
            if wanted.get(key, 0) != stored.get(key, 0)
        })  # fmt: skip
    return found


@transaction.atomic
def rebuild(organisation=None) -> int:
    conversations = Conversation.objects.all()
    stored = DailyConversationCount.objects.all()
    wide = OrganisationDailyCount.objects.all()
    if organisation is not None:
        conversations = conversations.for_organisation(organisation)
        stored, wide = stored.for_organisation(organisation), wide.for_organisation(organisation)
    stored.delete()
    wide.delete()
    counts = _raw_counts(conversations)
    OrganisationDailyCount.objects.bulk_create(
        [
            OrganisationDailyCount(organisation_id=org, dimension=dimension, day=day, value=value, count=n)
            for (org, dimension, day, value), n in roll_up(counts).items()
        ],
        batch_size=5000,
    )
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
