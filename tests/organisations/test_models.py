"""Model rules: ODS codes, case-insensitive unique email, invitation status, tenant scoping, the admin site."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from organisations.models import Organisation, Team, User
from tests.organisations.factories import InvitationFactory, OrganisationFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("code", ["RX1", "QWE", "A81001", "8J834", "rx1"])
def test_valid_ods_codes_are_accepted_and_upper_cased(code):
    organisation = Organisation(name="X", slug="x", kind=Organisation.Kind.NHS_TRUST, ods_code=code)
    organisation.full_clean()
    assert organisation.ods_code == code.upper()


@pytest.mark.parametrize("code", ["R1", "RX1-AB", "TOOLONG7", "RX 1", "RX1!"])
def test_invalid_ods_codes_are_refused_with_an_example(code):
    organisation = Organisation(name="X", slug="x", kind=Organisation.Kind.NHS_TRUST, ods_code=code)
    with pytest.raises(ValidationError) as error:
        organisation.full_clean()
    assert "like RX1" in str(error.value)


def test_ods_code_is_unique_but_may_be_blank_for_many():
    OrganisationFactory(ods_code="")
    OrganisationFactory(ods_code="")
    OrganisationFactory(ods_code="RX1")
    with pytest.raises(IntegrityError):
        OrganisationFactory(ods_code="RX1")


def test_email_is_unique_whatever_its_case():
    UserFactory(email="same@example.nhs.uk")
    with pytest.raises(IntegrityError):
        User.objects.create(email="SAME@example.nhs.uk")


def test_create_user_lower_cases_the_email():
    assert User.objects.create_user("Mixed.Case@Example.NHS.uk", "pw").email == "mixed.case@example.nhs.uk"


def test_invitation_status_follows_its_dates():
    now = timezone.now()
    assert InvitationFactory().status == "pending"
    assert InvitationFactory(expires_at=now - datetime.timedelta(seconds=1)).status == "expired"
    assert InvitationFactory(revoked_at=now).status == "revoked"
    assert InvitationFactory(accepted_at=now, revoked_at=now).status == "accepted"


def test_for_organisation_returns_only_that_organisations_rows():
    mine, theirs = OrganisationFactory(), OrganisationFactory()
    TeamFactory(organisation=mine, name="A")
    TeamFactory(organisation=theirs, name="B")
    assert [t.name for t in Team.objects.for_organisation(mine)] == ["A"]


def test_platform_staff_use_the_django_admin_and_members_cannot(client):
    staff = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(staff)
    assert client.get("/admin/organisations/organisation/").status_code == 200
    assert client.get("/admin/organisations/membership/").status_code == 200
    client.force_login(UserFactory())
    assert client.get("/admin/organisations/organisation/").status_code == 302
