"""With Redis stopped (here: the cache and the broker pointed at a port where nothing listens), conversations are
still logged, pages still render, and work for Celery is kept or clearly refused instead of a server error."""

import pytest
from django.core.cache import cache as live
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from redis.exceptions import ConnectionError as RedisConnectionError

from contacts.models import Conversation, ConversationImport
from evaluation.models import EvaluationReport
from mecc.celery import app as celery_app
from organisations.models import Invitation
from organisations.roles import Role
from tests.contacts.test_conversations import form_defaults, log_url
from tests.organisations.factories import OrganisationFactory

pytestmark = pytest.mark.django_db
DEAD_REDIS = "redis://127.0.0.1:1/0"  # port 1: connection refused at once


@pytest.fixture
def redis_down(monkeypatch):
    cache = {"default": {"BACKEND": "common.cache.ResilientRedisCache", "LOCATION": DEAD_REDIS,
                         "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1}}}  # fmt: skip
    monkeypatch.setitem(celery_app.conf, "task_always_eager", False)
    monkeypatch.setitem(celery_app.conf, "broker_url", DEAD_REDIS)
    monkeypatch.setitem(celery_app.conf, "broker_connection_retry", False)
    monkeypatch.setattr(celery_app, "_pool", None)  # forget any connection pool made for another broker
    monkeypatch.setattr(celery_app.amqp, "_producer_pool", None)
    with override_settings(CACHES=cache):
        with pytest.raises(RedisConnectionError):
            live._cache.get_client().ping()  # nothing listens: the cache really is down
        yield


@pytest.fixture
def trust():
    return OrganisationFactory(staff_headcount=500)


def test_frontline_logs_a_conversation_and_pages_render(client, redis_down, make_member, trust):
    frontline = make_member(Role.FRONTLINE, trust)
    client.force_login(frontline.user)
    data = form_defaults(client, frontline) | {"topics": ["smoking"], "outcomes": ["information"]}
    assert client.post(log_url(frontline), data).status_code == 302
    assert Conversation.objects.filter(organisation=trust).count() == 1
    manager = make_member(Role.ORG_ADMIN, trust)
    client.force_login(manager.user)
    for name in ("evaluation:summary", "contacts:conversations", "evaluation:sc8_own", "organisations:home"):
        assert client.get(reverse(name, args=[trust.slug])).status_code == 200, name


def test_a_report_request_is_kept_queued(client, redis_down, make_member, trust, django_capture_on_commit_callbacks):
    lead = make_member(Role.IMPLEMENTATION_LEAD, trust)
    client.force_login(lead.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("evaluation:reports", args=[trust.slug]), {"period": "custom",
                               "start": "01/04/2026", "end": "30/06/2026"})  # fmt: skip
    assert response.status_code == 302
    report = EvaluationReport.objects.get()
    assert report.status == "queued"
    assert "Waiting to start" in client.get(response.url).content.decode()


def test_an_import_is_refused_with_a_message(
    client, redis_down, make_member, trust, django_capture_on_commit_callbacks
):
    lead = make_member(Role.IMPLEMENTATION_LEAD, trust)
    client.force_login(lead.user)
    upload = SimpleUploadedFile("forms.csv", b"date,topics,outcomes\n2026-01-05,smoking,information\n", "text/csv")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("contacts:import", args=[trust.slug]), {"file": upload, "mode": "all"})
    job = ConversationImport.objects.get()
    assert job.status == "failed" and "task queue is unavailable" in job.message
    assert "task queue is unavailable" in client.get(response.url).content.decode()


def test_an_invitation_is_saved_for_resending(
    client, redis_down, make_member, trust, django_capture_on_commit_callbacks
):
    admin = make_member(Role.ORG_ADMIN, trust)
    client.force_login(admin.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("organisations:invitations", args=[trust.slug]),
                               {"email": "new.person@example.nhs.uk", "role": "frontline"})  # fmt: skip
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.send_count == 0 and invitation.sent_at is None
