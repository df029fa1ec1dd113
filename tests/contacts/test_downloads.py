"""Downloads of the conversation log: CSV streamed row by row, XLSX built by a worker that the person's page follows,
the file theirs alone and only for a day, and both holding exactly what the person's log shows."""

import csv
import datetime
import io
from unittest import mock

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from contacts import exports
from organisations import exports as organisation_exports
from organisations.models import AuditEvent, ExportJob
from organisations.roles import Role
from tests.contacts.factories import ConversationFactory
from tests.organisations.factories import TeamFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def lead(make_member):
    return make_member(Role.IMPLEMENTATION_LEAD)


def log_url(member):
    return reverse("contacts:conversations", args=[member.organisation.slug])


def test_csv_streams_in_batches_newest_first_with_every_row(client, lead):
    today = timezone.localdate()
    for days in range(3):
        ConversationFactory.create_batch(
            900, organisation=lead.organisation, occurred_on=today - datetime.timedelta(days)
        )
    client.force_login(lead.user)
    response = client.get(log_url(lead), {"_export": "csv"})
    chunks = list(response.streaming_content)
    assert len(chunks) == 1 + 3 and response["Cache-Control"].startswith("private")  # the heading, 1,000 rows each
    rows = list(csv.reader(io.StringIO(b"".join(chunks).decode())))
    dates = [row[0] for row in rows[1:]]
    assert len(dates) == 2700 and dates == sorted(dates, reverse=True) and dates[0] == today.isoformat()


def test_downloads_hold_only_the_team_a_team_manager_sees_and_the_filters_chosen(
    client, make_member, django_capture_on_commit_callbacks
):
    ward, clinic = TeamFactory(name="Ward 1"), None
    organisation = ward.organisation
    clinic = TeamFactory(organisation=organisation, name="Clinic")
    manager = make_member(Role.TEAM_MANAGER, organisation, team=ward)
    ConversationFactory.create_batch(3, organisation=organisation, team=ward)
    ConversationFactory.create_batch(2, organisation=organisation, team=clinic)
    ConversationFactory(organisation=organisation, team=ward, occurred_on=datetime.date(2025, 1, 6))
    client.force_login(manager.user)
    rows = list(
        csv.reader(io.StringIO(b"".join(client.get(log_url(manager), {"_export": "csv"}).streaming_content).decode()))
    )
    assert [row[1] for row in rows[1:]] == ["Ward 1"] * 4
    with django_capture_on_commit_callbacks(execute=True):
        client.get(log_url(manager), {"_export": "xlsx", "date_from": "2026-01-01", "page": "3"})
    job = ExportJob.objects.get()
    assert job.query == "date_from=2026-01-01" and job.status == ExportJob.Status.READY and job.rows_written == 3
    file = client.get(reverse("organisations:export_download", args=[organisation.slug, job.pk]))
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(file.streaming_content))).active
    assert [sheet.cell(row=n, column=2).value for n in range(2, 6)] == ["Ward 1", "Ward 1", "Ward 1", None]
    assert file["Content-Disposition"].startswith('attachment; filename="conversations-')
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.EXPORT_PREPARED, user=manager.user).count() == 1


def test_the_page_follows_a_queued_file_and_nobody_else_sees_it(client, lead, make_member):
    ConversationFactory(organisation=lead.organisation)
    client.force_login(lead.user)
    response = client.get(log_url(lead), {"_export": "xlsx"})  # the transaction never commits: the job waits
    page = client.get(response.url).text
    assert 'data-finished="false"' in page and "Preparing your file" in page and "Refresh this page" in page
    job = ExportJob.objects.get()
    colleague = make_member(Role.IMPLEMENTATION_LEAD, lead.organisation)
    admin = make_member(Role.ORG_ADMIN, lead.organisation)
    for person in (colleague, admin):
        client.force_login(person.user)
        assert client.get(response.url).status_code == 404
        assert (
            client.get(reverse("organisations:export_download", args=[lead.organisation.slug, job.pk])).status_code
            == 404
        )
    client.force_login(lead.user)
    assert (
        client.get(reverse("organisations:export_download", args=[lead.organisation.slug, job.pk])).status_code == 404
    )


def test_a_member_whose_role_changed_before_the_build_gets_no_file(lead):
    ConversationFactory(organisation=lead.organisation)
    job = ExportJob.objects.create(organisation=lead.organisation, requested_by=lead.user, kind="conversations")
    lead.role = Role.FRONTLINE
    lead.save()
    job = organisation_exports.build(job)
    assert job.status == ExportJob.Status.FAILED and not job.file and "no longer allows" in job.message


def test_files_are_deleted_a_day_after_they_were_prepared(client, lead, django_capture_on_commit_callbacks):
    ConversationFactory(organisation=lead.organisation)
    client.force_login(lead.user)
    with django_capture_on_commit_callbacks(execute=True):
        client.get(log_url(lead), {"_export": "xlsx"})
    job = ExportJob.objects.get()
    stored = job.file.name
    assert job.file.storage.exists(stored)
    assert organisation_exports.purge(now=timezone.now() + datetime.timedelta(hours=23)) == 0
    assert organisation_exports.purge(now=timezone.now() + datetime.timedelta(hours=25)) == 1
    assert not job.file.storage.exists(stored)
    download = reverse("organisations:export_download", args=[lead.organisation.slug, job.pk])
    assert client.get(download).status_code == 404
    page = client.get(reverse("organisations:export_detail", args=[lead.organisation.slug, job.pk])).text
    assert "deleted a day after it was prepared" in page


def test_a_queue_outage_says_so_instead_of_waiting_for_ever(client, lead, django_capture_on_commit_callbacks):
    client.force_login(lead.user)
    with mock.patch("common.queue.send", return_value=False), django_capture_on_commit_callbacks(execute=True):
        response = client.get(log_url(lead), {"_export": "xlsx"})
    page = client.get(response.url).text
    assert "The file could not be prepared" in page and "task queue is unavailable" in page


def test_a_download_over_the_limit_asks_to_narrow_the_filters(client, lead):
    ConversationFactory.create_batch(3, organisation=lead.organisation)
    client.force_login(lead.user)
    with mock.patch.dict(exports.LIMITS, {"csv": 2, "xlsx": 2}):
        for kind in ("csv", "xlsx"):
            page = client.get(log_url(lead), {"_export": kind}, follow=True).text
            assert "A download holds at most 2 conversations: narrow the dates or filters." in page
    assert not ExportJob.objects.exists()


def test_downloads_carry_the_organisations_ods_code_on_every_row(client, lead, django_capture_on_commit_callbacks):
    lead.organisation.ods_code = "RX1"
    lead.organisation.save()
    ConversationFactory.create_batch(2, organisation=lead.organisation)
    client.force_login(lead.user)
    rows = list(
        csv.reader(io.StringIO(b"".join(client.get(log_url(lead), {"_export": "csv"}).streaming_content).decode()))
    )
    assert rows[0][-1] == "Organisation ODS code" and [row[-1] for row in rows[1:]] == ["RX1", "RX1"]
    with django_capture_on_commit_callbacks(execute=True):
        client.get(log_url(lead), {"_export": "xlsx"})
    job = ExportJob.objects.get()
    file = client.get(reverse("organisations:export_download", args=[lead.organisation.slug, job.pk]))
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(file.streaming_content))).active
    assert sheet.cell(row=1, column=sheet.max_column).value == "Organisation ODS code"
    assert sheet.cell(row=2, column=sheet.max_column).value == "RX1"
