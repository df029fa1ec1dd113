"""Moving the contact log from `evaluation` to `contacts` changed no row.

tests/contacts/data/seed_demo_at_07f1f49.sql.gz is `pg_dump` of a PostgreSQL database that `manage.py seed_demo`
filled at commit 07f1f49, the last commit of the old layout. The test restores it into a scratch database,
migrates it to the new layout with `manage.py migrate` (each app to its migration of that stop), and checks that
every table still holds the same number of rows and that the content types moved with the models; then migrates to
the latest state, checks that later data migrations add only the content they exist to add, and that the moved
models read the rows through the ORM.
"""

import gzip
import os
import shutil
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import psycopg2
import pytest
from django.conf import settings
from psycopg2 import sql

from tests.conftest import need_service

DUMP = Path(__file__).parent / "data" / "seed_demo_at_07f1f49.sql.gz"
MOVED = [
    f"{history}{model}"
    for model in ("service", "conversation", "conversationchange", "dailyconversationcount", "conversationimport")
    for history in ("", "historical")
]

pytestmark = pytest.mark.services


def _server():
    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.postgresql":
        need_service("DATABASE_URL is not PostgreSQL: the layout migration is tested on PostgreSQL")
    if shutil.which("psql") is None:
        need_service("psql is not installed: it restores the old layout's dump")
    return {k: database[k.upper()] for k in ("host", "port", "user", "password") if database.get(k.upper())}


@contextmanager
def _cursor(server, dbname):
    # Not `with connection:`, which opens a transaction even in autocommit mode (psycopg2 2.9), where CREATE and
    # DROP DATABASE cannot run.
    connection = psycopg2.connect(dbname=dbname, **server)
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            yield cursor
    finally:
        connection.close()


def _row_counts(server, dbname) -> dict[str, int]:
    with _cursor(server, dbname) as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
        tables = [row[0] for row in cursor.fetchall() if row[0] != "django_migrations"]
        counts = {}
        for table in tables:
            cursor.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table)))
            counts[table] = cursor.fetchone()[0]
    return counts


def _manage(server, dbname, *args) -> str:
    url = f"postgres://{server.get('user', '')}@{server.get('host', '')}:{server.get('port', 5432)}/{dbname}"
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "DATABASE_URL")}
    env.update(DATABASE_URL=url, DJANGO_SETTINGS_MODULE="tests.settings")
    if server.get("password"):
        env["PGPASSWORD"] = server["password"]
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


@pytest.fixture
def old_layout_database():
    server = _server()
    name = f"mecc_layout_{os.getpid()}"
    with _cursor(server, "postgres") as cursor:
        cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        command = ["psql", "-q", "-v", "ON_ERROR_STOP=1", "-d", name]
        options = (("host", "host"), ("port", "port"), ("username", "user"))
        command += [f"--{flag}={server[key]}" for flag, key in options if key in server]
        restored = subprocess.run(command, input=gzip.decompress(DUMP.read_bytes()), capture_output=True, timeout=300)
        assert restored.returncode == 0, restored.stderr.decode()[-3000:]
        yield server, name
    finally:
        with _cursor(server, "postgres") as cursor:
            cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


# Every app at its last migration of the stop that moved the contact log: the move is checked there, before the
# data migrations of later stops add content.
LAYOUT = (
    ("organisations", "0005_audit_events"),
    ("contacts", "0002_import_attempts"),
    ("evaluation", "0006_contact_log_moved_to_contacts"),
    ("assessment", "0003_audit_trail"),
    ("implementation", "0002_audit_trail"),
    ("training", "0002_audit_trail"),
)

# Django's own registry of models: later migrations add models, and with them content types and permissions.
REGISTRY = {"django_content_type", "auth_permission"}


def _content_types(server, dbname) -> dict[int, tuple[str, str]]:
    with _cursor(server, dbname) as cursor:
        cursor.execute("SELECT id, app_label, model FROM django_content_type")
        return {pk: (label, model) for pk, label, model in cursor.fetchall()}


def test_the_seeded_old_layout_migrates_with_every_row_kept(old_layout_database):
    server, name = old_layout_database
    before = _row_counts(server, name)
    types_before = _content_types(server, name)
    assert before["evaluation_conversation"] > 1000 and before["evaluation_service"] > 0  # the demo data is there

    for app, migration in LAYOUT:
        _manage(server, name, "migrate", app, migration, "--no-input")

    after = _row_counts(server, name)
    # Every table of the old layout is still there with the same number of rows; tables that later migrations add
    # (new models) start empty.
    assert {table: after.get(table) for table in before if table not in REGISTRY} == {
        table: count for table, count in before.items() if table not in REGISTRY
    }
    assert all(after[table] == 0 for table in set(after) - set(before))
    # The registry keeps every old row, the moved models' content types relabelled to contacts (same ids, so their
    # permissions stay attached); rows are only added, for models that came later.
    types_after = _content_types(server, name)
    for pk, (label, model) in types_before.items():
        assert types_after[pk] == ("contacts" if model in MOVED else label, model)
    with _cursor(server, name) as cursor:
        cursor.execute("SELECT count(*) FROM auth_permission WHERE content_type_id = ANY(%s)", [list(types_before)])
        assert cursor.fetchone()[0] == before["auth_permission"]
        cursor.execute(
            "SELECT app, name FROM django_migrations WHERE (app, name) IN "
            "(('contacts', '0001_move_from_evaluation'), ('evaluation', '0006_contact_log_moved_to_contacts'))"
        )
        assert len(cursor.fetchall()) == 2

    # Then the migrations that came after the move: they add only the content they exist to add.
    with _cursor(server, name) as cursor:
        cursor.execute("SELECT count(*) FROM evaluation_dailyconversationcount WHERE dimension = 'all'")
        days_and_teams = cursor.fetchone()[0]
        cursor.execute(
            "SELECT count(*) FROM implementation_checklistitem c WHERE NOT EXISTS (SELECT 1 FROM "
            "implementation_historicalchecklistitem h WHERE h.id = c.id AND h.history_type = '+')"
        )
        created_without_history = cursor.fetchone()[0]
    assert created_without_history > 0  # the checklist was copied with a plain bulk insert
    _manage(server, name, "migrate", "--no-input")
    latest = _row_counts(server, name)
    with _cursor(server, name) as cursor:  # the organisation-wide roll-up: one row per key summed over teams
        cursor.execute(
            "SELECT count(*), coalesce(sum(n), 0) FROM (SELECT sum(count) AS n FROM evaluation_dailyconversationcount "
            "GROUP BY organisation_id, dimension, day, value HAVING sum(count) <> 0) k"
        )
        rolled_up, summed = cursor.fetchone()
        cursor.execute("SELECT coalesce(sum(count), 0) FROM contacts_organisationdailycount")
        assert cursor.fetchone()[0] == summed > 0
    added = {table: latest[table] - after.get(table, 0) for table in latest if table not in REGISTRY}
    assert {table: count for table, count in added.items() if count} == {
        "assessment_scoringscheme": 1,  # scheme 2026.2, with only verified weights
        "assessment_schemefactor": 10,
        "assessment_factorlevel": 40,
        "training_qualitychecklist": 1,  # the shipped checklist, as its first version
        "evaluation_dailyconversationcount": days_and_teams,  # "no onward pathway stage" for every day and team
        "contacts_organisationdailycount": rolled_up,
        # a creation row for each checklist action whose history began at its first change (reports as at a period)
        "implementation_historicalchecklistitem": created_without_history,
    }

    read = _manage(server, name, "shell", "--verbosity", "0", "-c", READ_THROUGH_THE_ORM)
    assert read.split() == [
        str(before["evaluation_conversation"]),
        str(before["evaluation_service"]),
        str(before["evaluation_historicalservice"]),
        str(before["evaluation_conversation_services"]),
        str(before["evaluation_dailyconversationcount"] + days_and_teams),
    ]
    # The new layout knows no change it has not migrated (makemigrations --check exits 1 when it would write one).
    _manage(server, name, "makemigrations", "--check", "--dry-run")


READ_THROUGH_THE_ORM = """
from contacts.models import Conversation, DailyConversationCount, Service
print(Conversation.objects.count(), Service.objects.count(), Service.history.count(),
      Conversation.services.through.objects.count(), DailyConversationCount.objects.count())
"""
