"""The benchmark's synthetic data obeys the app's own rules: the daily aggregates built in SQL equal what the app
computes from the raw rows, every conversation is recorded by a frontline member of its provider in that member's
team, signposting links stay inside the provider, and the tables keep every index the app declared."""

import pytest
from django.db import connection

from bench.generate import Scale, generate
from contacts import aggregates, content
from contacts.models import Conversation
from organisations.models import Membership
from tests.conftest import need_service

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

SCALE = Scale(conversations=3000, providers=3, staff=300, days=60, teams=3, large_teams=4)


def indexes(table):
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s", [table])
        return set(cursor.fetchall())


@pytest.fixture
def database_url():
    if connection.vendor != "postgresql":
        need_service("the benchmark's generator needs PostgreSQL")
    settings = connection.settings_dict
    return (
        f"postgres://{settings['USER']}@{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}/{settings['NAME']}"
    )


def test_generated_data_follows_the_apps_rules(database_url):
    tables = ("evaluation_conversation", "evaluation_dailyconversationcount", "evaluation_conversation_services")
    before = {table: indexes(table) for table in tables}
    world = generate(database_url, SCALE, {})

    expected = sum(SCALE.conversations_of(i) for i in range(SCALE.providers)) + 300  # and the small provider's
    assert Conversation.objects.count() == expected
    assert aggregates.disagreements() == {}
    assert {table: indexes(table) for table in tables} == before

    frontline = {(m.user_id, m.organisation_id): m.team_id for m in Membership.objects.filter(role="frontline")}
    for conversation in Conversation.objects.all():
        assert frontline[(conversation.recorded_by_id, conversation.organisation_id)] == conversation.team_id
    signposting = content.to_mask(content.OUTCOMES, ["signposted", "referred"])
    for conversation in Conversation.objects.prefetch_related("services"):
        linked = list(conversation.services.all())
        assert len(linked) == (1 if conversation.outcomes & signposting else 0)
        assert all(service.organisation_id == conversation.organisation_id for service in linked)

    assert len(world.loggers) == 12 and all(slug.startswith("bench-") for _, slug in world.loggers)
    assert world.people[(world.icb_slug, "commissioner")] and world.people[(world.large_slug, "org_admin")]
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_tables WHERE tablename LIKE 'bench\\_%%'")
        assert cursor.fetchone()[0] == 0  # its scratch tables are gone
