"""An organisation always keeps an organisation admin, even when two changes race (security review L2)."""

import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from organisations import services
from organisations.models import Invitation, Membership
from organisations.roles import Role
from tests.conftest import need_service
from tests.organisations.factories import MembershipFactory, OrganisationFactory


def active_admins(organisation) -> int:
    return Membership.objects.for_organisation(organisation).active().filter(role=Role.ORG_ADMIN).count()


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_two_admins_deactivating_each_other_at_the_same_moment_leave_one_admin(monkeypatch):
    if connection.vendor != "postgresql":
        need_service("DATABASE_URL is not PostgreSQL: row locks are tested on PostgreSQL")
    organisation = OrganisationFactory()
    first, second = (MembershipFactory(organisation=organisation, role=Role.ORG_ADMIN) for _ in range(2))
    judged = services._is_last_active_admin

    def judged_slowly(membership):
        # Widen the window between the check and the write, so that without a lock both requests pass the check.
        verdict = judged(membership)
        time.sleep(0.5)
        return verdict

    monkeypatch.setattr(services, "_is_last_active_admin", judged_slowly)
    start, outcomes = threading.Barrier(2), []

    def deactivate(pk):
        try:
            start.wait()
            services.set_membership_active(Membership.objects.get(pk=pk), False)
            outcomes.append("deactivated")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=deactivate, args=(m.pk,)) for m in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["deactivated", "refused"]
    assert active_admins(organisation) == 1


@pytest.mark.django_db
def test_an_invitation_cannot_turn_the_last_admin_into_another_role():
    admin = MembershipFactory(role=Role.ORG_ADMIN)
    invitation = Invitation.objects.create(
        organisation=admin.organisation,
        email=admin.user.email,
        role=Role.FRONTLINE,
        expires_at=Invitation.new_expiry(),
    )
    with pytest.raises(ValidationError, match="without an organisation admin"):
        services.accept_invitation(invitation, admin.user)
    admin.refresh_from_db()
    assert admin.role == Role.ORG_ADMIN and active_admins(admin.organisation) == 1
