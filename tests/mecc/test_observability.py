"""Operators can probe the service, follow one request through the logs, and receive errors only if they ask to."""

import io
import json
import logging
import os
import subprocess
import sys

import pytest
from django.conf import settings

from mecc import observability

pytestmark = pytest.mark.django_db


def test_liveness_answers_whatever_the_host_header(client):
    # The compose health check calls 127.0.0.1, which a production ALLOWED_HOSTS does not name.
    response = client.get("/health/", HTTP_HOST="127.0.0.1:8000")
    assert response.status_code == 200 and response.text == "ok"
    assert client.get("/privacy/", HTTP_HOST="not-ours.example").status_code == 400  # elsewhere the check stands


def test_readiness_says_which_dependency_is_missing(client, monkeypatch):
    ready = client.get("/ready/", HTTP_HOST="10.0.0.7")
    assert ready.status_code == 200 and ready.json()["ready"] is True
    assert {k: ready.json()[k] for k in ("database", "cache", "broker")} == dict.fromkeys(
        ("database", "cache", "broker"), "ok"
    )

    def no_database():
        raise ConnectionError("database gone")

    monkeypatch.setattr(observability, "_database", no_database)
    down = client.get("/ready/")
    assert down.status_code == 503 and down.json() == {
        "ready": False,
        "database": "unavailable",
        "cache": "ok",
        "broker": "ok",
    }


def test_every_log_line_of_a_request_carries_its_id_as_json(client):
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(observability.RequestIdFilter())
    handler.setFormatter(observability.JsonFormatter())
    django_request = logging.getLogger("django.request")
    django_request.addHandler(handler)
    try:
        response = client.get("/no-such-page/", HTTP_X_REQUEST_ID="proxy-id-42")
    finally:
        django_request.removeHandler(handler)
    assert response.status_code == 404 and response["X-Request-ID"] == "proxy-id-42"
    line = json.loads(stream.getvalue().splitlines()[-1])
    assert line["request_id"] == "proxy-id-42" and "Not Found" in line["message"] and line["level"] == "WARNING"


def test_a_request_id_that_is_not_sane_is_replaced(client):
    response = client.get("/health/", HTTP_X_REQUEST_ID="x" * 200)
    assert len(response.get("X-Request-ID", "")) in (0, 32)  # probes answer first; pages get an id
    page = client.get("/privacy/", HTTP_X_REQUEST_ID="<script>")
    assert page["X-Request-ID"] != "<script>" and len(page["X-Request-ID"]) == 32


def _sentry_client_state(extra_env) -> list[str]:
    env = {k: v for k, v in os.environ.items() if k != "SENTRY_DSN"} | {"DJANGO_SETTINGS_MODULE": "tests.settings"}
    code = (
        "import django, sentry_sdk; django.setup(); c = sentry_sdk.get_client(); "
        "print(c.is_active(), c.options.get('send_default_pii'), c.options.get('max_request_body_size'))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=settings.BASE_DIR, env=env | extra_env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


def test_errors_go_to_sentry_only_with_a_dsn_and_without_personal_data():
    assert _sentry_client_state({})[0] == "False"  # nothing set: nothing leaves the machine
    active, pii, body = _sentry_client_state({"SENTRY_DSN": "https://public@sentry.invalid/1"})
    assert (active, pii, body) == ("True", "False", "never")
