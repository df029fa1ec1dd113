"""Synthetic national-scale data for the benchmark, loaded set-based (INSERT … SELECT), never one ORM save per row.

50 provider trusts under one ICB (one large trust holds a tenth of the staff and of the conversations), 100,000
staff, and the conversations over two years with the demo data's topic, determinant and outcome mix, weekday
rhythm and growth; the signposting links, the daily aggregate rows, training records, checklists, objectives, two
assessments per provider and a signposting directory. The few dozen rows per provider that are not bulk (people
with a role, assessments, checklist progress) go through the app's own services, so they are what the app makes.

A second, small ICB with one small provider is the yardstick for query counts: same pages, few rows.
"""

import datetime
import random
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from bench import database

PASSWORD = "bench-password-0123"  # noqa: S105 - synthetic accounts in a throwaway database
TOTP_SECRET = "JBSWY3DPEHPK3PXP"  # noqa: S105 - privileged roles need two-factor authentication to use pages


@dataclass
class Scale:
    conversations: int
    providers: int = 50
    staff: int = 100_000
    days: int = 730
    large_share: float = 0.10  # of staff and conversations, held by the first provider
    teams: int = 10
    large_teams: int = 20

    def staff_of(self, index: int) -> int:
        large = round(self.staff * self.large_share)
        return large if index == 0 else (self.staff - large) // (self.providers - 1)

    def conversations_of(self, index: int) -> int:
        return round(self.conversations * self.staff_of(index) / self.staff)


@dataclass
class World:
    """Who and what the measurements use."""

    icb_slug: str
    providers: list  # [(id, slug)]
    large_slug: str
    large_id: int
    small_icb_slug: str
    small_slug: str
    small_id: int
    loggers: list = field(default_factory=list)  # [(user id, organisation slug)] frontline staff for the load
    people: dict = field(default_factory=dict)  # {(organisation slug, role): user id}


def world_of_database() -> World:
    """The World of a database loaded earlier (run.py --reuse): the names the generator gives are fixed."""
    from organisations.models import Membership, Organisation

    organisations = {o.slug: o for o in Organisation.objects.filter(slug__startswith="bench-")}
    providers = sorted((o.pk, o.slug) for slug, o in organisations.items() if slug[6:].isdigit())
    large, small = organisations["bench-00"], organisations["bench-small"]
    world = World("bench-icb", providers, large.slug, large.pk, "bench-small-icb", small.slug, small.pk)
    for membership in Membership.objects.filter(user__email__contains=".bench-").select_related("organisation"):
        world.people[(membership.organisation.slug, membership.role)] = membership.user_id
    _pick_loggers(world)
    return world


def timed(log: dict, label: str, function):
    start = time.perf_counter()
    result = function()
    log[label] = round(time.perf_counter() - start, 1)
    print(f"  {label}: {log[label]} s", flush=True)
    return result


SCRATCH_TABLES = ("bench_profile", "bench_day", "bench_recorder")  # the generator's own, dropped when it is done


def generate(url: str, scale: Scale, log: dict) -> World:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {', '.join(SCRATCH_TABLES)}")
    world = timed(log, "organisations, teams, contracts and checklists", lambda: _organisations(scale))
    with connection.cursor() as cursor:
        timed(log, "staff and memberships", lambda: _staff(cursor, world, scale))
    timed(log, "people with a role", lambda: _people(world))
    timed(log, "signposting directory", lambda: _directories(world))
    with connection.cursor() as cursor:
        _sampling_tables(cursor, scale)
    timed(log, f"{scale.conversations:,} conversations", lambda: _conversations(url, world, scale))
    timed(log, "signposting links", lambda: _links(url, world))
    timed(log, "daily aggregates", lambda: _aggregates(url, world))
    with connection.cursor() as cursor:
        timed(log, "training records", lambda: _training(cursor, world))
    timed(log, "assessments, checklist progress, objectives, reports", lambda: _programme(world))
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE {', '.join(SCRATCH_TABLES)}")
        timed(log, "analyze", lambda: cursor.execute("ANALYZE"))
    _pick_loggers(world)
    return world


def _organisations(scale: Scale) -> World:
    from organisations.models import CommissioningContract, Organisation, Team

    def organisation(name, slug, kind, headcount):
        return Organisation.objects.create(name=name, slug=slug, kind=kind, staff_headcount=headcount)

    icb = organisation("Benchmark ICB", "bench-icb", "icb", 400)
    providers = []
    for index in range(scale.providers):
        provider = organisation(
            f"Benchmark Trust {index:02d}", f"bench-{index:02d}", "nhs_trust", scale.staff_of(index)
        )
        teams = scale.large_teams if index == 0 else scale.teams
        Team.objects.bulk_create([Team(organisation=provider, name=f"Team {t:02d}") for t in range(teams)])
        CommissioningContract.objects.create(
            commissioner=icb, provider=provider, reference=f"B-{index:02d}", start_date="2024-04-01", status="accepted"
        )
        providers.append(provider)
    small_icb = organisation("Small ICB", "bench-small-icb", "icb", 50)
    small = organisation("Small Trust", "bench-small", "nhs_trust", 30)
    Team.objects.bulk_create([Team(organisation=small, name=f"Team {t}") for t in range(3)])
    CommissioningContract.objects.create(
        commissioner=small_icb, provider=small, reference="S-1", start_date="2024-04-01", status="accepted"
    )
    return World(
        icb_slug=icb.slug,
        providers=[(p.pk, p.slug) for p in providers],
        large_slug=providers[0].slug,
        large_id=providers[0].pk,
        small_icb_slug=small_icb.slug,
        small_slug=small.slug,
        small_id=small.pk,
    )


def _all_providers(world: World) -> list[tuple[int, str]]:
    return [*world.providers, (world.small_id, world.small_slug)]


def _staff(cursor, world: World, scale: Scale) -> None:
    """Users and memberships: 90% frontline, 10% team managers, spread over the provider's teams."""
    sizes = [(pk, scale.staff_of(i)) for i, (pk, _) in enumerate(world.providers)] + [(world.small_id, 30)]
    for pk, size in sizes:
        params = {"org": pk, "size": size}
        cursor.execute(
            """
            INSERT INTO organisations_user (email, password, full_name, is_staff, is_active, is_superuser,
                date_joined)
            SELECT 'staff' || g || '.' || %(org)s || '@bench.example', '!', 'Staff member ' || g, false, true, false,
                   now()
            FROM generate_series(0, %(size)s - 1) AS g
            """,
            params,
        )
        cursor.execute(
            """
            INSERT INTO organisations_membership (user_id, organisation_id, role, team_id, is_active, created_at)
            SELECT u.id, %(org)s, CASE WHEN g %% 10 = 9 THEN 'team_manager' ELSE 'frontline' END,
                   t.ids[1 + g %% array_length(t.ids, 1)], true, now()
            FROM generate_series(0, %(size)s - 1) AS g
            JOIN organisations_user u ON u.email = 'staff' || g || '.' || %(org)s || '@bench.example',
                 (SELECT array_agg(id ORDER BY id) AS ids FROM organisations_team WHERE organisation_id = %(org)s) t
            """,
            params,
        )
    # Who records conversations: each provider's frontline staff, numbered from 0 for random picks in SQL.
    cursor.execute(
        """
        CREATE UNLOGGED TABLE bench_recorder AS
        SELECT organisation_id, user_id, team_id,
               row_number() OVER (PARTITION BY organisation_id ORDER BY id) - 1 AS n
        FROM organisations_membership WHERE role = 'frontline'
        """
    )
    cursor.execute("CREATE INDEX ON bench_recorder (organisation_id, n)")


def _people(world: World) -> None:
    """An admin, an implementation lead, a trainer and a board member per provider; a commissioner per ICB."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator
    from django.contrib.auth.hashers import make_password

    from organisations.models import Membership, Organisation, User
    from organisations.roles import MFA_REQUIRED_ROLES

    roles = ["org_admin", "implementation_lead", "trainer", "board_member"]
    targets = [(slug, role) for _, slug in _all_providers(world) for role in roles]
    targets += [(world.icb_slug, "commissioner"), (world.small_icb_slug, "commissioner")]
    organisations = {o.slug: o for o in Organisation.objects.all()}
    password = make_password(PASSWORD)  # hashed once: two hundred PBKDF2 rounds would take most of a minute
    for slug, role in targets:
        user = User.objects.create(email=f"{role}.{slug}@bench.example", password=password, full_name=f"{role} {slug}")
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        Membership.objects.create(user=user, organisation=organisations[slug], role=role)
        if role in MFA_REQUIRED_ROLES:
            Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": TOTP_SECRET})
        world.people[(slug, role)] = user.pk


def _directories(world: World) -> None:
    from contacts import demo
    from organisations.models import Organisation

    for organisation in Organisation.objects.filter(kind="nhs_trust"):
        demo.seed_directory(organisation)


def _sampling_tables(cursor, scale: Scale) -> None:
    """Conversation profiles drawn with the demo data's weights, and day tickets with its weekday rhythm and growth.

    Rows then pick a profile and a day at random in SQL, so ten million rows keep the same mix as the demo.
    """
    from contacts import content
    from contacts.demo import DETERMINANT_WEIGHTS, OUTCOME_WEIGHTS, TOPIC_WEIGHTS, _pick

    rng = random.Random(2026)  # noqa: S311 - synthetic data
    settings = [s.code for s in content.SETTINGS[:8]]
    profiles = []
    for n in range(8192):
        topics = _pick(rng, TOPIC_WEIGHTS) if rng.random() < 0.9 else []
        determinants = _pick(rng, DETERMINANT_WEIGHTS, 1) if rng.random() < 0.25 or not topics else []
        profiles.append(
            (
                n,
                rng.choice(settings),
                rng.choices(["service_user", "carer", "public", "colleague"], [70, 10, 12, 8])[0],
                rng.choices(["staff", "person"], [75, 25])[0],
                rng.choices(["very_brief", "brief"], [70, 30])[0],
                rng.choice(["wants_to", "unsure", "not_ready", ""]),
                content.to_mask(content.TOPICS, topics),
                content.to_mask(content.DETERMINANTS, determinants),
                content.to_mask(content.OUTCOMES, _pick(rng, OUTCOME_WEIGHTS, 1)),
                content.to_mask(content.RESOURCES, rng.choice([[], [], ["leaflet"], ["web_link"]])),
            )
        )
    cursor.execute(
        "CREATE UNLOGGED TABLE bench_profile (n int PRIMARY KEY, setting text, contact_type text, raised_by text, "
        "intervention_level text, readiness text, topics int, determinants int, outcomes int, resources int)"
    )
    cursor.executemany("INSERT INTO bench_profile VALUES (" + ", ".join(["%s"] * 10) + ")", profiles)
    today = datetime.date.today()
    tickets = []
    for offset in range(scale.days):
        day = today - datetime.timedelta(days=offset)
        growth = 0.4 + 0.6 * (scale.days - offset) / scale.days
        weight = round(10 * growth * (1.0 if day.weekday() < 5 else 0.3))
        tickets += [day] * max(1, weight)
    cursor.execute("CREATE UNLOGGED TABLE bench_day (n int PRIMARY KEY, day date)")
    cursor.executemany("INSERT INTO bench_day VALUES (%s, %s)", list(enumerate(tickets)))
    cursor.execute("ANALYZE bench_profile; ANALYZE bench_day; ANALYZE bench_recorder")


class IndexesBuiltAfter:
    """Drop a table's secondary indexes and unique constraints for a bulk load and build them again afterwards,
    from their own definitions in the catalogue: maintained row by row they would triple the load time."""

    def __init__(self, url: str, table: str):
        self.url, self.table = url, table

    def __enter__(self):
        self.connection = database.connect(self.url)
        with self.connection.cursor() as cursor:
            cursor.execute(
                """
                SELECT i.relname, pg_get_indexdef(i.oid), c.conname, pg_get_constraintdef(c.oid)
                FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
                LEFT JOIN pg_constraint c ON c.conindid = x.indexrelid AND c.contype = 'u'
                WHERE x.indrelid = %s::regclass AND NOT x.indisprimary
                """,
                [self.table],
            )
            self.definitions = cursor.fetchall()
            for index, _, constraint, _ in self.definitions:
                if constraint:
                    cursor.execute(f'ALTER TABLE {self.table} DROP CONSTRAINT "{constraint}"')
                else:
                    cursor.execute(f'DROP INDEX "{index}"')
        return self

    def __exit__(self, *exc):
        with self.connection.cursor() as cursor:
            cursor.execute("SET maintenance_work_mem = '1GB'")
            for _, index_definition, constraint, constraint_definition in self.definitions:
                if constraint:
                    cursor.execute(f'ALTER TABLE {self.table} ADD CONSTRAINT "{constraint}" {constraint_definition}')
                else:
                    cursor.execute(index_definition)
        self.connection.close()


def _conversation_statement(organisation_id: int, count: int) -> tuple[str, list]:
    return (
        """
        INSERT INTO evaluation_conversation (organisation_id, occurred_on, team_id, recorded_by_id, setting,
            contact_type, raised_by, intervention_level, readiness, pathway_stage, topics, determinants, outcomes,
            resources, nice_outcomes, note, client_key, created_at, updated_at)
        SELECT %(org)s, d.day, r.team_id, r.user_id, p.setting, p.contact_type, p.raised_by, p.intervention_level,
               p.readiness, '', p.topics, p.determinants, p.outcomes, p.resources, 0, '', gen_random_uuid(),
               d.day + time '08:00' + x.minute * interval '1 minute', d.day + time '08:00' + x.minute * interval '1 minute'
        FROM (SELECT floor(random() * (SELECT count(*) FROM bench_profile))::int AS profile,
                     floor(random() * (SELECT count(*) FROM bench_day))::int AS ticket,
                     floor(random() * (SELECT count(*) FROM bench_recorder WHERE organisation_id = %(org)s))::int AS who,
                     floor(random() * 600)::int AS minute
              FROM generate_series(1, %(count)s)) x
        JOIN bench_profile p ON p.n = x.profile
        JOIN bench_day d ON d.n = x.ticket
        JOIN bench_recorder r ON r.organisation_id = %(org)s AND r.n = x.who
        """,
        {"org": organisation_id, "count": count},
    )


def _parallel(url: str, statements: list, workers: int = 2) -> None:
    """Run statements on `workers` connections at once: loading is CPU-bound in PostgreSQL, one core per backend."""

    def run(batch):
        connection = database.connect(url)
        with connection.cursor() as cursor:
            cursor.execute("SET synchronous_commit = off; SET work_mem = '256MB'")
            for sql, params in batch:
                cursor.execute(sql, params)
        connection.close()

    batches = [statements[i::workers] for i in range(workers)]
    with ThreadPoolExecutor(workers) as pool:
        list(pool.map(run, batches))


def _conversations(url: str, world: World, scale: Scale) -> None:
    # The large provider first, split in ten, so both connections stay busy to the end.
    statements = []
    for index, (pk, _) in enumerate(world.providers):
        count = scale.conversations_of(index)
        parts = 10 if index == 0 else 1
        statements += [_conversation_statement(pk, count // parts) for _ in range(parts)]
    statements.append(_conversation_statement(world.small_id, 300))
    with IndexesBuiltAfter(url, "evaluation_conversation"):
        _parallel(url, statements)


def _links(url: str, world: World) -> None:
    """Signposted or referred conversations link to a service of their own provider's directory."""
    statements = [
        (
            """
            INSERT INTO evaluation_conversation_services (conversation_id, service_id)
            SELECT c.id, s.ids[1 + c.id %% array_length(s.ids, 1)]
            FROM evaluation_conversation c,
                 (SELECT array_agg(id ORDER BY id) AS ids FROM evaluation_service WHERE organisation_id = %(org)s) s
            WHERE c.organisation_id = %(org)s AND c.outcomes & %(bits)s <> 0
            """,
            {"org": pk, "bits": _outcome_bits("signposted", "referred")},
        )
        for pk, _ in _all_providers(world)
    ]
    with IndexesBuiltAfter(url, "evaluation_conversation_services"):
        _parallel(url, statements)


def _outcome_bits(*codes) -> int:
    from contacts import content

    return content.to_mask(content.OUTCOMES, codes)


def _aggregates(url: str, world: World) -> None:
    """The daily aggregate rows exactly as contacts.aggregates.rebuild() makes them, in one pass per provider, then
    their organisation-wide roll-up.

    Each provider's rows are grouped once with GROUPING SETS (one set per dimension); the bit-mask dimensions are
    grouped by mask, then spread over their bits. The unique key and indexes are built after the load.
    """
    from contacts.aggregates import MULTI_DIMENSIONS, SINGLE_DIMENSIONS
    from contacts.models import DailyConversationCount, OrganisationDailyCount

    table = DailyConversationCount._meta.db_table
    columns = list(SINGLE_DIMENSIONS.values()) + [column for column, _ in MULTI_DIMENSIONS.values()]
    sets = ["(organisation_id, team_key, occurred_on)"] + [
        f"(organisation_id, team_key, occurred_on, {column})" for column in columns
    ]
    grouping = f"GROUPING({', '.join(columns)})"
    everything = (1 << len(columns)) - 1

    def only(column):  # GROUPING() bit is 0 for the grouped column, leftmost argument most significant
        return everything - (1 << (len(columns) - 1 - columns.index(column)))

    parts = [f"SELECT o, t, d, 'all', '', n FROM g WHERE gid = {everything}"]
    for dimension, column in SINGLE_DIMENSIONS.items():
        parts.append(f"SELECT o, t, d, '{dimension}', {column}, n FROM g WHERE gid = {only(column)}")
    for dimension, (column, items) in MULTI_DIMENSIONS.items():
        bits = ", ".join(f"({1 << item.bit}, '{item.code}')" for item in items)
        parts.append(
            f"SELECT o, t, d, '{dimension}', b.code, sum(n) FROM g JOIN (VALUES {bits}) AS b(bit, code) "
            f"ON g.{column} & b.bit <> 0 WHERE gid = {only(column)} GROUP BY o, t, d, b.code"
        )
    statement = f"""
        INSERT INTO {table} (organisation_id, team_key, day, dimension, value, count)
        WITH g AS MATERIALIZED (
            SELECT organisation_id AS o, team_key AS t, occurred_on AS d, {", ".join(columns)}, {grouping} AS gid,
                   count(*) AS n
            FROM (SELECT *, coalesce(team_id, 0) AS team_key FROM evaluation_conversation
                  WHERE organisation_id = %(org)s) c
            GROUP BY GROUPING SETS ({", ".join(sets)})
        )
        {" UNION ALL ".join(parts)}
    """  # noqa: S608 - column names and codes are the app's own
    with IndexesBuiltAfter(url, table):
        _parallel(url, [(statement, {"org": pk}) for pk, _ in _all_providers(world)])
    wide = OrganisationDailyCount._meta.db_table
    roll_up = f"""
        INSERT INTO {wide} (organisation_id, dimension, day, value, count)
        SELECT organisation_id, dimension, day, value, sum(count) FROM {table} WHERE organisation_id = %(org)s
        GROUP BY organisation_id, dimension, day, value
    """  # noqa: S608 - the app's own table names
    with IndexesBuiltAfter(url, wide):
        _parallel(url, [(roll_up, {"org": pk}) for pk, _ in _all_providers(world)])


def _training(cursor, world: World) -> None:
    """Two resources per provider and an e-learning completion for about 60% of frontline staff."""
    cursor.execute(
        """
        INSERT INTO training_trainingresource (organisation_id, name, provider, delivery, intervention_level,
            competence_level, link)
        SELECT o.id, r.name, 'Benchmark', r.delivery, r.level, r.competence, ''
        FROM organisations_organisation o,
             (VALUES ('MECC e-learning (core)', 'e_learning', 'very_brief', 'core'),
                     ('Healthy conversations workshop', 'face_to_face', 'brief', 'skilled')) AS r(name, delivery,
                     level, competence)
        WHERE o.kind = 'nhs_trust'
        """
    )
    cursor.execute(
        """
        INSERT INTO training_trainingrecord (organisation_id, membership_id, resource_id, completed_on, source)
        SELECT m.organisation_id, m.id, r.id, current_date - (random() * 700)::int, 'import'
        FROM organisations_membership m
        JOIN training_trainingresource r ON r.organisation_id = m.organisation_id AND r.delivery = 'e_learning'
        WHERE m.role = 'frontline' AND random() < 0.6
        """
    )


def _programme(world: World) -> None:
    """Per provider, through the app's services: checklist progress and objectives, two completed assessments, one
    quality-assured resource, a ready evaluation report for every other provider."""
    from django.utils import timezone

    from assessment import services as assessment_services
    from assessment.models import Assessment, FactorLevel
    from evaluation.models import EvaluationReport
    from implementation.demo import seed_implementation
    from organisations.models import Organisation, User
    from training import content as training_content
    from training import services as training_services
    from training.models import TrainingResource

    rng = random.Random(7)  # noqa: S311 - synthetic data
    levels = {
        (level.factor_id, level.level): level for level in FactorLevel.objects.filter(factor__scheme__is_current=True)
    }
    today = datetime.date.today()
    for index, (pk, slug) in enumerate(_all_providers(world)):
        organisation = Organisation.objects.get(pk=pk)
        lead = User.objects.get(pk=world.people[(slug, "implementation_lead")])
        trainer = User.objects.get(pk=world.people[(slug, "trainer")])
        seed_implementation(organisation, lead)
        for days_ago in (200, 20):
            assessment = assessment_services.start_assessment(
                organisation=organisation, started_by=lead, scope="organisation", team=None,
                scope_note="Benchmark", participants="Implementation group",
            )  # fmt: skip
            ratings = {r.factor_id: (levels[(r.factor_id, rng.choice("abcd"))], "") for r in assessment.ratings.all()}
            assessment_services.save_ratings(assessment, ratings)
            assessment_services.complete_assessment(assessment, lead)
            when = timezone.make_aware(
                datetime.datetime.combine(today - datetime.timedelta(days=days_ago), datetime.time(12))
            )
            Assessment.objects.filter(pk=assessment.pk).update(completed_at=when)
        workshop = TrainingResource.objects.get(organisation=organisation, delivery="face_to_face")
        evaluation = training_services.start_evaluation(workshop, trainer)
        training_services.save_ratings(
            evaluation,
            {m.code: {"rating": training_content.FULLY_MET, "evidence": "Reviewed"} for m in training_content.MARKERS},
        )
        training_services.complete_evaluation(evaluation)
        if index % 2 == 0:
            EvaluationReport.objects.create(
                organisation=organisation, period_label="Last year", start=today - datetime.timedelta(days=365),
                end=today, status="ready", requested_by=lead,
            )  # fmt: skip


def _pick_loggers(world: World, count: int = 32) -> None:
    """Frontline staff of the first providers, a few from each, to log conversations under load."""
    from organisations.models import Membership

    for pk, slug in world.providers[:8]:
        frontline = Membership.objects.filter(organisation_id=pk, role="frontline").order_by("pk")[: count // 8]
        world.loggers += [(m.user_id, slug) for m in frontline]
