"""The audit trail: every create, change and delete of a tenant-owned record, with who and when, visible to the
organisation's admins only, filterable and exportable."""

import csv
import io

import pytest
from django.apps import apps
from django.urls import reverse

from contacts.models import Service
from organisations import audit
from organisations.models import TenantOwned
from organisations.roles import Role
from tests.organisations.factories import MembershipFactory, OrganisationFactory

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
