"""Organisation admins manage members and teams; a deactivated membership ends access at once."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from organisations.models import Membership, Team
from organisations.roles import Role
from tests.organisations.factories import MembershipFactory, TeamFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(make_member):
    return make_member(Role.ORG_ADMIN)


def test_member_list_shows_own_members_only_and_filters(client, admin, make_member, django_assert_max_num_queries):
    team = TeamFactory(organisation=admin.organisation)
    for _ in range(3):
        make_member(Role.FRONTLINE, organisation=admin.organisation, team=team)
    trainer = make_member(Role.TRAINER, organisation=admin.organisation)
    stranger = make_member(Role.FRONTLINE)
    client.force_login(admin.user)
    url = reverse("organisations:members", args=[admin.organisation.slug])
    page = client.get(url).text
    assert trainer.user.email in page and stranger.user.email not in page
    filtered = client.get(url, {"role": Role.TRAINER}).text
    assert trainer.user.email in filtered and admin.user.email not in filtered
    # The query count does not grow with the number of members shown.
    for _ in range(20):
        make_member(Role.FRONTLINE, organisation=admin.organisation, team=team)
    with django_assert_max_num_queries(12):
        client.get(url)


def test_admin_changes_role_and_team(client, admin, make_member):
    member = make_member(Role.FRONTLINE, organisation=admin.organisation)
    team = TeamFactory(organisation=admin.organisation)
    client.force_login(admin.user)
    url = reverse("organisations:member_edit", args=[admin.organisation.slug, member.pk])
    response = client.post(url, {"role": Role.TEAM_MANAGER, "team": team.pk})
    assert response.status_code == 302
    member.refresh_from_db()
    assert (member.role, member.team) == (Role.TEAM_MANAGER, team)


def test_team_of_another_organisation_cannot_be_assigned(client, admin, make_member):
    member = make_member(Role.FRONTLINE, organisation=admin.organisation)
    client.force_login(admin.user)
    url = reverse("organisations:member_edit", args=[admin.organisation.slug, member.pk])
    response = client.post(url, {"role": Role.FRONTLINE, "team": TeamFactory().pk})
    assert response.status_code == 200 and "There is a problem" in response.text
    member.refresh_from_db()
    assert member.team is None


def test_last_admin_cannot_demote_or_deactivate_themself(client, admin):
    client.force_login(admin.user)
    edit = reverse("organisations:member_edit", args=[admin.organisation.slug, admin.pk])
    response = client.post(edit, {"role": Role.FRONTLINE})
    assert "at least one organisation admin" in response.text
    client.post(
        reverse("organisations:member_set_active", args=[admin.organisation.slug, admin.pk]),
        {"active": "false", "confirmed": "yes"},
    )
    admin.refresh_from_db()
    assert admin.role == Role.ORG_ADMIN and admin.is_active


def test_deactivating_a_member_ends_their_access_at_once(client, admin, make_member):
    member = make_member(Role.IMPLEMENTATION_LEAD, organisation=admin.organisation)
    member_client = type(client)()
    member_client.force_login(member.user)
    home = reverse("organisations:home", args=[admin.organisation.slug])
    assert member_client.get(home).status_code == 200
    client.force_login(admin.user)
    deactivate = reverse("organisations:member_set_active", args=[admin.organisation.slug, member.pk])
    confirm = client.post(deactivate, {"active": "false"})  # first, the question
    assert confirm.status_code == 200 and "Yes, deactivate" in confirm.text
    assert member_client.get(home).status_code == 200
    client.post(deactivate, {"active": "false", "confirmed": "yes"})
    assert member_client.get(home).status_code == 404
    client.post(
        reverse("organisations:member_set_active", args=[admin.organisation.slug, member.pk]), {"active": "true"}
    )
    assert member_client.get(home).status_code == 200


def test_admin_adds_and_renames_teams_with_clear_errors(client, admin):
    client.force_login(admin.user)
    url = reverse("organisations:teams", args=[admin.organisation.slug])
    assert client.post(url, {"name": "Maternity"}).status_code == 302
    duplicate = client.post(url, {"name": "maternity"})
    assert "already a team with this name" in duplicate.text and 'href="#id_name"' in duplicate.text
    empty = client.post(url, {"name": ""})
    assert "Enter the team name" in empty.text
    team = Team.objects.get()
    client.post(reverse("organisations:team_edit", args=[admin.organisation.slug, team.pk]), {"name": "Midwifery"})
    team.refresh_from_db()
    assert team.name == "Midwifery"


def test_same_team_name_is_fine_in_another_organisation(client, admin):
    TeamFactory(name="Pharmacy")
    client.force_login(admin.user)
    response = client.post(reverse("organisations:teams", args=[admin.organisation.slug]), {"name": "Pharmacy"})
    assert response.status_code == 302


def test_team_manager_sees_teams_but_cannot_add(client, admin):
    manager = MembershipFactory(organisation=admin.organisation, role=Role.TEAM_MANAGER)
    client.force_login(manager.user)
    url = reverse("organisations:teams", args=[admin.organisation.slug])
    page = client.get(url)
    assert page.status_code == 200 and "Add a team" not in page.text
    assert client.post(url, {"name": "Sneaky"}).status_code == 403
    assert not Team.objects.exists()


def test_membership_model_refuses_a_foreign_team(admin):

    membership = Membership(user=admin.user, organisation=admin.organisation, role=Role.FRONTLINE, team=TeamFactory())
    with pytest.raises(ValidationError):
        membership.clean()
