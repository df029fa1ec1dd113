"""Real Celery workers for the service tests: separate processes against the test's PostgreSQL and Redis."""

import contextlib
import os
import signal
import subprocess
import sys
import uuid
from pathlib import Path

from django.conf import settings
from django.db import connection

from mecc.celery import app as celery_app
from tests.conftest import need_service

ROOT = Path(__file__).resolve().parents[2]


def require_services():
    if not settings.REDIS_URL:
        need_service("REDIS_URL is not set: a real Celery worker needs Redis")
    if connection.vendor != "postgresql":
        need_service("DATABASE_URL is not PostgreSQL: the worker process cannot share an in-memory SQLite database")


def worker_env(tmp_path: Path, queue: str, **extra) -> dict:
    db = connection.settings_dict
    outbox = tmp_path / "outbox"
    outbox.mkdir(exist_ok=True)
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "mecc.settings",
        "DEBUG": "false",
        "SECRET_KEY": settings.SECRET_KEY,
        "ALLOWED_HOSTS": "localhost",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "REDIS_URL": settings.REDIS_URL,
        "EMAIL_URL": f"filemail:///{outbox}",  # environ needs four slashes for an absolute path
        "CELERY_TASK_DEFAULT_QUEUE": queue,
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),  # files are shared with the worker, as the compose volume does
        **extra,
    }


def spawn(tmp_path: Path, queue: str, log_name="worker.log", **extra) -> subprocess.Popen:
    log = open(tmp_path / log_name, "w")  # noqa: SIM115 - the child keeps it; closed when the test's tmp goes
    return subprocess.Popen(
        # Its queue and that queue's reports queue (mecc.celery.route_task), as the two compose workers share them.
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "mecc",
            "worker",
            "--pool",
            "solo",
            "-Q",
            f"{queue},{queue}-reports",
            "-l",
            "info",
        ],  # fmt: skip
        cwd=ROOT,
        env=worker_env(tmp_path, queue, **extra),
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group, so a test can kill it outright
    )


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            kill(process)


def kill(process: subprocess.Popen) -> None:
    """SIGKILL the whole worker: no warm shutdown, no chance to acknowledge or give back its message."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=20)


@contextlib.contextmanager
def celery_worker(tmp_path: Path, **extra):
    """One worker on a queue of its own; this process sends tasks to that queue instead of running them eagerly."""
    require_services()
    queue = f"test-{uuid.uuid4().hex[:12]}"
    process = spawn(tmp_path, queue, **extra)
    old = (celery_app.conf.task_always_eager, celery_app.conf.task_default_queue)
    celery_app.conf.task_always_eager = False
    celery_app.conf.task_default_queue = queue
    try:
        yield {"outbox": tmp_path / "outbox", "log": tmp_path / "worker.log", "process": process, "queue": queue}
    finally:
        celery_app.conf.task_always_eager, celery_app.conf.task_default_queue = old
        stop(process)
