"""A real Celery worker, started as its own process against Redis and PostgreSQL, sends the invitation email.

Needs REDIS_URL and a PostgreSQL DATABASE_URL (the worker must reach the test database); CI sets both and this
test then fails rather than skips if either is missing.
"""

import re
import time
from pathlib import Path

import pytest
from django.core.files.base import ContentFile

from contacts.models import Conversation, ConversationImport
from contacts.tasks import run_conversation_import
from organisations import services
from organisations.models import Invitation
from organisations.roles import Role
from tests.organisations.factories import MembershipFactory
from tests.services.workers import celery_worker

pytestmark = pytest.mark.services


@pytest.fixture
def worker(tmp_path, transactional_db):
    with celery_worker(tmp_path) as started:
        yield started


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


def wait_for_log(text: str, process, log: Path, timeout=30):
    """The worker logs a task's success after it returns: wait for it before reading what the task wrote."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if text in log.read_text():
            return
        if process.poll() is not None:
            pytest.fail("The Celery worker exited:\n" + log.read_text())
        time.sleep(0.1)
    pytest.fail(f"The worker never logged {text!r}:\n" + log.read_text())


def test_invitation_email_is_sent_by_a_real_worker(worker, client):
    admin = MembershipFactory(role=Role.ORG_ADMIN)
    invitation = services.create_invitation(
        organisation=admin.organisation, invited_by=admin.user, email="via.worker@example.nhs.uk", role=Role.TRAINER
    )
    files = wait_for_files(worker["outbox"], worker["process"], worker["log"])
    wait_for_log("succeeded", worker["process"], worker["log"])
    message = files[0].read_text()
    assert "To: via.worker@example.nhs.uk" in message
    assert admin.organisation.name in message
    invitation.refresh_from_db()
    assert invitation.send_count == 1 and invitation.sent_at is not None
    # The link the worker wrote opens the invitation in this process: same signing key, same database.
    path = re.search(r"https?://[^/\s]+(/invitations/[^\s]+/)", message).group(1)
    assert client.get(path).status_code == 200
    assert Invitation.objects.get(pk=invitation.pk).is_pending


def test_conversation_import_runs_on_a_real_worker(worker):

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
