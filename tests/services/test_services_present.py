"""In CI the suite must run on the real services; this fails (never skips) there when they are not in use."""

import pytest
import redis
from django.conf import settings
from django.db import connection

from tests.conftest import REQUIRE_SERVICES, need_service

pytestmark = pytest.mark.services


@pytest.mark.django_db
def test_database_is_postgresql_when_services_are_required():
    if connection.vendor != "postgresql":
        need_service(f"the test database is {connection.vendor}, not PostgreSQL")
    with connection.cursor() as cursor:
        cursor.execute("select 1")
        assert cursor.fetchone() == (1,)


def test_redis_answers():
    if not settings.REDIS_URL:
        need_service("REDIS_URL is not set")
    assert redis.Redis.from_url(settings.REDIS_URL, socket_timeout=5).ping() is True


def test_ci_flag_is_honoured():
    # Documented contract: CI exports MECC_REQUIRE_SERVICES=1 with both URLs.
    if REQUIRE_SERVICES:
        assert settings.REDIS_URL and settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
