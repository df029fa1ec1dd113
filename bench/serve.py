"""The app as production runs it, started for the benchmark: gunicorn (DEBUG off) and a Celery worker on Redis.

Also signs the benchmark's people in (a real session in the session store, and a CSRF cookie) and runs the load
generator (bench/load.py) in its own process.
"""

import json
import os
import secrets
import signal
import string
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
HOST = "127.0.0.1"


class Process:
    """A child process in its own process group, stopped (with everything it forked) on exit."""

    def __init__(self, command: list[str], env: dict, log: Path):
        self.command, self.env, self.log = command, env, log

    def __enter__(self):
        self.handle = subprocess.Popen(  # noqa: S603 - our own binaries and arguments
            self.command, cwd=ROOT, env=self.env, stdout=self.log.open("w"), stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        return self

    def __exit__(self, *exc):
        try:
            os.killpg(self.handle.pid, signal.SIGTERM)
            self.handle.wait(timeout=30)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(self.handle.pid, signal.SIGKILL)


class Gunicorn(Process):
    def __init__(self, env: dict, port: int, workers: int, log: Path):
        self.port, self.workers = port, workers
        command = [str(BIN / "gunicorn"), "mecc.wsgi", "--bind", f"{HOST}:{port}", "--workers", str(workers)]
        super().__init__(command + ["--backlog", "256", "--access-logfile", "-"], env, log)

    def __enter__(self):
        super().__enter__()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://{HOST}:{self.port}/health/", timeout=2) as response:  # noqa: S310
                    if response.status == 200:
                        return self
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"gunicorn did not answer on port {self.port}; see {self.log}")


class CeleryWorker(Process):
    def __init__(self, env: dict, log: Path):
        command = [str(BIN / "celery"), "-A", "mecc", "worker", "-l", "warning", "--concurrency", "1"]
        super().__init__(command + ["--without-gossip", "--without-mingle", "--without-heartbeat"], env, log)


def csrf_secret() -> str:
    alphabet = string.ascii_letters + string.digits
    return "".join(secrets.choice(alphabet) for _ in range(32))


def signed_in(user_id: int) -> dict:
    """A session for the user, stored where gunicorn's workers look for it, and a CSRF token, as cookies."""
    from django.conf import settings
    from django.test import Client

    from organisations.models import User

    client = Client()
    client.force_login(User.objects.get(pk=user_id))
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    token = csrf_secret()  # Django accepts the unmasked secret in the form when it matches the cookie
    return {"cookie": f"{settings.SESSION_COOKIE_NAME}={session}; {settings.CSRF_COOKIE_NAME}={token}", "csrf": token}


def load(spec: dict) -> dict:
    """Run the load generator in its own process and return what it measured."""
    done = subprocess.run(  # noqa: S603 - our own script
        [sys.executable, "-m", "bench.load"], input=json.dumps(spec), capture_output=True, text=True, cwd=ROOT,
        check=True,
    )  # fmt: skip
    return json.loads(done.stdout)


def group_memory_mb(group: int) -> dict:
    """The largest resident size now (VmRSS) and ever (VmHWM) among the processes of a process group, in MB: a
    Celery worker's child or a gunicorn worker is the process that did the work."""
    rss, peak = 0.0, 0.0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            if int(stat.rsplit(")", 1)[1].split()[2]) != group:  # fields after the name: state, ppid, pgrp
                continue
            status = (entry / "status").read_text()
        except (OSError, ValueError, IndexError):
            continue  # the process ended while we looked
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        rss = max(rss, int(fields.get("VmRSS", "0 kB").split()[0]) / 1024)
        peak = max(peak, int(fields.get("VmHWM", "0 kB").split()[0]) / 1024)
    return {"rss_mb": round(rss, 1), "peak_mb": round(peak, 1)}
