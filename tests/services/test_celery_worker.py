"""A real Celery worker, started as its own process against Redis and PostgreSQL, sends the invitation email.

Needs REDIS_URL and a PostgreSQL DATABASE_URL (the worker must reach the test database); CI sets both and this
test then fails rather than skips if either is missing.
"""

import os
import re
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from mecc.celery import app as celery_app
from organisations import services
from organisations.models import Invitation
from organisations.roles import Role
from tests.conftest import need_service
from tests.organisations.factories import MembershipFactory

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.services


@pytest.fixture
def worker(tmp_path, transactional_db):
    if not settings.REDIS_URL:
        need_service("REDIS_URL is not set: a real Celery worker needs Redis")
    if connection.vendor != "postgresql":
        need_service("DATABASE_URL is not PostgreSQL: the worker process cannot share an in-memory SQLite database")
    queue = f"test-{uuid.uuid4().hex[:12]}"
    db = connection.settings_dict
    outbox = tmp_path / "outbox"
    outbox.mkdir()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "mecc.settings",
        "DEBUG": "false",
        "SECRET_KEY": settings.SECRET_KEY,
        "ALLOWED_HOSTS": "localhost",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "REDIS_URL": settings.REDIS_URL,
        "EMAIL_URL": f"filemail:///{outbox}",  # environ needs four slashes for an absolute path
        "CELERY_TASK_DEFAULT_QUEUE": queue,
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),  # uploads are shared with the worker, as the compose volume does
    }
    log = open(tmp_path / "worker.log", "w")  # noqa: SIM115 - closed in the finaliser below
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "mecc", "worker", "--pool", "solo", "-Q", queue, "-l", "info"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    old = (celery_app.conf.task_always_eager, celery_app.conf.task_default_queue)
    celery_app.conf.task_always_eager = False
    celery_app.conf.task_default_queue = queue
    try:
        yield {"outbox": outbox, "log": tmp_path / "worker.log", "process": process}
    finally:
        celery_app.conf.task_always_eager, celery_app.conf.task_default_queue = old
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def wait_for_files(folder: Path, process, log: Path, timeout=90):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        files = list(folder.iterdir())
        if files:
            return files
        if process.poll() is not None:
            pytest.fail("The Celery worker exited:\n" + log.read_text())
        time.sleep(0.25)
    pytest.fail("No email from the worker in time:\n" + log.read_text())


def test_invitation_email_is_sent_by_a_real_worker(worker, client):
    admin = MembershipFactory(role=Role.ORG_ADMIN)
    invitation = services.create_invitation(
        organisation=admin.organisation, invited_by=admin.user, email="via.worker@example.nhs.uk", role=Role.TRAINER
    )
    files = wait_for_files(worker["outbox"], worker["process"], worker["log"])
    message = files[0].read_text()
    assert "To: via.worker@example.nhs.uk" in message
    assert admin.organisation.name in message
    invitation.refresh_from_db()
    assert invitation.send_count == 1 and invitation.sent_at is not None
    assert "succeeded" in worker["log"].read_text()
    # The link the worker wrote opens the invitation in this process: same signing key, same database.
    path = re.search(r"https?://[^/\s]+(/invitations/[^\s]+/)", message).group(1)
    assert client.get(path).status_code == 200
    assert Invitation.objects.get(pk=invitation.pk).is_pending


def test_conversation_import_runs_on_a_real_worker(worker):
    from django.core.files.base import ContentFile

    from evaluation.models import Conversation, ConversationImport
    from evaluation.tasks import run_conversation_import

    lead = MembershipFactory(role=Role.IMPLEMENTATION_LEAD)
    rows = "date,topics,outcomes\n" + "2026-01-05,smoking,information\n" * 3 + "2026-01-06,,\n"
    job = ConversationImport.objects.create(
        organisation=lead.organisation,
        uploaded_by=lead.user,
        file=ContentFile(rows.encode(), name="paper.csv"),
        original_name="paper.csv",
        sha256="-",
        mode=ConversationImport.Mode.VALID_ONLY,
    )
    run_conversation_import.delay(job.pk)
    deadline = time.monotonic() + 90
    while not job.finished and time.monotonic() < deadline:
        if worker["process"].poll() is not None:
            pytest.fail("The Celery worker exited:\n" + worker["log"].read_text())
        time.sleep(0.25)
        job.refresh_from_db()
    assert job.status == "done", worker["log"].read_text()
    assert (job.imported_rows, job.rejected_count) == (3, 1)
    assert Conversation.objects.filter(organisation=lead.organisation).count() == 3
