"""Each figure of the benchmark, measured against its ceiling or its naive alternative in the same run."""

import csv
import datetime
import io
import json
import random
import re
import statistics
import subprocess
import sys
import time
import urllib.request
import uuid

from bench import serve
from bench.generate import World

COMMON_PATH = (
    "csrfmiddlewaretoken={csrf}&topics=smoking&outcomes=information&occurred_on={today}&team={team}"
    "&setting=&contact_type=service_user&raised_by=staff&intervention_level=very_brief&note=&client_key={key}"
)


def _users(pairs) -> list[dict]:
    """[(user id, extra fields)] -> the load generator's users, each signed in with its own session."""
    return [{**serve.signed_in(user_id), **extra} for user_id, extra in pairs]


def contact_logging(world: World, port: int, seconds: float, users: int = 32) -> dict:
    """The real logging POST, the ceiling view on the same stack, and pgbench's single-row insert rate."""
    from django.db import connection

    from organisations.models import Membership

    teams = {m.user_id: m.team_id for m in Membership.objects.filter(user_id__in=[u for u, _ in world.loggers])}
    today = datetime.date.today().isoformat()
    loggers = _users([(user, {"team": teams[user], "today": today, "slug": slug}) for user, slug in world.loggers])
    loggers = loggers[:users]

    def count(table):
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM {table}")  # noqa: S608 - our own table names
            return cursor.fetchone()[0]

    base = {"host": serve.HOST, "port": port, "duration": seconds, "warmup": 2}
    before = count("evaluation_conversation")
    # Every logger posts to their own organisation's form: the path carries each one's slug.
    real = serve.load(
        {**base, "users": loggers, "request": {"method": "POST", "path": "/o/{slug}/conversations/new/",
                                               "body": COMMON_PATH, "expect": [302]}}
    )  # fmt: skip
    stored = count("evaluation_conversation") - before
    agree = _aggregates_agree_today(world)
    before = count("bench_ceiling_row")
    ceiling = serve.load(
        {**base, "users": loggers, "request": {"method": "POST", "path": "/bench/insert-one-row/",
                                               "body": "csrfmiddlewaretoken={csrf}", "expect": [204]}}
    )  # fmt: skip
    ceiling_rows = count("bench_ceiling_row") - before
    pgbench = _pgbench(seconds, users)
    return {
        "users": len(loggers),
        "real_view": real,
        "real_view_rows_stored": stored,
        "real_view_aggregates_agree_with_rows": agree,
        "ceiling_view": ceiling,
        "ceiling_rows_stored": ceiling_rows,
        "pgbench_single_row_insert": pgbench,
        "real_to_ceiling": round(real["per_second"] / ceiling["per_second"], 3) if ceiling["per_second"] else None,
        "ceiling_to_pgbench": round(ceiling["per_second"] / pgbench["tps"], 3) if pgbench.get("tps") else None,
    }


def _aggregates_agree_today(world: World) -> bool:
    """Today's aggregate totals equal today's raw rows, per logging organisation: the same-transaction rule."""
    from django.db import connection

    ids = sorted({pk for pk, slug in world.providers if slug in {s for _, s in world.loggers}})
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT o, coalesce(raw, 0), coalesce(agg, 0) FROM unnest(%s::bigint[]) AS o
            LEFT JOIN (SELECT organisation_id, count(*) AS raw FROM evaluation_conversation
                       WHERE occurred_on = current_date GROUP BY 1) r ON r.organisation_id = o
            LEFT JOIN (SELECT organisation_id, sum(count) AS agg FROM evaluation_dailyconversationcount
                       WHERE day = current_date AND dimension = 'all' GROUP BY 1) a ON a.organisation_id = o
            """,
            [ids],
        )
        return all(raw == agg for _, raw, agg in cursor.fetchall())


def _pgbench(seconds: float, clients: int) -> dict:
    """pgbench inserting one row per transaction into the ceiling table, on the same database."""
    from django.db import connection

    params = connection.settings_dict
    script = "/tmp/mecc-bench-insert.sql"  # noqa: S108 - a scratch file for pgbench
    with open(script, "w") as out:
        out.write("INSERT INTO bench_ceiling_row (user_id) VALUES (1);\n")
    command = ["pgbench", "-n", "-c", str(clients), "-j", "2", "-T", str(max(5, round(seconds))), "-f", script,
               "-h", params["HOST"] or "127.0.0.1", "-p", str(params["PORT"] or 5432), "-U", params["USER"],
               params["NAME"]]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
    tps = re.search(r"tps = ([0-9.]+) \(without initial connection time\)", done.stdout)
    latency = re.search(r"latency average = ([0-9.]+) ms", done.stdout)
    if not tps:
        return {"error": (done.stdout + done.stderr)[-500:]}
    return {"tps": round(float(tps.group(1)), 1), "latency_average_ms": float(latency.group(1)) if latency else None}


def dashboards(world: World, port: int, seconds: float, redis_url: str) -> dict:
    """Server time of the organisation summary and the SC8 pages, one request at a time, warm and cold cache."""
    from django.urls import reverse

    lead = _users([(world.people[(world.large_slug, "implementation_lead")], {})])
    commissioner = _users([(world.people[(world.icb_slug, "commissioner")], {})])
    year_ago = (datetime.date.today() - datetime.timedelta(days=364)).isoformat()
    summary = reverse("evaluation:summary", args=[world.large_slug])
    pages = {
        "organisation summary, 12 weeks (default)": (lead, summary),
        "organisation summary, 12 months": (lead, f"{summary}?from={year_ago}"),
        "SC8 portfolio": (commissioner, reverse("evaluation:sc8", args=[world.icb_slug])),
        "SC8 provider drill-down": (
            commissioner,
            reverse("evaluation:sc8_provider", args=[world.icb_slug, world.large_id]),
        ),
    }
    results = {}
    for name, (users, path) in pages.items():
        spec = {"host": serve.HOST, "port": port, "duration": seconds, "warmup": 1, "users": users,
                "request": {"method": "GET", "path": path, "expect": [200]}}  # fmt: skip
        results[name] = {
            "warm": serve.load(spec),
            "cold": serve.load({**spec, "duration": seconds / 2, "flush_redis_before_each": redis_url}),
        }
    results["naive: organisation summary over raw rows, 12 weeks"] = _naive(_naive_summary_sql(), world, 84)
    results["naive: organisation summary over raw rows, 12 months"] = _naive(_naive_summary_sql(), world, 364)
    results["naive: SC8 activity over raw rows"] = _naive(_naive_sc8_sql(), world, 91)
    return results


def _naive_summary_sql() -> str:
    """The summary page's figures (total, per week, per topic/determinant/outcome, per team) from raw rows."""
    from contacts import content

    bit_sums = ", ".join(
        f"sum(({column} >> {item.bit}) & 1)"
        for column, items in (
            ("topics", content.TOPICS),
            ("determinants", content.DETERMINANTS),
            ("outcomes", content.OUTCOMES),
        )  # fmt: skip
        for item in items
    )
    return f"""
        SELECT date_trunc('week', occurred_on), team_id, count(*), {bit_sums}
        FROM evaluation_conversation WHERE organisation_id = %(org)s AND occurred_on >= current_date - %(days)s
        GROUP BY 1, 2
    """  # noqa: S608 - built from the app's own column names


def _naive_sc8_sql() -> str:
    return """
        SELECT c.organisation_id, count(*) FROM evaluation_conversation c
        JOIN organisations_commissioningcontract k ON k.provider_id = c.organisation_id
        JOIN organisations_organisation i ON i.id = k.commissioner_id
        WHERE i.slug = %(icb)s AND k.status = 'accepted' AND c.occurred_on >= current_date - %(days)s
        GROUP BY c.organisation_id
    """


def _naive(sql: str, world: World, days: int, runs: int = 12) -> dict:
    from django.db import connection

    samples = []
    with connection.cursor() as cursor:
        for run in range(runs + 2):
            start = time.perf_counter()
            cursor.execute(sql, {"org": world.large_id, "icb": world.icb_slug, "days": days})
            cursor.fetchall()
            if run >= 2:  # two warm-ups, as the pages get
                samples.append((time.perf_counter() - start) * 1000)
    ordered = sorted(samples)
    return {
        "runs": runs,
        "p50": round(statistics.median(ordered), 2),
        "p95": round(ordered[round(0.95 * (runs - 1))], 2),
    }


def report(world: World, env: dict, runs: int) -> dict:
    """The large provider's evaluation report over all its conversations, built in a fresh process as the worker
    does: wall-clock seconds (Python start-up included) and the process's peak resident memory."""
    from common import periods
    from contacts.models import Conversation
    from evaluation.models import EvaluationReport

    today = datetime.date.today()
    period = periods.custom(today - datetime.timedelta(days=729), today)
    covered = Conversation.objects.filter(organisation_id=world.large_id, occurred_on__gte=period.start).count()
    record = EvaluationReport.objects.create(
        organisation_id=world.large_id, period_label=period.label, start=period.start, end=period.end
    )
    seconds, peaks = [], []
    for _ in range(runs):
        EvaluationReport.objects.filter(pk=record.pk).update(status="queued", attempts=0)
        start = time.perf_counter()
        done = subprocess.run(  # noqa: S603 - our own module
            [sys.executable, "-m", "bench.build_report", str(record.pk)], env=env, capture_output=True, text=True,
            check=True, cwd=serve.ROOT,
        )  # fmt: skip
        seconds.append(time.perf_counter() - start)
        outcome = json.loads(done.stdout.strip().splitlines()[-1])
        assert outcome["status"] == "ready", done.stdout + done.stderr
        peaks.append(outcome["peak_mb"])
        print(f"    build {len(seconds)}: {seconds[-1]:.2f} s, peak {peaks[-1]} MB", flush=True)
    record.refresh_from_db()
    return {
        "conversations_covered": covered,
        "runs": runs,
        "seconds_median": round(statistics.median(seconds), 2),
        "seconds_max": round(max(seconds), 2),
        "peak_mb_max": max(peaks),
        "pages": record.page_count,
        "bytes": record.size,
    }


def import_csv(world: World, port: int, rows: int, timeout: float = 300) -> dict:
    """Upload a CSV of `rows` paper forms through the page; a Celery worker on Redis checks and stores them."""
    from django.urls import reverse

    from contacts.models import ConversationImport

    lead = _users([(world.people[(world.large_slug, "implementation_lead")], {})])[0]
    body, boundary = _multipart(_paper_forms(world, rows), lead["csrf"])
    path = reverse("contacts:import", args=[world.large_slug])
    request = urllib.request.Request(  # noqa: S310 - our own server on 127.0.0.1
        f"http://{serve.HOST}:{port}{path}", data=body, method="POST",
        headers={"Cookie": lead["cookie"], "Content-Type": f"multipart/form-data; boundary={boundary}"},
    )  # fmt: skip
    start = time.perf_counter()
    opener = urllib.request.build_opener(NoRedirect)
    with opener.open(request, timeout=60) as response:
        assert response.status == 302, response.status
    job = ConversationImport.objects.filter(organisation_id=world.large_id).latest("pk")
    while job.status not in ("done", "failed") and time.perf_counter() - start < timeout:
        time.sleep(0.2)
        job.refresh_from_db()
    seconds = time.perf_counter() - start
    return {
        "rows": rows,
        "bytes": len(body),
        "status": job.status,
        "imported": job.imported_rows,
        "rejected": job.rejected_count,
        "seconds_upload_to_done": round(seconds, 2),
    }


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None

    def http_error_302(self, request, response, code, message, headers):
        return response


def _paper_forms(world: World, rows: int) -> bytes:
    from contacts import content, imports
    from contacts.demo import OUTCOME_WEIGHTS, TOPIC_WEIGHTS, _pick
    from organisations.models import Team

    rng = random.Random(99)  # noqa: S311 - synthetic data
    teams = list(Team.objects.filter(organisation_id=world.large_id).values_list("name", flat=True))
    settings = [s.code for s in content.SETTINGS[:8]]
    today = datetime.date.today()
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(imports.COLUMNS)
    for n in range(rows):
        outcomes = [o for o in _pick(rng, OUTCOME_WEIGHTS, 1) if o not in content.OUTCOMES_NEEDING_A_SERVICE]
        writer.writerow(
            [(today - datetime.timedelta(days=rng.randrange(60))).isoformat(), rng.choice(teams),
             rng.choice(settings), "service_user", "staff", ";".join(_pick(rng, TOPIC_WEIGHTS)), "", "very_brief",
             "unsure", ";".join(outcomes or ["information"]), "", "", f"paper form {n}"]
        )  # fmt: skip
    return out.getvalue().encode()


def _multipart(data: bytes, csrf: str) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n{csrf}\r\n',
        f'--{boundary}\r\nContent-Disposition: form-data; name="mode"\r\n\r\nall\r\n',
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="paper-forms.csv"\r\n'
        "Content-Type: text/csv\r\n\r\n",
    ]
    return "".join(parts).encode() + data + f"\r\n--{boundary}--\r\n".encode(), boundary
