"""Benchmark: the commissioner's SC8 dashboard at national scale, against the naive query over raw rows.

Creates its own PostgreSQL database next to DATABASE_URL's (and drops it afterwards unless --keep), loads 50
providers with 100,000 staff and 10 million conversations over two years (1 million with --quick) using SQL
set-based inserts, builds the daily aggregates in SQL, then times in the same run:

- the SC8 portfolio page for a commissioner of all 50 providers (server time: the Django handler in-process),
- the same activity figures computed naively over the raw conversation rows,
- the provider drill-down page.

Results go to bench/results/sc8-dashboard.json and are printed as a table. Usage (also via `make bench`):
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres python bench/sc8_dashboard.py [--quick] [--keep]
"""

import argparse
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PROVIDERS = 50
STAFF = 100_000
TEAMS_PER_PROVIDER = 10


def bench_database_url(base: str, name: str) -> str:
    parts = urlparse(base)
    return urlunparse(parts._replace(path=f"/{name}"))


def create_database(base_url: str, name: str):
    import psycopg2

    connection = psycopg2.connect(base_url)
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    connection.close()


def drop_database(base_url: str, name: str):
    import psycopg2

    connection = psycopg2.connect(base_url)
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    connection.close()


def timed(label, function, log):
    start = time.perf_counter()
    result = function()
    log[label] = round(time.perf_counter() - start, 2)
    print(f"  {label}: {log[label]} s", flush=True)
    return result


def load(conversations: int, log: dict):
    """Set-based loading: a few SQL statements, not one ORM save per row."""
    from django.db import connection
    from django.utils import timezone

    from organisations.models import CommissioningContract, Organisation, Team

    icb = Organisation.objects.create(name="Benchmark ICB", slug="bench-icb", kind="icb", staff_headcount=500)
    providers = []
    for n in range(PROVIDERS):
        provider = Organisation.objects.create(
            name=f"Benchmark Provider {n:02d}",
            slug=f"bench-{n:02d}",
            kind="nhs_trust",
            staff_headcount=STAFF // PROVIDERS,
        )
        providers.append(provider)
        Team.objects.bulk_create([Team(organisation=provider, name=f"Team {t}") for t in range(TEAMS_PER_PROVIDER)])
        CommissioningContract.objects.create(
            commissioner=icb, provider=provider, reference=f"B-{n}", start_date="2025-01-01", status="accepted"
        )
    ids = [p.pk for p in providers]
    today = timezone.localdate()
    with connection.cursor() as cursor:
        timed("staff users and memberships", lambda: _staff(cursor, ids), log)
        timed("conversations", lambda: _conversations(cursor, ids, conversations, today), log)
        timed("daily aggregates", lambda: _aggregates(cursor), log)
        timed("training records", lambda: _training(cursor, ids, today), log)
        cursor.execute("ANALYZE")
    return icb, providers


def _staff(cursor, ids, staff=STAFF):
    per = staff // len(ids)
    cursor.execute(
        """
        INSERT INTO organisations_user (email, password, full_name, is_staff, is_active, is_superuser, date_joined)
        SELECT 'staff' || g || '@bench.example', '!', 'Staff ' || g, false, true, false, now()
        FROM generate_series(1, %s) AS g
        """,
        [per * len(ids)],
    )
    cursor.execute(
        """
        INSERT INTO organisations_membership (user_id, organisation_id, role, team_id, is_active, created_at)
        SELECT u.id, o.id,
               CASE WHEN u.rn %% 10 = 0 THEN 'team_manager' ELSE 'frontline' END,
               (SELECT t.id FROM organisations_team t WHERE t.organisation_id = o.id ORDER BY t.id
                OFFSET (u.rn %% %s) LIMIT 1),
               true, now()
        FROM (SELECT id, row_number() OVER (ORDER BY id) - 1 AS rn FROM organisations_user
              WHERE email LIKE '%%@bench.example') u
        JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS idx FROM organisations_organisation
              WHERE id = ANY(%s)) o ON o.idx = u.rn / %s
        """,
        [TEAMS_PER_PROVIDER, ids, per],
    )


def _conversations(cursor, ids, count, today, staff=STAFF, days=729):
    cursor.execute("SELECT min(id) FROM organisations_membership")
    first_membership = cursor.fetchone()[0]
    # Topic, outcome and setting mixes follow the demo data's weights; dates spread over two years.
    cursor.execute(
        """
        INSERT INTO evaluation_conversation (organisation_id, occurred_on, team_id, recorded_by_id, setting,
            contact_type, raised_by, intervention_level, readiness, topics, determinants, outcomes, resources,
            nice_outcomes, note, client_key, created_at, updated_at)
        SELECT m.organisation_id, %s::date - (random() * %s)::int, m.team_id, m.user_id,
               (ARRAY['outpatient_clinic','inpatient_ward','community_home_visit','pharmacy','gp_practice'])[1 + (random() * 4)::int],
               CASE WHEN random() < 0.7 THEN 'service_user' WHEN random() < 0.5 THEN 'public' ELSE 'carer' END,
               CASE WHEN random() < 0.75 THEN 'staff' ELSE 'person' END,
               CASE WHEN random() < 0.7 THEN 'very_brief' ELSE 'brief' END,
               (ARRAY['wants_to','unsure','not_ready',''])[1 + (random() * 3)::int],
               (1 << (random() * 5)::int) | CASE WHEN random() < 0.2 THEN (1 << (random() * 8)::int) ELSE 0 END,
               CASE WHEN random() < 0.2 THEN 1 << (random() * 7)::int ELSE 0 END,
               CASE WHEN random() < 0.5 THEN 1 WHEN random() < 0.6 THEN 2 WHEN random() < 0.5 THEN 4 ELSE 8 END,
               0, 0, '', gen_random_uuid(), now(), now()
        FROM generate_series(1, %s) AS g
        JOIN organisations_membership m ON m.id = %s + (g %% %s)
        """,
        [today, days, count, first_membership, staff],
    )


def _aggregates(cursor):
    """The daily aggregate rows, as evaluation.aggregates.rebuild() would make them, in one pass per organisation.

    Each conversation is unnested into its (dimension, value) pairs with a LATERAL VALUES list and grouped once;
    the table's unique key and index are dropped during the load and rebuilt after, which is several times faster
    than maintaining them row by row.
    """
    from evaluation.aggregates import MULTI_DIMENSIONS, SINGLE_DIMENSIONS
    from evaluation.models import DailyConversationCount

    table = DailyConversationCount._meta.db_table
    pairs = ["('all', '')"] + [f"('{d}', c.{column})" for d, column in SINGLE_DIMENSIONS.items()]
    for dimension, (column, items) in MULTI_DIMENSIONS.items():
        pairs += [
            f"('{dimension}', CASE WHEN c.{column} & {1 << item.bit} <> 0 THEN '{item.code}' END)" for item in items
        ]
    cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT daily_count_key")
    cursor.execute("DROP INDEX daily_count_org_dim_day")
    cursor.execute("SET work_mem = '256MB'")
    cursor.execute("SELECT DISTINCT organisation_id FROM evaluation_conversation")
    for (organisation_id,) in cursor.fetchall():
        cursor.execute(
            f"""
            INSERT INTO {table} (organisation_id, team_key, day, dimension, value, count)
            SELECT c.organisation_id, coalesce(c.team_id, 0), c.occurred_on, d.dimension, d.value, count(*)
            FROM evaluation_conversation c CROSS JOIN LATERAL (VALUES {", ".join(pairs)}) AS d(dimension, value)
            WHERE c.organisation_id = %s AND d.value IS NOT NULL
            GROUP BY 1, 2, 3, 4, 5
            """,
            [organisation_id],
        )
    cursor.execute(
        f"ALTER TABLE {table} ADD CONSTRAINT daily_count_key UNIQUE (organisation_id, team_key, day, dimension, value)"
    )
    cursor.execute(f"CREATE INDEX daily_count_org_dim_day ON {table} (organisation_id, dimension, day)")


def _training(cursor, ids, today):
    cursor.execute(
        """
        INSERT INTO training_trainingresource (organisation_id, name, provider, delivery, intervention_level,
            competence_level, link)
        SELECT id, 'MECC e-learning', '', 'e_learning', 'very_brief', 'core', '' FROM organisations_organisation
        WHERE id = ANY(%s)
        """,
        [ids],
    )
    cursor.execute(
        """
        INSERT INTO training_trainingrecord (organisation_id, membership_id, resource_id, completed_on, source)
        SELECT m.organisation_id, m.id, r.id, %s::date - (random() * 300)::int, 'import'
        FROM organisations_membership m JOIN training_trainingresource r ON r.organisation_id = m.organisation_id
        WHERE m.organisation_id = ANY(%s) AND random() < 0.6
        """,
        [today, ids],
    )


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def time_requests(client, url, runs, before=None):
    """Server time of `runs` requests after 3 warm-ups; `before` runs ahead of each, untimed."""
    for _ in range(3):
        assert client.get(url).status_code == 200
    samples = []
    for _ in range(runs):
        if before:
            before()
        start = time.perf_counter()
        response = client.get(url)
        samples.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200
    return {"p50_ms": round(statistics.median(samples), 1), "p95_ms": round(percentile(samples, 0.95), 1)}


def naive_activity(icb, runs):
    """What the portfolio's activity and totals would cost read straight from the raw rows."""
    from django.db import connection

    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(
                """
                SELECT c.organisation_id, count(*) FROM evaluation_conversation c
                JOIN organisations_commissioningcontract k ON k.provider_id = c.organisation_id
                WHERE k.commissioner_id = %s AND k.status = 'accepted' AND c.occurred_on >= current_date - 90
                GROUP BY c.organisation_id
                """,
                [icb.pk],
            )
            cursor.fetchall()
        samples.append((time.perf_counter() - start) * 1000)
    return {"p50_ms": round(statistics.median(samples), 1), "p95_ms": round(percentile(samples, 0.95), 1)}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="1 million conversations instead of 10 million")
    parser.add_argument("--keep", action="store_true", help="keep the benchmark database afterwards")
    parser.add_argument("--runs", type=int, default=40)
    args = parser.parse_args()
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL server, e.g. postgres://postgres@127.0.0.1:5432/postgres")
    name = f"mecc_bench_{os.getpid()}"
    conversations = 1_000_000 if args.quick else 10_000_000
    create_database(base, name)
    os.environ.update(
        DATABASE_URL=bench_database_url(base, name),
        DJANGO_SETTINGS_MODULE="mecc.settings",
        DEBUG="false",
        SECRET_KEY=os.environ.get("SECRET_KEY", "benchmark-only-secret-key-0123456789abcdef"),
        ALLOWED_HOSTS="testserver",
        SECURE_TRANSPORT="false",
        STATICFILES_STORAGE="django.contrib.staticfiles.storage.StaticFilesStorage",
        CONN_MAX_AGE="600",
    )
    os.environ.pop("REDIS_URL", None)  # charts are cached per process; the figures measure the database work
    import django

    django.setup()
    from django.core.cache import cache
    from django.core.management import call_command
    from django.test import Client

    from organisations.models import Membership, User

    log: dict = {}
    try:
        print(f"Loading {conversations:,} conversations for {PROVIDERS} providers and {STAFF:,} staff…", flush=True)
        timed("migrate", lambda: call_command("migrate", verbosity=0), log)
        icb, providers = load(conversations, log)
        commissioner = User.objects.create_user("commissioner@bench.example", "x")
        Membership.objects.create(user=commissioner, organisation=icb, role="commissioner")
        # Commissioners must have two-factor authentication: give this one an authenticator, so every timed request
        # pays for the real check instead of being sent to set it up.
        from allauth.mfa.models import Authenticator

        Authenticator.objects.create(
            user=commissioner, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"}
        )
        client = Client()
        client.force_login(commissioner)
        results = {
            "scale": {"providers": PROVIDERS, "staff": STAFF, "conversations": conversations},
            "load_seconds": log,
            "sc8_portfolio": time_requests(client, "/o/bench-icb/sc8/", args.runs),
            # Every provider's cached training coverage forgotten before each request: the cost after a change
            # everywhere, or the first request of the day.
            "sc8_portfolio_cold_cache": time_requests(
                client, "/o/bench-icb/sc8/", args.runs, before=lambda: cache.clear()
            ),
            "sc8_provider_drilldown": time_requests(
                client, f"/o/bench-icb/sc8/providers/{providers[0].pk}/", args.runs
            ),
            "naive_activity_over_raw_rows": naive_activity(icb, max(5, args.runs // 4)),
            "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        }
        results["goal"] = {"sc8_portfolio_p95_ms_below": 200, "met": results["sc8_portfolio"]["p95_ms"] < 200}
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            drop_database(base, name)
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / f"sc8-dashboard{'-quick' if args.quick else ''}.json").write_text(json.dumps(results, indent=2))
    print("\n| measure | p50 ms | p95 ms |\n| --- | --- | --- |")
    for key in ("sc8_portfolio", "sc8_portfolio_cold_cache", "sc8_provider_drilldown", "naive_activity_over_raw_rows"):
        print(f"| {key} | {results[key]['p50_ms']} | {results[key]['p95_ms']} |")
    print(f"\nGoal p95 < 200 ms for the portfolio: {'met' if results['goal']['met'] else 'NOT met'}")


if __name__ == "__main__":
    main()
