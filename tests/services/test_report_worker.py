"""Evaluation reports on real Celery workers with Redis and PostgreSQL: one builds a report whose PDF text carries
the test data's figures; another is killed mid-build and the next worker finishes the report.

CI sets DATABASE_URL and REDIS_URL; without them these tests fail there (and skip locally).
"""

import io
import time

import pytest
from django.utils import timezone
from pypdf import PdfReader

from common import periods
from contacts.services import record_conversation
from evaluation import reports
from evaluation.models import EvaluationReport
from organisations.roles import Role
from tests.organisations.factories import MembershipFactory, OrganisationFactory, TeamFactory
from tests.services.workers import celery_worker, kill, spawn, stop

pytestmark = pytest.mark.services
TODAY = timezone.localdate()


def log(member, count, team, topics, outcomes):
    for _ in range(count):
        record_conversation(
            organisation=member.organisation,
            recorded_by=member.user,
            data={
                "occurred_on": TODAY,
                "team": team,
                "contact_type": "service_user",
                "raised_by": "staff",
                "intervention_level": "brief",
                "topics": topics,
                "outcomes": outcomes,
            },
        )


def wait_for(report, statuses, process, log_path, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        report.refresh_from_db()
        if report.status in statuses:
            return report
        if process.poll() is not None:
            pytest.fail("The Celery worker exited:\n" + log_path.read_text())
        time.sleep(0.25)
    pytest.fail(f"Report still {report.status} after {timeout} s:\n" + log_path.read_text())


@pytest.fixture
def lead(transactional_db):
    trust = OrganisationFactory(name="Eastmoor Community Trust", staff_headcount=2000)
    return MembershipFactory(organisation=trust, role=Role.IMPLEMENTATION_LEAD)


def test_a_real_worker_builds_the_report_with_the_test_data(tmp_path, lead):
    clinic = TeamFactory(organisation=lead.organisation, name="Foot clinic")
    log(lead, 14, clinic, ["smoking"], ["signposted"])
    log(lead, 9, None, ["alcohol", "diet"], ["information"])
    period = periods.quarter_of(TODAY)
    with celery_worker(tmp_path) as worker:
        report = reports.request_report(organisation=lead.organisation, requested_by=lead.user, period=period)
        wait_for(report, {"ready", "failed"}, worker["process"], worker["log"])
        assert report.status == "ready", report.error + worker["log"].read_text()
        with report.file.open("rb") as handle:
            text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(handle.read())).pages)
        assert "Eastmoor Community Trust" in text and period.label in text
        assert "23\nconversations recorded" in text
        assert "Smoking 14" in text and "Alcohol 9" in text and "Diet and healthy eating 9" in text
        assert "Signposted 14" in text and "Foot clinic 14" in text
        assert f"Page {report.page_count} of {report.page_count}" in text
        emails = list(worker["outbox"].iterdir())
        assert len(emails) == 1 and lead.user.email in emails[0].read_text()


def test_a_worker_killed_mid_report_leaves_it_to_the_next_worker(tmp_path, lead):
    """The first worker pauses inside the build (REPORT_FAULT_PAUSE_SECONDS) and is SIGKILLed there. Its message
    was never acknowledged (acks_late), so Redis hands it to the next worker once the visibility timeout passes."""
    log(lead, 6, None, ["smoking"], ["information"])
    with celery_worker(tmp_path, REPORT_FAULT_PAUSE_SECONDS="60") as first:
        report = reports.request_report(
            organisation=lead.organisation, requested_by=lead.user, period=periods.quarter_of(TODAY)
        )
        wait_for(report, {"running"}, first["process"], first["log"])
        kill(first["process"])
        assert report.status == "running" and report.attempts == 1
        second = spawn(
            tmp_path, first["queue"], log_name="second.log", CELERY_VISIBILITY_TIMEOUT="3",
            CELERY_RESTORE_INTERVAL="1", CELERY_RESTORE_THROTTLE="1",
        )  # fmt: skip
        try:
            wait_for(report, {"ready", "failed"}, second, tmp_path / "second.log", timeout=90)
        finally:
            stop(second)
    assert report.status == "ready" and report.attempts == 2, (tmp_path / "second.log").read_text()
    assert EvaluationReport.objects.count() == 1 and report.page_count > 1
