"""PostgreSQL restarts under a running app (gunicorn, as in production) and the app recovers by itself: the
first request after the database is back succeeds, with no restart of the app (CONN_HEALTH_CHECKS).

Restarts the machine's PostgreSQL cluster with pg_ctlcluster, so it needs root on a Debian-style install; CI has
both, and this test then fails rather than skips when it cannot."""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from tests.conftest import need_service

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.services


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - our own app on loopback
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return None


def wait_for(predicate, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.25)
    return False


def postgres_accepts():
    return subprocess.run(["pg_isready", "-h", "127.0.0.1", "-p", "5432"], capture_output=True).returncode == 0  # noqa: S607


def test_the_app_recovers_after_postgresql_restarts(transactional_db, tmp_path):
    if connection.vendor != "postgresql":
        need_service("DATABASE_URL is not PostgreSQL")
    clusters = sorted(os.listdir("/etc/postgresql")) if os.path.isdir("/etc/postgresql") else []
    if not clusters or not shutil.which("pg_ctlcluster") or os.geteuid() != 0:
        need_service("restarting PostgreSQL needs pg_ctlcluster and root")
    db = connection.settings_dict
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "mecc.settings",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "DEBUG": "false",
        "SECRET_KEY": settings.SECRET_KEY,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_TRANSPORT": "false",
        "CONN_MAX_AGE": "600",  # keep connections, so the restart really breaks one the app holds
    }
    log = open(tmp_path / "gunicorn.log", "w")  # noqa: SIM115 - closed below
    app = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "mecc.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    health = f"http://127.0.0.1:{port}/ready/"  # readiness asks the database; liveness does not
    try:
        assert wait_for(lambda: get(health) == 200), (tmp_path / "gunicorn.log").read_text()
        connection.close()  # this test process's own connection would break too
        subprocess.run(["pg_ctlcluster", clusters[-1], "main", "restart"], check=True, timeout=120)  # noqa: S607
        assert wait_for(postgres_accepts)
        assert get(health) == 200, (tmp_path / "gunicorn.log").read_text()  # the first request after the restart
        assert app.poll() is None  # the same app process throughout
    finally:
        app.terminate()
        app.wait(timeout=20)
        log.close()
        connection.close()
