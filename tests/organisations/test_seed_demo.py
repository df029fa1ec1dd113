"""The demo data command: idempotent, and every demo sign-in reaches its organisation's home page."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from organisations.management.commands.seed_demo import DEMO_PASSWORD, USERS
from organisations.models import CommissioningContract, Membership, Organisation, Team, User
from organisations.roles import Role

pytestmark = pytest.mark.django_db


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


@pytest.mark.parametrize("email", sorted({u[0] for u in USERS}))
def test_each_demo_user_signs_in_and_sees_the_right_home(client, email):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    response = client.post(reverse("account_login"), {"login": email, "password": DEMO_PASSWORD}, follow=True)
    membership = Membership.objects.filter(user__email=email).first()
    page = response.text
    if Membership.objects.filter(user__email=email).count() > 1:
        assert "Choose an organisation" in page
    else:
        assert f"Hello, {membership.user.get_short_name()}" in page
        assert membership.get_role_display() in page and membership.organisation.name in page
