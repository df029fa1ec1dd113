"""The audit trail: every create, change and delete of a tenant-owned record, with who and when, visible to the
organisation's admins only, filterable and exportable."""

import csv
import datetime
import io

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from contacts.models import Service
from implementation import services as implementation_services
from implementation.models import ChecklistItem
from organisations import audit
from organisations import data as organisations_data
from organisations import services as organisation_services
from organisations.models import AuditEvent, TenantOwned
from organisations.roles import Role
from tests.contacts.factories import log_conversations
from tests.organisations.factories import PASSWORD, MembershipFactory, OrganisationFactory, TeamFactory, UserFactory
from tests.training.factories import TrainingSessionFactory
from training import services as training_services

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(make_member):
    return make_member(Role.ORG_ADMIN, OrganisationFactory(name="Eastmoor Trust"))


def test_every_tenant_owned_model_keeps_a_history():

    tracked = {m.instance_type for m in audit.history_models()}

    owned = {m for m in apps.get_models() if issubclass(m, TenantOwned)}
    assert owned and owned <= tracked


def test_changes_through_the_pages_are_recorded_with_who_and_when(client, admin, make_member):
    lead = make_member(Role.IMPLEMENTATION_LEAD, admin.organisation)
    client.force_login(lead.user)
    create = reverse("contacts:service_create", args=[admin.organisation.slug])
    assert (
        client.post(create, {"name": "Eastmoor Stop Smoking", "access": "self", "topic_codes": ["smoking"]}).status_code
        == 302
    )
    service = Service.objects.get(name="Eastmoor Stop Smoking")
    edit = reverse("contacts:service_edit", args=[admin.organisation.slug, service.pk])
    client.post(edit, {"name": "Eastmoor Stop Smoking Service", "access": "self", "topic_codes": ["smoking"]})
    service.delete()
    entries = [e for e in audit.entries(admin.organisation) if e["record_type"] == "Service"]
    assert [e["action"] for e in entries] == ["Deleted", "Changed", "Created"]
    assert entries[2]["email"] == lead.user.email and entries[1]["email"] == lead.user.email
    assert entries[0]["who"] == "The system"  # deleted outside a request


def test_admin_reads_filters_and_exports_other_roles_cannot(client, admin, make_member):
    other = OrganisationFactory(name="Westdale Trust")
    Service.objects.create(organisation=admin.organisation, name="Ours")
    Service.objects.create(organisation=other, name="Theirs")
    url = reverse("organisations:audit_trail", args=[admin.organisation.slug])
    client.force_login(admin.user)
    page = client.get(url, {"record_type": "contacts.HistoricalService"}).content.decode()
    assert page.count("Created") >= 1 and "Membership" not in page.split('id="audit"')[1]
    exported = client.get(url, {"_export": "csv"})
    rows = list(csv.DictReader(io.StringIO(exported.content.decode())))
    assert {r["Kind of record"] for r in rows} >= {"Service", "Membership"}
    assert len(rows) == len(audit.entries(admin.organisation))  # nothing of the other organisation
    bad = client.get(url, {"since": "31/02/2026"}).content.decode()
    assert "nhsuk-error-summary" in bad and "Enter the start date as a real date" in bad
    for role in (Role.IMPLEMENTATION_LEAD, Role.BOARD_MEMBER, Role.FRONTLINE):
        client.force_login(MembershipFactory(organisation=admin.organisation, role=role).user)
        assert client.get(url).status_code == 403


def entries_of(organisation, **filters):
    return audit.entries(organisation, **filters)


def test_entries_name_the_record_and_say_what_changed(admin, make_member):
    """Security review: 'Survey response 13' and 'Changed' told an admin nothing."""
    ward = TeamFactory(organisation=admin.organisation, name="Emergency department")
    frontline = make_member(Role.FRONTLINE, admin.organisation)
    conversation = log_conversations(frontline, team=ward, day=datetime.date(2026, 11, 12))
    item = ChecklistItem.objects.for_organisation(admin.organisation).get(code="make_case")
    implementation_services.update_item(item, changed_by=admin.user, status=ChecklistItem.Status.IN_PROGRESS)
    implementation_services.update_item(item, changed_by=admin.user, status=ChecklistItem.Status.ACHIEVED)
    found = entries_of(admin.organisation)
    (created,) = [e for e in found if e["record_type"] == "Conversation"]
    assert created["record"] == "Conversation 12 Nov 2026, Emergency department" and created["action"] == "Created"
    assert conversation.pk and created["who"] == (frontline.user.full_name or frontline.user.email)
    latest = next(e for e in found if e["record_type"] == "Checklist item" and e["action"] == "Changed")
    assert latest["record"].startswith("Checklist item Make the case")
    assert "In progress → Achieved" in latest["changes"]


def test_sign_ins_downloads_imports_and_contract_decisions_are_in_the_trail(
    client, admin, make_member, django_capture_on_commit_callbacks
):
    lead = make_member(Role.IMPLEMENTATION_LEAD, admin.organisation)
    client.post(reverse("account_login"), {"login": lead.user.email, "password": "wrong-password"})
    client.post(reverse("account_login"), {"login": lead.user.email, "password": PASSWORD})
    client.force_login(admin.user)
    with django_capture_on_commit_callbacks(execute=True):  # the archive is built by the worker, then recorded
        client.post(reverse("organisations:data_export", args=[admin.organisation.slug]))
    commissioner = OrganisationFactory(kind="icb")
    contract = organisation_services.propose_contract(
        commissioner=commissioner,
        provider=admin.organisation,
        reference="MECC-9",
        start_date=datetime.date(2026, 4, 1),
        end_date=None,
        proposed_by=None,
    )
    organisation_services.respond_to_contract(contract, accept=True, responded_by=admin.user)
    organisation_services.withdraw_consent(contract, withdrawn_by=admin.user)
    events = entries_of(admin.organisation, record_type=audit.EVENTS)
    actions = [(e["action"], e["email"]) for e in events]
    assert ("Sign-in failed", lead.user.email) in actions and ("Signed in", lead.user.email) in actions
    assert ("All data downloaded", admin.user.email) in actions
    assert {"Contract proposed", "Contract accepted: consent given", "Consent withdrawn"} <= {a for a, _ in actions}
    assert all("wrong-password" not in str(e) for e in events)  # never the password tried
    # The commissioner's trail has the contract decisions too, and nothing of the provider's members.
    theirs = {e["action"] for e in entries_of(commissioner, record_type=audit.EVENTS)}
    assert "Consent withdrawn" in theirs and "Signed in" not in theirs


def test_survey_answers_never_appear_in_the_trail(admin, make_member):
    trainer = make_member(Role.TRAINER, admin.organisation)
    session = TrainingSessionFactory(organisation=admin.organisation)
    training_services.submit_survey(session, trainer.user, "pre", {"q1": 3, "q2": 3, "q3": 3, "q4": 3})
    found = entries_of(admin.organisation)
    assert not [e for e in found if "survey" in e["record_type"].lower()]
    assert "training.HistoricalSurveyResponse" not in dict(audit.record_types())


def test_an_organisations_removal_leaves_one_event(admin):
    platform = UserFactory(is_staff=True)
    name = admin.organisation.name
    organisations_data.remove_organisation(admin.organisation, removed_by=platform)
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.ORGANISATION_REMOVED)
    assert name in event.summary and event.user == platform and event.organisation is None


def test_the_trail_costs_the_same_queries_for_a_busy_organisation_as_for_an_empty_one(admin, make_member):
    quiet = make_member(Role.ORG_ADMIN, OrganisationFactory(name="Quiet Trust"))
    with CaptureQueriesContext(connection) as empty:
        audit.entries(quiet.organisation)
    frontline = make_member(Role.FRONTLINE, admin.organisation)
    for team in (TeamFactory(organisation=admin.organisation) for _ in range(3)):
        log_conversations(frontline, 2, team=team)
    item = ChecklistItem.objects.for_organisation(admin.organisation).get(code="make_case")
    implementation_services.update_item(item, changed_by=admin.user, status=ChecklistItem.Status.IN_PROGRESS)
    with CaptureQueriesContext(connection) as busy:
        assert audit.entries(admin.organisation)
    assert len(busy.captured_queries) == len(empty.captured_queries)
