"""The staff roster (issue 21): who works here with or without an account, entered by hand or imported from a
workforce system's CSV, and the people training records, attendance and coverage can name."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from organisations import roster
from organisations.models import StaffMember
from organisations.roles import Role
from tests.organisations.factories import MembershipFactory, OrganisationFactory, StaffMemberFactory, TeamFactory
from tests.training.factories import TrainingResourceFactory
from training import selectors, services
from training.models import TrainingRecord, TrainingSession

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()

ESR_EXPORT = (
    "Employee Number,Full Name,Work Email,Department,Patient Facing,Assignment Start Date,Termination Date\n"
    "10000001,Sam Patel,Sam.Patel@northgate.nhs.uk,Emergency department,Yes,01/04/2024,\n"
    "10000002,Jo Evans,,Maternity,yes,2023-09-01,\n"
    "10000003,Ali Khan,ali.khan@northgate.nhs.uk,,no,,\n"
)


@pytest.fixture
def trust():
    organisation = OrganisationFactory()
    for name in ("Emergency department", "Maternity"):
        TeamFactory(organisation=organisation, name=name)
    return organisation


def upload(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("roster.csv", text.encode(), content_type="text/csv")


def test_an_esr_style_export_is_imported_and_its_next_months_copy_updates_it(trust):
    result = roster.import_roster(trust, upload(ESR_EXPORT))
    assert (result.added, result.updated, result.rejected_count) == (3, 0, 0)
    sam = StaffMember.objects.get(organisation=trust, staff_number="10000001")
    assert sam.email == "sam.patel@northgate.nhs.uk" and sam.team.name == "Emergency department"
    assert sam.started_on == datetime.date(2024, 4, 1) and sam.frontline
    assert not StaffMember.objects.get(staff_number="10000003").frontline

    next_month = ESR_EXPORT.replace("Maternity,yes,2023-09-01,", "Emergency department,yes,2023-09-01,30/11/2026")
    result = roster.import_roster(trust, upload(next_month))
    assert (result.added, result.updated, result.unchanged) == (0, 1, 2)
    jo = StaffMember.objects.get(staff_number="10000002")
    assert jo.team.name == "Emergency department" and jo.left_on == datetime.date(2026, 11, 30)
    assert StaffMember.objects.filter(organisation=trust).count() == 3  # nobody twice


def test_a_file_with_a_bad_row_saves_nothing_and_says_what_is_wrong_row_by_row(trust):
    text = (
        "name,staff_number,email,team,frontline,start_date,leave_date\n"
        "Sam Patel,1,sam@northgate.nhs.uk,Emergency department,yes,01/04/2024,\n"
        ",2,,,,,\n"
        "Jo Evans,,,Radiology,maybe,31/02/2024,\n"
        "=HYPERLINK(1),3,,,,,\n"
        "Sam Again,1,,,,,\n"
        "Ali Khan,4,not-an-email,,,02/02/2025,01/01/2025\n"
    )
    result = roster.import_roster(trust, upload(text))
    assert not result.saved and result.rejected_count == 5
    errors = {item["row"]: " ".join(item["errors"]) for item in result.rejected}
    assert "name: enter" in errors[3]
    assert "staff number or a work email" in errors[4] and "team: no team" in errors[4]
    assert "frontline: yes or no" in errors[4] and "start_date" in errors[4]
    assert "formula" in errors[5]
    assert "earlier row" in errors[6]
    assert "email: not an email" in errors[7] and "leave_date: on or after" in errors[7]
    assert not StaffMember.objects.exists()


def test_a_file_without_the_columns_that_name_a_person_is_refused_whole(trust):
    with pytest.raises(Exception, match="name column and a staff number or email column"):
        roster.import_roster(trust, upload("team,frontline\nMaternity,yes\n"))


def test_an_email_already_used_by_someone_else_is_a_row_problem_not_a_crash(trust):
    StaffMemberFactory(organisation=trust, staff_number="9", email="sam@northgate.nhs.uk")
    StaffMemberFactory(organisation=trust, staff_number="1", email="jo@northgate.nhs.uk")
    result = roster.import_roster(trust, upload("name,staff_number,email\nSam Patel,1,SAM@northgate.nhs.uk\n"))
    assert result.rejected_count == 1 and "another staff number" in result.rejected[0]["errors"][0]


def test_the_template_is_importable_as_it_stands(trust):
    result = roster.import_roster(trust, upload(roster.template_csv()))
    assert (result.added, result.rejected_count) == (1, 0)


def test_pages_add_change_and_import_with_error_summaries(client, trust):
    lead = MembershipFactory(organisation=trust, role=Role.IMPLEMENTATION_LEAD)
    client.force_login(lead.user)
    add = reverse("organisations:roster_add", args=[trust.slug])
    page = client.post(add, {"name": "Sam Patel", "frontline": "on"}).text
    assert "nhsuk-error-summary" in page and "Enter a staff number or a work email address" in page
    dates = {"left_on_day": "1", "left_on_month": "1", "left_on_year": "2020",
             "started_on_day": "1", "started_on_month": "1", "started_on_year": "2021"}  # fmt: skip
    response = client.post(add, {"name": "Sam Patel", "staff_number": "1", "frontline": "on", **dates})
    assert "The leave date must be on or after the start date" in response.text
    response = client.post(add, {"name": "Sam Patel", "staff_number": "1", "frontline": "on"})
    assert response.status_code == 302
    listing = client.get(reverse("organisations:roster", args=[trust.slug])).text
    assert "Sam Patel" in listing and "1 person, of whom 1 frontline" in listing

    bad = client.post(reverse("organisations:roster_import", args=[trust.slug]),
                      {"file": upload("name,staff_number\n,5\n")}).text  # fmt: skip
    assert "Nothing was imported" in bad and "name: enter the person&#x27;s name" in bad
    template = client.get(reverse("organisations:roster_template", args=[trust.slug]))
    assert template["Content-Type"].startswith("text/csv") and b"staff_number" in template.content


def test_training_import_and_attendance_name_roster_staff_without_an_account(trust):
    resource = TrainingResourceFactory(organisation=trust, name="MECC e-learning")
    jo = StaffMemberFactory(organisation=trust, staff_number="E-2", email="")
    sam = StaffMemberFactory(organisation=trust, email="sam@northgate.nhs.uk")
    csv_text = (
        "email,staff_number,resource,completed_on\n"
        ",E-2,MECC e-learning,2026-10-01\n"
        "SAM@northgate.nhs.uk,,MECC e-learning,2026-10-02\n"
        "nobody@northgate.nhs.uk,,MECC e-learning,2026-10-02\n"
    )
    outcome = services.import_records(trust, csv_text.encode())
    assert outcome["added"] == 2 and outcome["rejected_count"] == 1
    assert "no active member or person on the staff roster" in outcome["rejected"][0]["errors"][0]
    assert set(TrainingRecord.objects.values_list("staff_member__name", flat=True)) == {jo.name, sam.name}

    session = TrainingSession.objects.create(organisation=trust, resource=resource, date=TODAY)
    ali = StaffMemberFactory(organisation=trust)
    assert services.set_attendance(session, [], [ali]) == 1
    assert list(session.roster_attendees.all()) == [ali]
    assert selectors.coverage(trust, TODAY) == (3, 3)


def test_attendance_form_takes_staff_numbers_and_emails_and_names_the_unknown(client, trust):
    trainer = MembershipFactory(organisation=trust, role=Role.TRAINER)
    session = TrainingSession.objects.create(
        organisation=trust, resource=TrainingResourceFactory(organisation=trust), date=TODAY
    )
    person = StaffMemberFactory(organisation=trust, staff_number="77", email="kim@northgate.nhs.uk")
    left = StaffMemberFactory(organisation=trust, staff_number="78", left_on=TODAY - datetime.timedelta(days=3))
    client.force_login(trainer.user)
    url = reverse("training:session", args=[trust.slug, session.pk])
    page = client.post(url, {"others": f"77\nghost@northgate.nhs.uk\n{left.staff_number}"}).text
    assert "Not on the staff roster" in page and "ghost@northgate.nhs.uk" in page and "78" in page
    assert not TrainingRecord.objects.exists()
    assert client.post(url, {"others": "KIM@northgate.nhs.uk\n"}).status_code == 302
    assert TrainingRecord.objects.get().staff_member == person
