"""The demo data command: idempotent, and every demo sign-in reaches its organisation's home page."""

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from assessment import scoring
from assessment.models import Assessment
from contacts import aggregates
from contacts.models import Conversation, Service
from organisations.demo import DEMO_PASSWORD, USERS
from organisations.models import CommissioningContract, Membership, Organisation, Team, User
from organisations.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def debug(settings):
    settings.DEBUG = True  # the demo loader refuses to run otherwise


def test_the_demo_loader_refuses_to_run_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="only with DEBUG=true"):
        call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert not User.objects.filter(email="platform@mecc.example").exists()


def counts():
    return [m.objects.count() for m in (Organisation, Team, User, Membership, CommissioningContract)]


def test_seed_demo_is_idempotent_and_covers_every_role():
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    first = counts()
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert counts() == first
    assert {m.role for m in Membership.objects.all()} == set(Role)
    icb = Organisation.objects.get(kind=Organisation.Kind.ICB)
    assert CommissioningContract.objects.filter(commissioner=icb).consented().count() == 3
    kinds = {o.kind for o in Organisation.objects.exclude(pk=icb.pk)}
    assert kinds == {Organisation.Kind.NHS_TRUST, Organisation.Kind.LOCAL_AUTHORITY}


def test_each_demo_user_signs_in_and_sees_the_right_home(client):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    for email in sorted({u[0] for u in USERS}):
        client.logout()
        response = client.post(reverse("account_login"), {"login": email, "password": DEMO_PASSWORD}, follow=True)
        memberships = Membership.objects.filter(user__email=email)
        if memberships.count() > 1:
            assert "Choose an organisation" in response.text, email
            continue
        membership = memberships.get()
        assert f"Hello, {membership.user.get_short_name()}" in response.text, email
        assert membership.get_role_display() in response.text and membership.organisation.name in response.text


def test_demo_contact_log_has_a_year_of_conversations_and_a_directory():

    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    for slug in ("midshire-hospitals", "midshire-community", "midshire-council"):
        organisation = Organisation.objects.get(slug=slug)
        dates = Conversation.objects.for_organisation(organisation).values_list("occurred_on", flat=True)
        assert len(dates) > 500 and (max(dates) - min(dates)).days > 300
        assert Service.objects.for_organisation(organisation).count() >= 8
    assert aggregates.disagreements() == {}


def test_demo_providers_have_a_baseline_and_a_repeat_assessment():

    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    for slug in ("midshire-hospitals", "midshire-community", "midshire-council"):
        done = list(Assessment.objects.filter(organisation__slug=slug, status="complete").order_by("completed_at"))
        assert len(done) == 2
        assert 170 <= (done[1].completed_at - done[0].completed_at).days <= 190
        assert scoring.score(done[1]).strong > scoring.score(done[0]).strong
