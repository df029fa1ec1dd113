"""The compose topology's commands and health checks, run by hand as the README describes (there is no Docker engine
here): gunicorn with a public ALLOWED_HOSTS answers the health check the compose file sends to 127.0.0.1, readiness
asks the database, cache and broker, and beat keeps its schedule in the file its health check looks for."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.db import connection

from tests.conftest import need_service
from tests.services.test_postgres_restart import free_port, get, wait_for

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.services


def production_env(**extra) -> dict:
    db = connection.settings_dict
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "mecc.settings",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "DEBUG": "false",
        "SECRET_KEY": settings.SECRET_KEY,
        "ALLOWED_HOSTS": "mecc.example.org",  # a public name, as in production: not 127.0.0.1
        "SECURE_TRANSPORT": "true",
        "TRUSTED_PROXY_COUNT": "1",
        **extra,
    }


def test_the_web_health_checks_pass_with_a_public_host_name(transactional_db, tmp_path):
    if connection.vendor != "postgresql" or not os.environ.get("REDIS_URL"):
        need_service("the production topology needs PostgreSQL (DATABASE_URL) and Redis (REDIS_URL)")
    port = free_port()
    log = open(tmp_path / "gunicorn.log", "w")  # noqa: SIM115 - closed below
    app = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "mecc.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        cwd=ROOT, env=production_env(), stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        # The compose health check: urllib to 127.0.0.1 with no Host of ours, over plain HTTP.
        assert wait_for(lambda: get(f"http://127.0.0.1:{port}/health/") == 200), (tmp_path / "gunicorn.log").read_text()
        assert get(f"http://127.0.0.1:{port}/ready/") == 200
        assert get(f"http://127.0.0.1:{port}/privacy/") == 400  # every other page still checks the Host header
    finally:
        app.terminate()
        app.wait(timeout=20)
        log.close()


def test_beat_writes_the_schedule_file_its_health_check_looks_for(tmp_path):
    if not os.environ.get("REDIS_URL"):
        need_service("Celery beat needs the broker (REDIS_URL)")
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]["beat"]
    schedule = compose["command"].split("--schedule ")[1].split()[0]
    assert f"ls {schedule}*" in " ".join(compose["healthcheck"]["test"]) and schedule.startswith("/var/lib/celery/")
    here = tmp_path / Path(schedule).name
    beat = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "mecc", "beat", "--schedule", str(here), "--loglevel", "info"],
        cwd=ROOT, env=production_env(ALLOWED_HOSTS="localhost"), stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        # `ls <schedule>*`, as the compose health check runs it: shelve adds a suffix with some dbm modules.
        assert wait_for(lambda: list(tmp_path.glob(f"{here.name}*")), timeout=30)
    finally:
        beat.terminate()
        beat.wait(timeout=20)
    time.sleep(0.1)
    assert list(
        tmp_path.glob(f"{here.name}*")
    )  # it stays after beat stops: on the compose volume it outlives a redeploy
