"""Invitations: sending, accepting (new and existing accounts), expiry, single use, resend and revoke."""

import datetime
import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from organisations import services
from organisations.models import Invitation, Membership, User
from organisations.roles import Role
from tests.organisations.factories import PASSWORD, InvitationFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db


def accept_url_from(message) -> str:
    match = re.search(r"https?://[^/\s]+(/invitations/[^\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


@pytest.fixture
def admin(make_member):
    return make_member(Role.ORG_ADMIN)


def invite(client, admin, django_capture_on_commit_callbacks, **data):
    client.force_login(admin.user)
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(reverse("organisations:invitations", args=[admin.organisation.slug]), data)


def test_admin_invites_by_email_and_the_email_carries_a_working_link(client, admin, django_capture_on_commit_callbacks):
    team = TeamFactory(organisation=admin.organisation)
    response = invite(
        client,
        admin,
        django_capture_on_commit_callbacks,
        email="New.Person@Example.nhs.uk",
        role=Role.TEAM_MANAGER,
        team=team.pk,
    )
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.email == "new.person@example.nhs.uk"
    assert (invitation.role, invitation.team, invitation.invited_by) == (Role.TEAM_MANAGER, team, admin.user)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["new.person@example.nhs.uk"]
    assert admin.organisation.name in mail.outbox[0].subject
    invitation.refresh_from_db()
    assert invitation.send_count == 1 and invitation.sent_at is not None

    client.logout()
    page = client.get(accept_url_from(mail.outbox[0]))
    assert page.status_code == 200
    assert "Join " + admin.organisation.name in page.text


def test_inviting_with_bad_input_shows_an_error_summary_and_sends_nothing(
    client, admin, django_capture_on_commit_callbacks
):
    response = invite(client, admin, django_capture_on_commit_callbacks, email="not-an-email", role="")
    assert response.status_code == 200
    assert "There is a problem" in response.text
    assert 'href="#id_email"' in response.text
    assert 'href="#id_role_0"' in response.text
    assert "Select a role" in response.text
    assert not Invitation.objects.exists() and not mail.outbox


def test_cannot_invite_an_existing_member_or_invite_twice(
    client, admin, make_member, django_capture_on_commit_callbacks
):
    member = make_member(Role.FRONTLINE, organisation=admin.organisation)
    response = invite(client, admin, django_capture_on_commit_callbacks, email=member.user.email, role=Role.TRAINER)
    assert "already a member" in response.text
    InvitationFactory(organisation=admin.organisation, email="waiting@example.nhs.uk")
    response = invite(client, admin, django_capture_on_commit_callbacks, email="waiting@example.nhs.uk", role="trainer")
    assert "already has an invitation waiting" in response.text
    assert Invitation.objects.count() == 1


def test_team_from_another_organisation_is_refused(client, admin, django_capture_on_commit_callbacks):
    foreign_team = TeamFactory()
    response = invite(
        client,
        admin,
        django_capture_on_commit_callbacks,
        email="x@example.nhs.uk",
        role="frontline",
        team=foreign_team.pk,
    )
    assert response.status_code == 200
    assert "There is a problem" in response.text
    assert not Invitation.objects.exists()


def test_new_person_accepts_creates_account_verified_and_is_signed_in(client, organisation):
    team = TeamFactory(organisation=organisation)
    invitation = InvitationFactory(organisation=organisation, role=Role.TRAINER, team=team)
    url = reverse("invitation_accept", args=[services.invitation_token(invitation)])
    response = client.post(url, {"full_name": "Nia Newcomer", "password1": PASSWORD, "password2": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("organisations:home", args=[organisation.slug])
    user = User.objects.get(email=invitation.email)
    assert user.full_name == "Nia Newcomer" and user.check_password(PASSWORD)
    membership = Membership.objects.get(user=user)
    assert (membership.organisation, membership.role, membership.team) == (organisation, Role.TRAINER, team)
    assert EmailAddress.objects.get(user=user).verified
    assert client.get(response["Location"]).status_code == 200


def test_accept_form_errors_keep_the_invitation_usable(client, organisation):
    invitation = InvitationFactory(organisation=organisation)
    url = reverse("invitation_accept", args=[services.invitation_token(invitation)])
    response = client.post(url, {"full_name": "", "password1": "short", "password2": "different"})
    assert response.status_code == 200
    assert "There is a problem" in response.text and "Enter your name" in response.text
    response = client.post(url, {"full_name": "Nia", "password1": "password123", "password2": "password123"})
    assert "too common" in response.text
    assert not User.objects.exists()
    invitation.refresh_from_db()
    assert invitation.is_pending


def test_existing_account_must_sign_in_then_accepts_and_joins(client, organisation, make_member):
    existing = make_member(Role.FRONTLINE).user  # member of some other organisation
    invitation = InvitationFactory(organisation=organisation, email=existing.email, role=Role.BOARD_MEMBER)
    url = reverse("invitation_accept", args=[services.invitation_token(invitation)])
    page = client.get(url)
    assert "Sign in to accept your invitation" in page.text
    client.force_login(existing)
    assert "Accept invitation" in client.get(url).text
    response = client.post(url)
    assert response.status_code == 302
    assert Membership.objects.get(user=existing, organisation=organisation).role == Role.BOARD_MEMBER
    assert existing.memberships.count() == 2


def test_signed_in_as_someone_else_is_told_and_nothing_changes(client, organisation):
    invitation = InvitationFactory(organisation=organisation)
    client.force_login(UserFactory())
    url = reverse("invitation_accept", args=[services.invitation_token(invitation)])
    assert "different email address" in client.get(url).text
    client.post(url)
    invitation.refresh_from_db()
    assert invitation.is_pending and not Membership.objects.exists()


def test_invitation_cannot_be_used_twice(client, organisation):
    invitation = InvitationFactory(organisation=organisation)
    url = reverse("invitation_accept", args=[services.invitation_token(invitation)])
    client.post(url, {"full_name": "Nia", "password1": PASSWORD, "password2": PASSWORD})
    client.logout()
    second = client.post(url, {"full_name": "Mallory", "password1": PASSWORD, "password2": PASSWORD})
    assert second.status_code == 410
    assert "already been accepted" in second.text
    assert User.objects.count() == 1


def test_expired_invitation_is_refused(client, organisation):
    invitation = InvitationFactory(organisation=organisation, expires_at=timezone.now() - datetime.timedelta(minutes=1))
    url = reverse("invitation_accept", args=[services.invitation_token(invitation)])
    response = client.post(url, {"full_name": "Late", "password1": PASSWORD, "password2": PASSWORD})
    assert response.status_code == 410
    assert "expired" in response.text
    assert not User.objects.exists()


def test_forged_or_mangled_token_is_404(client, organisation):
    invitation = InvitationFactory(organisation=organisation)
    token = services.invitation_token(invitation)
    assert client.get(reverse("invitation_accept", args=[token[:-2] + "xx"])).status_code == 404
    assert client.get(reverse("invitation_accept", args=["nonsense"])).status_code == 404


def test_resend_issues_a_new_link_and_the_old_one_stops_working(client, admin, django_capture_on_commit_callbacks):
    invitation = InvitationFactory(organisation=admin.organisation)
    old_url = reverse("invitation_accept", args=[services.invitation_token(invitation)])
    client.force_login(admin.user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("organisations:invitation_resend", args=[admin.organisation.slug, invitation.pk]))
    assert len(mail.outbox) == 1
    client.logout()
    assert client.get(old_url).status_code == 404
    assert client.get(accept_url_from(mail.outbox[0])).status_code == 200


def test_revoke_makes_the_link_unusable(client, admin):
    invitation = InvitationFactory(organisation=admin.organisation)
    url = reverse("invitation_accept", args=[services.invitation_token(invitation)])
    client.force_login(admin.user)
    client.post(reverse("organisations:invitation_revoke", args=[admin.organisation.slug, invitation.pk]))
    client.logout()
    response = client.get(url)
    assert response.status_code == 410 and "withdrawn" in response.text


def test_invitation_list_shows_each_status(client, admin):
    InvitationFactory(organisation=admin.organisation, email="pending@example.nhs.uk")
    InvitationFactory(organisation=admin.organisation, email="gone@example.nhs.uk", revoked_at=timezone.now())
    InvitationFactory(email="other-org@example.nhs.uk")
    client.force_login(admin.user)
    page = client.get(reverse("organisations:invitations", args=[admin.organisation.slug])).text
    assert "pending@example.nhs.uk" in page and "Pending" in page
    assert "gone@example.nhs.uk" in page and "Revoked" in page
    assert "other-org@example.nhs.uk" not in page


def test_email_task_does_not_send_for_a_revoked_invitation(organisation):
    invitation = InvitationFactory(organisation=organisation, revoked_at=timezone.now())
    assert services.send_invitation_email(invitation.pk) is False
    assert not mail.outbox
