"""Shared fixtures: members of organisations in any role, signed-in clients, and the services switch."""

import os

import pytest
from django.core.cache import cache

from assessment.publishing import install_shipped_scheme
from organisations.roles import Role
from tests.organisations.factories import MembershipFactory, OrganisationFactory
from training.checklists import install_shipped as install_shipped_checklist

# CI sets this: a test that needs PostgreSQL, Redis or a Celery worker must fail, not skip, when they are missing.
REQUIRE_SERVICES = os.environ.get("MECC_REQUIRE_SERVICES") == "1"


def need_service(reason: str):
    """Skip locally, fail in CI, when a real service the test needs is not there."""
    if REQUIRE_SERVICES:
        pytest.fail(f"{reason} (MECC_REQUIRE_SERVICES=1: CI must not skip this)")
    pytest.skip(reason)


@pytest.fixture
def organisation(db):
    return OrganisationFactory()


@pytest.fixture
def make_member(db):
    """make_member(role, organisation=None, **fields) -> Membership."""

    def make(role=Role.FRONTLINE, organisation=None, **fields):
        return MembershipFactory(role=role, organisation=organisation or OrganisationFactory(), **fields)

    return make


@pytest.fixture
def signed_in(client):
    """signed_in(user) -> the test client, signed in as that user."""

    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in


@pytest.fixture(autouse=True)
def fresh_cache():
    """Every test starts with an empty cache, so allauth's per-IP sign-in rate limits never carry over."""

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def shipped_content(request):
    """Transactional tests flush the database afterwards, data migrations included: put shipped content back."""
    if "transactional_db" in request.fixturenames or "live_server" in request.fixturenames:
        request.getfixturevalue("transactional_db")

        install_shipped_scheme()
        install_shipped_checklist()
