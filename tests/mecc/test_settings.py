"""The settings module read from the environment, checked in fresh processes with the production module."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CONTROLLED = (
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DATABASE_URL",
    "REDIS_URL",
    "EMAIL_URL",
    "SECURE_TRANSPORT",
    "STATICFILES_STORAGE",
    "CELERY_TASK_ALWAYS_EAGER",
    "DJANGO_ALLOW_ASYNC_UNSAFE",  # set by the browser tests for their own process only
)

PRODUCTION = {
    "SECRET_KEY": "a-long-random-production-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
    "ALLOWED_HOSTS": "mecc.example.nhs.uk",
}

PROBE = """
import json, django
from django.conf import settings
django.setup()
print(json.dumps({
    "engine": settings.DATABASES["default"]["ENGINE"],
    "cache": settings.CACHES["default"]["BACKEND"],
    "broker": settings.CELERY_BROKER_URL,
    "eager": settings.CELERY_TASK_ALWAYS_EAGER,
    "email": settings.EMAIL_BACKEND,
    "debug": settings.DEBUG,
    "mfa_required": settings.MFA_REQUIRED_FOR_PRIVILEGED_ROLES,
    "session_idle": settings.SESSION_COOKIE_AGE if settings.SESSION_SAVE_EVERY_REQUEST else None,
}))
"""


def run(args, **env):
    clean = {k: v for k, v in os.environ.items() if k not in CONTROLLED}
    clean["DJANGO_SETTINGS_MODULE"] = "mecc.settings"
    clean.update(env)
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=120)


def probe(**env):
    result = run(["-c", PROBE], **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_nothing_set_but_debug_runs_on_the_embedded_default():
    config = probe(DEBUG="true")
    assert config["engine"] == "django.db.backends.sqlite3"
    assert config["cache"].endswith("LocMemCache")
    assert config["eager"] is True and config["broker"] == "memory://"
    assert config["email"].endswith("console.EmailBackend")


def test_database_and_redis_urls_switch_to_postgresql_and_redis():
    config = probe(
        DEBUG="true", DATABASE_URL="postgres://postgres@127.0.0.1:5432/mecc", REDIS_URL="redis://127.0.0.1:6379/3"
    )
    assert config["engine"] == "django.db.backends.postgresql"
    assert config["cache"] == "common.cache.ResilientRedisCache"  # a Redis outage degrades, never fails a page
    assert config["broker"] == "redis://127.0.0.1:6379/3" and config["eager"] is False


def test_debug_is_off_unless_set():
    assert probe(**PRODUCTION)["debug"] is False


def test_production_requires_mfa_for_privileged_roles_and_ends_idle_sessions():
    config = probe(**PRODUCTION)
    assert config["mfa_required"] is True and config["session_idle"] == 30 * 60
    assert probe(DEBUG="true")["mfa_required"] is False  # the make-run demo


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS"])
def test_missing_secret_key_or_allowed_hosts_stops_start_up_with_a_clear_message(missing):
    env = {k: v for k, v in PRODUCTION.items() if k != missing}
    result = run(["manage.py", "check"], **env)
    assert result.returncode != 0
    assert f"{missing} must be set when DEBUG is off" in result.stderr


def test_check_deploy_prints_no_warnings_with_production_environment():
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
