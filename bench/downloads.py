"""The benchmark's figures for charts, downloads and the import's memory, each against its goal or the naive
alternative in the same run.

- charts: each kind of SVG chart rendered in this process, against the same figures rendered as the HTML table
  that sits beside every chart;
- CSV download of the conversation log, streamed through gunicorn: time to the last byte and how much the gunicorn
  worker's memory grew while it streamed;
- XLSX download of the same rows, asked for through the page and built by a fresh Celery worker: time from asking
  to ready and the worker's peak memory, against the old in-request export (django-tables2 + tablib) of the same
  rows in a process of its own;
- the organisation's all-data archive, asked for through the page and built by a fresh worker;
- a CSV import of just under the 20 MB upload limit through the page, in a fresh worker: its peak memory.
"""

import datetime
import json
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

from bench import serve
from bench.generate import World


def _timed(render, runs: int) -> dict:
    render()  # the template is compiled and cached on the first render, as in a running server
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        render()
        samples.append((time.perf_counter() - start) * 1000)
    ordered = sorted(samples)
    return {"p50": round(statistics.median(ordered), 3), "p95": round(ordered[round(0.95 * (runs - 1))], 3)}


def charts(runs: int) -> dict:
    """Render time of each chart a page or report draws, with a year of weekly figures, and of its figures table."""
    from django.template import engines

    from common import charts as svg
    from common import spc

    weeks = [(datetime.date(2026, 1, 5) + datetime.timedelta(weeks=n)).strftime("%-d %b") for n in range(52)]
    counts = [400 + (n * 37) % 90 + (60 if n > 40 else 0) for n in range(52)]
    topics = [f"Topic number {n}" for n in range(12)]
    table = engines["django"].from_string(
        '<table class="nhsuk-table"><caption>{{ label }}</caption><tbody>{% for name, value in rows %}'
        '<tr class="nhsuk-table__row"><th scope="row">{{ name }}</th><td>{{ value }}</td></tr>{% endfor %}'
        "</tbody></table>"
    )  # fmt: skip
    results = {
        "horizontal bars, 12 topics": _timed(lambda: svg.horizontal_bars(topics, counts[:12], "Topics"), runs),
        "columns, 52 weeks": _timed(lambda: svg.columns_over_time(weeks, counts, "Weeks", 4, True), runs),
        "line, 52 weeks": _timed(lambda: svg.line_over_time(weeks, counts, "Coverage"), runs),
        "SPC (XmR and rules), 52 weeks": _timed(lambda: svg.spc_chart(spc.xmr(weeks, counts), "SPC"), runs),
    }
    results["ceiling: the figures table, 52 rows"] = _timed(
        lambda: table.render({"label": "Weeks", "rows": list(zip(weeks, counts, strict=True))}), runs
    )
    return results


def _date_from_for(world: World, rows: int) -> tuple[str, int]:
    """The earliest day from which the large provider's log holds at most `rows` conversations, and how many."""
    from django.db.models import Sum

    from contacts.models import DailyConversationCount

    per_day = (
        DailyConversationCount.objects.filter(organisation_id=world.large_id, dimension="all")
        .values("day").annotate(n=Sum("count")).order_by("-day")
    )  # fmt: skip
    total, earliest = 0, datetime.date.today()
    for row in per_day:
        if total + row["n"] > rows:
            break
        total, earliest = total + row["n"], row["day"]
    return earliest.isoformat(), total


def _get(port: int, path: str, cookie: str, method: str = "GET", data: bytes | None = None):
    from bench.measures import NoRedirect

    request = urllib.request.Request(  # noqa: S310 - our own server on 127.0.0.1
        f"http://{serve.HOST}:{port}{path}", method=method, data=data,
        headers={"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"},
    )  # fmt: skip
    return urllib.request.build_opener(NoRedirect).open(request, timeout=600)


def csv_download(world: World, port: int, gunicorn_group: int, rows: int) -> dict:
    from django.urls import reverse

    from bench.measures import _users

    lead = _users([(world.people[(world.large_slug, "implementation_lead")], {})])[0]
    date_from, expected = _date_from_for(world, rows)
    path = reverse("contacts:conversations", args=[world.large_slug]) + f"?_export=csv&date_from={date_from}"
    baseline = serve.group_memory_mb(gunicorn_group)["rss_mb"]
    highest, done = [baseline], threading.Event()

    def sample():
        while not done.is_set():
            highest.append(serve.group_memory_mb(gunicorn_group)["rss_mb"])
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    start = time.perf_counter()
    sampler.start()
    size, lines = 0, 0
    with _get(port, path, lead["cookie"]) as response:
        assert response.status == 200, response.status
        while chunk := response.read(1 << 16):
            size += len(chunk)
            lines += chunk.count(b"\n")
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    return {"rows_expected": expected, "rows": lines - 1, "bytes": size, "seconds": round(seconds, 2),
            "worker_rss_growth_mb": round(max(highest) - baseline, 1), "date_from": date_from}  # fmt: skip


def _follow(job_model, pk: int, timeout: float, start: float):
    job = job_model.objects.get(pk=pk)
    while job.status not in ("ready", "failed") and time.perf_counter() - start < timeout:
        time.sleep(0.2)
        job.refresh_from_db()
    return job


def xlsx_download(world: World, port: int, env: dict, logs: Path, date_from: str) -> dict:
    """Asked for through the log page, built by a fresh worker, fetched from its download URL."""
    from django.urls import reverse

    from bench.measures import _users
    from organisations.models import ExportJob

    lead = _users([(world.people[(world.large_slug, "implementation_lead")], {})])[0]
    path = reverse("contacts:conversations", args=[world.large_slug]) + f"?_export=xlsx&date_from={date_from}"
    with serve.CeleryWorker(env, logs / "celery-xlsx.log") as worker:
        start = time.perf_counter()
        with _get(port, path, lead["cookie"]) as response:
            assert response.status == 302, response.status
            pk = int(response.headers["Location"].rstrip("/").rsplit("/", 1)[1])
        job = _follow(ExportJob, pk, 300, start)
        seconds = time.perf_counter() - start
        memory = serve.group_memory_mb(worker.handle.pid)
    download = reverse("organisations:export_download", args=[world.large_slug, pk])
    with _get(port, download, lead["cookie"]) as response:
        size = len(response.read())
    return {"status": job.status, "rows": job.rows_written, "seconds_asked_to_ready": round(seconds, 2),
            "worker_peak_mb": memory["peak_mb"], "bytes": size}  # fmt: skip


def naive_xlsx(world: World, env: dict, date_from: str) -> dict:
    """The export as it was: django-tables2 and tablib building the whole workbook in memory, in its own process."""
    start = time.perf_counter()
    done = subprocess.run(  # noqa: S603 - our own module
        [sys.executable, "-m", "bench.export_probe", str(world.large_id), date_from], env=env, capture_output=True,
        text=True, check=True, cwd=serve.ROOT,
    )  # fmt: skip
    outcome = json.loads(done.stdout.strip().splitlines()[-1])
    return {**outcome, "seconds_with_start_up": round(time.perf_counter() - start, 2)}


def archive_download(world: World, port: int, env: dict, logs: Path) -> dict:
    from django.urls import reverse

    from bench.measures import _users
    from organisations.models import ExportJob

    admin = _users([(world.people[(world.large_slug, "org_admin")], {})])[0]
    path = reverse("organisations:data_export", args=[world.large_slug])
    with serve.CeleryWorker(env, logs / "celery-archive.log") as worker:
        start = time.perf_counter()
        with _get(port, path, admin["cookie"], "POST", f"csrfmiddlewaretoken={admin['csrf']}".encode()) as response:
            assert response.status == 302, response.status
            pk = int(response.headers["Location"].rstrip("/").rsplit("/", 1)[1])
        job = _follow(ExportJob, pk, 900, start)
        seconds = time.perf_counter() - start
        memory = serve.group_memory_mb(worker.handle.pid)
    return {"status": job.status, "records": job.rows_written, "bytes": job.size,
            "seconds_asked_to_ready": round(seconds, 2), "worker_peak_mb": memory["peak_mb"]}  # fmt: skip


def import_memory(world: World, port: int, env: dict, logs: Path, target_bytes: int) -> dict:
    """A CSV of paper forms just under `target_bytes`, imported through the page by a fresh worker."""
    from bench import measures

    rows = max(100, target_bytes // 115)
    while len(measures._paper_forms(world, rows)) > target_bytes:
        rows = int(rows * 0.97)
    with serve.CeleryWorker(env, logs / "celery-import-memory.log") as worker:
        result = measures.import_csv(world, port, rows, timeout=600)
        result["worker_peak_mb"] = serve.group_memory_mb(worker.handle.pid)["peak_mb"]
    return result
