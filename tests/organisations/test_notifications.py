"""Notifications (issue 18): listed in the app and emailed, unless the person turned that kind off, when an action
is assigned to them, a contract arrives or changes, their actions are overdue, or a report is ready."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from implementation import services as implementation_services
from implementation.models import ChecklistItem
from organisations import services
from organisations.models import EmailChoices, Notification
from organisations.roles import Role
from tests.organisations.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def test_an_action_assigned_to_someone_tells_them_in_the_app_and_by_email(client, django_capture_on_commit_callbacks):
    lead = MembershipFactory(role=Role.IMPLEMENTATION_LEAD)
    owner = MembershipFactory(organisation=lead.organisation, role=Role.TEAM_MANAGER)
    item = ChecklistItem.objects.for_organisation(lead.organisation).get(code="obtain_support")
    with django_capture_on_commit_callbacks(execute=True):
        implementation_services.update_item(item, changed_by=lead.user, owner=owner.user)
    notification = Notification.objects.get(user=owner.user)
    assert notification.kind == "action_assigned" and item.title in notification.text
    assert [m.to for m in mail.outbox] == [[owner.user.email]] and item.title in mail.outbox[0].subject
    client.force_login(owner.user)
    home = client.get(reverse("organisations:home", args=[lead.organisation.slug])).text
    assert "Notifications (1 new)" in home
    page = client.get(reverse("organisations:notifications", args=[lead.organisation.slug])).text
    assert item.title in page and "New</strong>" in page
    assert (
        "Notifications (1 new)"
        not in client.get(reverse("organisations:notifications", args=[lead.organisation.slug])).text
    )


def test_people_turn_email_kinds_off_and_still_see_them_listed(client, django_capture_on_commit_callbacks):
    commissioner_org = OrganisationFactory(kind="icb", name="NHS North ICB")
    provider = OrganisationFactory(name="North Trust")
    admin = MembershipFactory(organisation=provider, role=Role.ORG_ADMIN)
    client.force_login(admin.user)
    url = reverse("organisations:notifications", args=[provider.slug])
    kept = [k for k in Notification.Kind.values if k != "contract"]
    assert client.post(url, {"emailed": kept}).status_code == 302
    assert EmailChoices.objects.get(user=admin.user).turned_off == ["contract"]
    with django_capture_on_commit_callbacks(execute=True):
        services.propose_contract(commissioner=commissioner_org, provider=provider, reference="MECC-7",
                                  start_date=datetime.date(2026, 4, 1), end_date=None, proposed_by=None)  # fmt: skip
    assert mail.outbox == [] and "NHS North ICB proposes contract MECC-7" in client.get(url).text


def test_the_commissioner_is_told_when_a_provider_answers(django_capture_on_commit_callbacks):
    icb = OrganisationFactory(kind="icb")
    commissioner = MembershipFactory(organisation=icb, role=Role.COMMISSIONER)
    provider_admin = MembershipFactory(role=Role.ORG_ADMIN)
    contract = services.propose_contract(
        commissioner=icb, provider=provider_admin.organisation, reference="MECC-8",
        start_date=datetime.date(2026, 4, 1), end_date=None, proposed_by=None,
    )  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        services.respond_to_contract(contract, accept=True, responded_by=provider_admin.user)
    assert Notification.objects.filter(user=commissioner.user, text__contains="accepted contract MECC-8").exists()
    assert any(commissioner.user.email in m.to for m in mail.outbox)


def test_no_one_is_notified_about_an_organisation_they_have_left():
    member = MembershipFactory(role=Role.TEAM_MANAGER, is_active=False)
    item = ChecklistItem.objects.for_organisation(member.organisation).get(code="obtain_support")
    implementation_services.update_item(item, changed_by=None, owner=member.user)
    assert not Notification.objects.exists()
