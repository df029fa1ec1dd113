"""The documented backup and restore (scripts/backup.sh, scripts/restore.sh) bring back every record and file:
one row of every model (and the tables Django and allauth add) is backed up from the PostgreSQL test database,
restored into a fresh database, and counted table by table."""

import os
import subprocess
import uuid
from pathlib import Path

import psycopg2
import pytest
from django.conf import settings
from django.db import connection

from tests.conftest import need_service
from tests.test_factories import factories_by_model, project_models

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.services


def url(db, name):
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{name}"


def table_counts(database_url):
    with psycopg2.connect(database_url) as conn, conn.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")
        tables = [row[0] for row in cursor.fetchall()]
        counts = {}
        for table in tables:
            cursor.execute(f'SELECT count(*) FROM "{table}"')  # noqa: S608 - names from the catalogue
            counts[table] = cursor.fetchone()[0]
    conn.close()
    return counts


def test_backup_and_restore_into_a_fresh_database(transactional_db, tmp_path):
    if connection.vendor != "postgresql":
        need_service("DATABASE_URL is not PostgreSQL: this test backs up and restores a PostgreSQL database")
    factories = factories_by_model()
    for model in project_models():
        factories[model]()
    evidence = next(m for m in project_models() if m.__name__ == "EvidenceFile").objects.first()
    db = connection.settings_dict
    source = url(db, db["NAME"])
    fresh = f"mecc_restore_{uuid.uuid4().hex[:8]}"
    media_copy = tmp_path / "restored-media"
    env = {**os.environ, "DATABASE_URL": source, "MEDIA_ROOT": str(settings.MEDIA_ROOT)}
    subprocess.run(["bash", "scripts/backup.sh", str(tmp_path / "backup")], cwd=ROOT, env=env, check=True)  # noqa: S607
    admin = psycopg2.connect(url(db, "postgres"))
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{fresh}"')
    try:
        env = {**os.environ, "DATABASE_URL": url(db, fresh), "MEDIA_ROOT": str(media_copy)}
        subprocess.run(["bash", "scripts/restore.sh", str(tmp_path / "backup")], cwd=ROOT, env=env, check=True)  # noqa: S607
        before, after = table_counts(source), table_counts(url(db, fresh))
        assert before == after
        for model in project_models():
            assert after[model._meta.db_table] >= 1, model._meta.label  # every model's row came back
        assert (media_copy / evidence.file.name).read_bytes() == evidence.file.open("rb").read()
    finally:
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{fresh}" WITH (FORCE)')
        admin.close()
