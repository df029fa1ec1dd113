"""`make bench`: the performance harness, on PostgreSQL and Redis (DATABASE_URL and REDIS_URL, as in CI).

Creates a database of its own next to DATABASE_URL's (dropped at the end unless --keep) and uses a Redis database
of its own (REDIS_BENCH_DB, default 14; flushed), loads national-scale synthetic data (bench/generate.py), starts
the app as production does (gunicorn, DEBUG off; a Celery worker for the import) and measures, each against a
ceiling or the naive alternative in the same run:

- contact logging under 32 concurrent users: the real view, a one-row-insert view on the same stack, pgbench;
- the organisation summary and the SC8 dashboard: server time, warm and cold cache, against raw-row queries;
- the evaluation report for the provider with a tenth of the conversations (1 million; 100,000 with --quick);
- a 100,000-row CSV import through the page and the worker;
- SQL queries per main page, large provider against small.

Results: bench/results/bench[-quick].json and a table on stdout; --update-docs also writes them to docs/.
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres REDIS_URL=redis://127.0.0.1:6379/0 \\
        .venv/bin/python -m bench.run [--quick] [--keep] [--update-docs]
"""

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path
from urllib.parse import urlparse, urlunparse

from bench import database, serve
from bench.generate import Scale
from bench.report_table import judge, markdown, update_docs

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"


def arguments():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="1 million conversations and shorter load runs")
    parser.add_argument("--smoke", action="store_true", help="a tiny run that proves every step works (CI runs it)")
    parser.add_argument("--keep", action="store_true", help="keep the benchmark database afterwards")
    parser.add_argument("--update-docs", action="store_true", help="write the results into docs/performance*.")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers (3 measured best on 2 cores)")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--out", type=Path, help="where to write the results (default bench/results/)")
    parser.add_argument("--conversations", type=int, help="another number of conversations, to try the harness")
    parser.add_argument("--load-only", action="store_true", help="load the data, keep the database and stop")
    parser.add_argument("--reuse", metavar="NAME", help="measure on a database kept earlier, without loading")
    return parser.parse_args()


def environment(database_url: str, redis_url: str) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "DEBUG": "false",
        "SECRET_KEY": os.environ.get("SECRET_KEY", "benchmark-only-secret-key-0123456789abcdef"),
        "ALLOWED_HOSTS": "127.0.0.1,testserver",
        "SECURE_TRANSPORT": "false",
        # The manifest storage needs collectstatic first; page rendering costs the same either way.
        "STATICFILES_STORAGE": "django.contrib.staticfiles.storage.StaticFilesStorage",
        "MEDIA_ROOT": f"/tmp/mecc-bench-media-{os.getpid()}",  # noqa: S108 - scratch folder for PDFs and uploads
        "EMAIL_URL": "dummymail://",
        "CELERY_TASK_DEFAULT_QUEUE": "mecc-bench",
        "LOG_LEVEL": "WARNING",
    }


def machine(redis_url: str) -> dict:
    import redis
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if "model name" in line
        ),
        platform.processor(),
    )
    memory_kb = next(
        int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines() if "MemTotal" in line
    )
    return {
        "cpus": os.cpu_count(),
        "cpu": model,
        "memory_gb": round(memory_kb / 1024 / 1024, 1),
        "postgresql": postgres,
        "redis": redis.Redis.from_url(redis_url).info("server")["redis_version"],
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


def main():
    args = arguments()
    base, redis_base = os.environ.get("DATABASE_URL", ""), os.environ.get("REDIS_URL", "")
    if not base.startswith("postgres") or not redis_base.startswith("redis"):
        sys.exit("Set DATABASE_URL (PostgreSQL) and REDIS_URL (Redis), as CI does: see docs/performance.md")
    began = time.perf_counter()
    name = args.reuse or f"mecc_bench_{os.getpid()}"
    redis_url = urlunparse(urlparse(redis_base)._replace(path=f"/{os.environ.get('REDIS_BENCH_DB', '14')}"))
    env = environment(database.url_for(base, name) if args.reuse else database.create(base, name), redis_url)
    args.keep = args.keep or bool(args.reuse)
    os.environ.update(env)
    mode = "smoke" if args.smoke else "quick" if args.quick else "full"
    scale = {
        "smoke": Scale(conversations=20_000, providers=5, staff=2_000),
        "quick": Scale(conversations=1_000_000),
        "full": Scale(conversations=10_000_000),
    }[mode]
    scale.conversations = args.conversations or scale.conversations
    seconds = {"smoke": 2, "quick": 8, "full": 20}[mode]
    logs = Path(f"/tmp/{name}-logs")  # noqa: S108 - the servers' logs, kept for a look when something fails
    logs.mkdir(exist_ok=True)
    results = {"mode": mode, "scale": scale.__dict__, "gunicorn_workers": args.workers}
    try:
        import django

        django.setup()
        import redis
        from django.core.management import call_command
        from django.db import connection

        from bench import downloads, measures
        from bench.generate import generate, world_of_database
        from bench.queries import count_queries
        from bench.stack import CREATE_CEILING_TABLE

        redis.Redis.from_url(redis_url).flushdb()
        load_log: dict = {}
        print(f"Loading {scale.conversations:,} conversations, {scale.staff:,} staff, {scale.providers} providers…")
        start = time.perf_counter()
        if args.reuse:
            world = world_of_database()
        else:
            call_command("migrate", verbosity=0)
            with connection.cursor() as cursor:
                cursor.execute(CREATE_CEILING_TABLE)
            world = generate(env["DATABASE_URL"], scale, load_log)
        load_log["total"] = round(time.perf_counter() - start, 1)
        results["load_seconds"] = load_log
        results["machine"] = machine(redis_url)
        if args.load_only:
            args.keep = True
            print(f"Kept database {name}: DATABASE_URL={env['DATABASE_URL']}")
            return
        export_rows = 2_000 if args.smoke else 200_000
        with serve.Gunicorn(env, args.port, args.workers, logs / "gunicorn.log") as server:
            print("Contact logging under load…", flush=True)
            results["contact_logging"] = measures.contact_logging(world, args.port, seconds)
            print("Dashboards…", flush=True)
            results["dashboards"] = measures.dashboards(world, args.port, seconds / 2, redis_url)
            print("Import of paper forms from CSV…", flush=True)
            with serve.CeleryWorker(env, logs / "celery.log"):
                results["import"] = measures.import_csv(world, args.port, 2_000 if args.smoke else 100_000)
            print("Downloads: CSV streamed, XLSX and the archive built by a worker…", flush=True)
            streamed = downloads.csv_download(world, args.port, server.handle.pid, export_rows)
            results["downloads"] = {
                "csv": streamed,
                "xlsx": downloads.xlsx_download(world, args.port, env, logs, streamed["date_from"]),
                "archive": downloads.archive_download(world, args.port, env, logs),
            }
            print("The old in-request XLSX export of the same rows, in a process of its own…", flush=True)
            results["downloads"]["naive_xlsx"] = downloads.naive_xlsx(world, env, streamed["date_from"])
            print("Import of a CSV just under the 20 MB limit, for the worker's memory…", flush=True)
            results["import_memory"] = downloads.import_memory(
                world, args.port, env, logs, 200_000 if args.smoke else 19_500_000
            )
        print("Charts…", flush=True)
        results["charts"] = downloads.charts(runs={"smoke": 50, "quick": 300, "full": 1000}[mode])
        print("Evaluation report…", flush=True)
        results["report"] = measures.report(world, env, runs={"smoke": 1, "quick": 2, "full": 3}[mode])
        print("Queries per page…", flush=True)
        results["queries_per_page"] = count_queries(world)
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            database.drop(base, name)
    results["total_seconds"] = round(time.perf_counter() - began, 1)
    results["goals"] = judge(results)
    out = args.out or RESULTS / f"bench{'' if mode == 'full' else '-' + mode}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2))
    print("\n" + markdown(results))
    met = sum(results["goals"].values())
    print(f"\n{met} of {len(results['goals'])} goals met. Results: {out}")
    if args.update_docs and mode != "smoke":
        update_docs(results, ROOT / "docs")


if __name__ == "__main__":
    main()
