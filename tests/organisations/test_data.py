"""An organisation admin's export of all the organisation's data, and a platform admin's complete removal."""

import csv
import io
import zipfile

import pytest
from django.core.files.storage import default_storage
from django.db import models
from django.urls import reverse

from contacts.models import Conversation
from organisations import data
from organisations.models import AuditEvent, Membership, Organisation, User
from organisations.roles import Role
from tests.contacts.factories import ConversationFactory, ServiceFactory
from tests.evaluation.factories import EvaluationReportFactory
from tests.organisations.factories import MembershipFactory, UserFactory
from tests.organisations.test_isolation import World

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    world = World()
    for org in (world.home, world.other):
        conversation = ConversationFactory(organisation=org, note="=cmd|' /C calc'!A0")
        conversation.services.add(ServiceFactory(organisation=org))
        EvaluationReportFactory(
            organisation=org,
            status="ready",
            file=default_storage.save(f"reports/{org.pk}/r.pdf", io.BytesIO(b"%PDF-1.7")),
        )
    return world


def counts(org) -> dict:
    return {m._meta.label: rows.count() for m in data.all_models() if (rows := data.rows_of(m, org)) is not None}


def test_every_model_is_classified(world):
    for model in data.all_models():
        data.rows_of(model, world.home)  # raises LookupError for a model nobody classified


def test_the_export_holds_every_row_and_file_of_the_organisation_and_nothing_else(world):
    buffer = io.BytesIO()
    written = data.export_archive(world.home, buffer)
    archive = zipfile.ZipFile(buffer)
    names = set(archive.namelist())
    expected = counts(world.home)
    assert sum(expected.values()) == sum(written.values())
    for model in data.all_models():
        rows = data.rows_of(model, world.home)
        if rows is None:
            continue
        name = f"data/{model._meta.label_lower.replace('.', '-')}.csv"
        table = list(csv.DictReader(io.StringIO(archive.read(name).decode())))
        assert len(table) == rows.count(), name
        if "organisation_id" in (table[0] if table else {}):
            assert {row["organisation_id"] for row in table} == {str(world.home.pk)}, name
    assert expected["contacts.Conversation"] >= 2 and expected["implementation.ChecklistItem"] >= 10
    users = list(csv.DictReader(io.StringIO(archive.read("data/organisations-user.csv").decode())))
    assert "password" not in users[0] and world.admin.user.email in {u["email"] for u in users}
    assert world.other.name not in archive.read("data/organisations-organisation.csv").decode()
    notes = archive.read("data/contacts-conversation.csv").decode()
    assert "'=cmd" in notes  # formula-safe
    assert any(n.startswith(f"files/reports/{world.home.pk}/") for n in names)
    assert any(n.startswith("files/") and "minutes" not in n for n in names)
    assert not any(n.startswith(f"files/reports/{world.other.pk}/") for n in names)
    readme = archive.read("README.txt").decode()
    assert world.home.name in readme and "Password hashes are not included" in readme


def test_only_an_admin_downloads_the_archive(client, world, django_capture_on_commit_callbacks):
    url = reverse("organisations:data_export", args=[world.home.slug])
    client.force_login(world.admin.user)
    assert "Prepare the download" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        prepared = client.post(url)
    page = client.get(prepared.url).text
    assert "Your file is ready" in page and f"mecc-{world.home.slug}-" in page
    response = client.get(page.split('id="download-file" href="')[1].split('"')[0])
    assert response["Content-Type"] == "application/zip" and response["Cache-Control"] == "private, no-store"
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert "README.txt" in archive.namelist()
    assert not any(name.startswith("files/exports/") for name in archive.namelist())
    again = client.get(url).text.split('id="earlier-downloads"')[1]
    assert "ready to download" in again
    with django_capture_on_commit_callbacks(execute=True):
        second = client.post(url)  # a second archive does not carry the first inside it
    second_zip = client.get(second.url).text.split('id="download-file" href="')[1].split('"')[0]
    names = zipfile.ZipFile(io.BytesIO(b"".join(client.get(second_zip).streaming_content))).namelist()
    assert not any(name.startswith("files/exports/") for name in names)
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.DATA_EXPORTED, organisation=world.home).count() == 2
    lead = MembershipFactory(organisation=world.home, role=Role.IMPLEMENTATION_LEAD)
    client.force_login(lead.user)
    assert client.post(url).status_code == 403


def test_removal_deletes_every_row_file_and_sole_account_and_leaves_others(world, django_capture_on_commit_callbacks):
    home, other = world.home, world.other
    both = UserFactory()
    MembershipFactory(user=both, organisation=home)
    MembershipFactory(user=both, organisation=other)
    sole = world.admin.user
    files = [(f.storage, f.name) for model in data.all_models() for f in _files(model, home)]
    assert len(files) >= 3  # checklist evidence, training evidence, a report
    other_before = counts(other)
    home_id = home.pk
    with django_capture_on_commit_callbacks(execute=True):  # the files go once the deletion commits
        assert data.remove_organisation(home)
    assert not Organisation.objects.filter(pk=home_id).exists()
    for model in data.all_models():
        if any(f.name == "organisation" for f in model._meta.concrete_fields):
            assert not model.objects.filter(organisation_id=home_id).exists(), model._meta.label
    assert not Conversation.services.through.objects.filter(conversation__organisation_id=home_id).exists()
    assert not User.objects.filter(pk=sole.pk).exists()
    assert User.objects.filter(pk=both.pk).exists() and Membership.objects.filter(user=both).count() == 1
    assert all(not storage.exists(name) for storage, name in files)
    other_after = counts(other)
    assert other_after.pop("organisations.User") == other_before.pop("organisations.User")
    assert other_after == other_before


def _files(model, org):

    rows = data.rows_of(model, org)
    if rows is None:
        return []
    found = []
    for field in (f for f in model._meta.concrete_fields if isinstance(f, models.FileField)):
        found += [getattr(obj, field.name) for obj in rows.exclude(**{field.attname: ""})]
    return found


def test_platform_admin_removes_an_organisation_after_confirming(client, world):
    staff = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(staff)
    url = reverse("admin:organisations_organisation_changelist")
    ask = client.post(url, {"action": "remove_completely", "_selected_action": [world.home.pk]})
    assert ask.status_code == 200 and "Remove these organisations completely?" in ask.content.decode()
    assert Organisation.objects.filter(pk=world.home.pk).exists()
    done = client.post(url, {"action": "remove_completely", "_selected_action": [world.home.pk], "confirm": "yes"})
    assert done.status_code == 302
    assert not Organisation.objects.filter(pk=world.home.pk).exists()
    assert Organisation.objects.filter(pk=world.other.pk).exists()
