"""Benchmark: building one organisation's evaluation report when it holds one million conversations.

Creates its own PostgreSQL database next to DATABASE_URL's (dropped afterwards unless --keep), loads one trust
with 5,000 staff in 10 teams and 1,000,000 conversations over the last 365 days (SQL set-based inserts, daily
aggregates built in SQL), then builds the financial-year report several times, each in a fresh Python process
as a Celery worker would: wall-clock seconds and the process's peak resident memory (ru_maxrss of the child).

Goal (issue 7): under 10 s and under 400 MB on 2 cores. Results go to bench/results/report.json. Usage:
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres python bench/report.py [--runs 3] [--keep]
"""

import argparse
import datetime
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from sc8_dashboard import (  # noqa: E402 - the path is set just above
    _aggregates,
    _conversations,
    _staff,
    _training,
    bench_database_url,
    create_database,
    drop_database,
    timed,
)

CONVERSATIONS = 1_000_000
STAFF = 5_000
TEAMS = 10


def environment(database_url: str, media: Path) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "mecc.settings",
        "DEBUG": "false",
        "SECRET_KEY": os.environ.get("SECRET_KEY", "benchmark-only-secret-key-0123456789abcdef"),
        "ALLOWED_HOSTS": "testserver",
        "SECURE_TRANSPORT": "false",
        "MEDIA_ROOT": str(media),
        "EMAIL_URL": "dummymail://",
        "REDIS_URL": "",  # no chart cache shared between runs: every build draws its charts
    }


def load(log: dict) -> int:
    from django.db import connection
    from django.utils import timezone

    from evaluation.models import Service
    from organisations.models import Organisation, Team

    trust = Organisation.objects.create(
        name="Benchmark Community NHS Trust", slug="bench-trust", kind="nhs_trust", staff_headcount=STAFF
    )
    Team.objects.bulk_create([Team(organisation=trust, name=f"Team {t}") for t in range(TEAMS)])
    services = Service.objects.bulk_create([Service(organisation=trust, name=f"Service {n}") for n in range(12)])
    today = timezone.localdate()
    with connection.cursor() as cursor:
        timed("staff users and memberships", lambda: _staff(cursor, [trust.pk], STAFF), log)
        timed("conversations", lambda: _conversations(cursor, [trust.pk], CONVERSATIONS, today, STAFF, 364), log)
        timed("signposting links", lambda: _links(cursor, [s.pk for s in services]), log)
        timed("daily aggregates", lambda: _aggregates(cursor), log)
        timed("training records", lambda: _training(cursor, [trust.pk], today), log)
        cursor.execute("ANALYZE")
    return trust.pk


def _links(cursor, service_ids):
    """Conversations whose outcome is signposting (bit 1) link to one of the directory's services."""
    cursor.execute(
        """
        INSERT INTO evaluation_conversation_services (conversation_id, service_id)
        SELECT c.id, (%s::bigint[])[1 + (c.id %% %s)] FROM evaluation_conversation c WHERE c.outcomes & 2 <> 0
        """,
        [service_ids, len(service_ids)],
    )


def build_once(report_id: int) -> None:
    """In the child process: build the report exactly as the Celery task does."""
    import django

    django.setup()
    from evaluation import reports

    status = reports.build(report_id)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"status": status, "peak_mb": round(peak_mb, 1)}))


def time_builds(report_id: int, env: dict, runs: int) -> dict:
    from evaluation.models import EvaluationReport

    seconds, peaks = [], []
    for _ in range(runs):
        EvaluationReport.objects.filter(pk=report_id).update(status="queued", attempts=0)
        start = time.perf_counter()
        done = subprocess.run(  # noqa: S603 - our own script, our own arguments
            [sys.executable, __file__, "--build-only", str(report_id)],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        seconds.append(time.perf_counter() - start)
        outcome = json.loads(done.stdout.strip().splitlines()[-1])
        assert outcome["status"] == "ready", done.stdout + done.stderr
        peaks.append(outcome["peak_mb"])
        print(f"  build: {seconds[-1]:.2f} s, peak {peaks[-1]} MB", flush=True)
    report = EvaluationReport.objects.get(pk=report_id)
    return {
        "runs": runs,
        "seconds_median": round(statistics.median(seconds), 2),
        "seconds_max": round(max(seconds), 2),
        "peak_mb_max": max(peaks),
        "pages": report.page_count,
        "bytes": report.size,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--keep", action="store_true", help="keep the benchmark database afterwards")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--build-only", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build_only:
        return build_once(args.build_only)
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL server, e.g. postgres://postgres@127.0.0.1:5432/postgres")
    name = f"mecc_bench_report_{os.getpid()}"
    media = Path(f"/tmp/{name}-media")  # noqa: S108 - a scratch folder for the benchmark's PDFs
    create_database(base, name)
    env = environment(bench_database_url(base, name), media)
    os.environ.update(env)
    import django

    django.setup()
    from django.core.management import call_command

    from evaluation import periods
    from evaluation.models import EvaluationReport

    log: dict = {}
    try:
        print(f"Loading {CONVERSATIONS:,} conversations for one trust with {STAFF:,} staff…", flush=True)
        timed("migrate", lambda: call_command("migrate", verbosity=0), log)
        trust_id = load(log)
        from django.utils import timezone

        today = timezone.localdate()
        period = periods.custom(today - datetime.timedelta(days=364), today)
        report = EvaluationReport.objects.create(
            organisation_id=trust_id, period_label=period.label, start=period.start, end=period.end
        )
        print(f"Building the report for {period.label} ({args.runs} runs, each in a new process)…", flush=True)
        build = time_builds(report.pk, env, args.runs)
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            drop_database(base, name)
    results = {
        "scale": {"conversations": CONVERSATIONS, "staff": STAFF, "teams": TEAMS},
        "load_seconds": log,
        "report_build": build,
        "goal": {
            "seconds_below": 10,
            "peak_mb_below": 400,
            "met": build["seconds_max"] < 10 and build["peak_mb_max"] < 400,
        },
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
    }
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "report.json").write_text(json.dumps(results, indent=2))
    print("\n| measure | value |\n| --- | --- |")
    print(f"| report build, median of {build['runs']} (s) | {build['seconds_median']} |")
    print(f"| report build, slowest (s) | {build['seconds_max']} |")
    print(f"| peak memory of the building process (MB) | {build['peak_mb_max']} |")
    print(f"| pages / bytes | {build['pages']} / {build['bytes']:,} |")
    print(f"\nGoal under 10 s and under 400 MB: {'met' if results['goal']['met'] else 'NOT met'}")


if __name__ == "__main__":
    main()
