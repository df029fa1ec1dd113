"""`make bench` works end to end: a tiny run of the whole harness (its own database, gunicorn, the load generator,
pgbench, a Celery worker for the import, the report in a fresh process, query counts), checked for completeness
and correctness, never for speed: speed is measured by `make bench` itself (docs/performance.md)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import psycopg2
import pytest

from tests.conftest import need_service

pytestmark = pytest.mark.services
ROOT = Path(__file__).resolve().parents[2]


def test_a_smoke_run_measures_every_figure_and_leaves_nothing_behind(tmp_path):
    database, redis_url = os.environ.get("DATABASE_URL", ""), os.environ.get("REDIS_URL", "")
    if not database.startswith("postgres") or not redis_url:
        need_service("the benchmark needs PostgreSQL (DATABASE_URL) and Redis (REDIS_URL)")
    out = tmp_path / "smoke.json"
    before = benchmark_databases(database)
    done = subprocess.run(
        [sys.executable, "-m", "bench.run", "--smoke", "--port", "8799", "--out", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    results = json.loads(out.read_text())

    logging = results["contact_logging"]
    real, ceiling = logging["real_view"], logging["ceiling_view"]
    assert real["ok"] > 0 and real["failed"] == 0 and ceiling["ok"] > 0 and ceiling["failed"] == 0
    assert logging["real_view_rows_stored"] == real["accepted_with_warmup"]
    assert logging["ceiling_rows_stored"] == ceiling["accepted_with_warmup"]
    assert logging["real_view_aggregates_agree_with_rows"] is True
    assert logging["pgbench_single_row_insert"]["tps"] > 0
    for name, page in results["dashboards"].items():
        if name.startswith("naive"):
            assert page["p95"] > 0
            continue
        for run in (page["warm"], page["cold"]):
            assert run["ok"] > 0 and run["failed"] == 0 and run["server_ms"]["p95"] > 0, name
    assert (results["import"]["status"], results["import"]["imported"]) == ("done", 2000)
    assert results["report"]["pages"] > 1 and results["report"]["peak_mb_max"] > 0
    files = results["downloads"]
    assert files["csv"]["rows"] == files["csv"]["rows_expected"] > 1000 and files["csv"]["bytes"] > 0
    assert (files["xlsx"]["status"], files["xlsx"]["rows"]) == ("ready", files["csv"]["rows"])
    assert files["xlsx"]["bytes"] > 0 and files["xlsx"]["worker_peak_mb"] > 0
    assert files["naive_xlsx"]["rows"] == files["csv"]["rows"] and files["naive_xlsx"]["peak_mb"] > 0
    assert files["archive"]["status"] == "ready" and files["archive"]["records"] > 20_000
    assert results["import_memory"]["status"] == "done" and results["import_memory"]["worker_peak_mb"] > 0
    assert {"SPC (XmR and rules), 52 weeks", "ceiling: the figures table, 52 rows"} <= set(results["charts"])
    assert all(timing["p50"] > 0 for timing in results["charts"].values())
    counts = results["queries_per_page"]
    assert len(counts) >= 25 and not [page for page, row in counts.items() if row["grows"]]
    assert "| goal | met |" in done.stdout

    assert benchmark_databases(database) == before, "the benchmark database was not dropped"


def benchmark_databases(url: str) -> set[str]:
    with psycopg2.connect(url) as connection, connection.cursor() as cursor:
        cursor.execute("SELECT datname FROM pg_database WHERE datname LIKE 'mecc_bench_%%'")
        return {name for (name,) in cursor.fetchall()}
