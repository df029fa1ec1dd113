"""Training: the quality-marker checklist against the domain file, self-evaluations, sessions and records,
coverage from hand-counted data, and pseudonymous pre/post surveys with small-group suppression."""

import csv
import datetime
import io
import zipfile
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from contacts.services import record_conversation
from evaluation.summary import recent_trained_staff_logging, trained_staff_logging
from organisations.data import export_archive
from organisations.roles import Role
from tests.organisations.factories import MembershipFactory, StaffMemberFactory, TeamFactory, UserFactory
from training import content, selectors, services
from training.models import MarkerEvidenceFile, SurveyResponse, TrainingRecord, TrainingResource, TrainingSession

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
REGISTER = (Path(__file__).resolve().parents[2] / "docs" / "sources.md").read_text(encoding="utf-8")


def test_shipped_markers_are_labelled_as_paraphrase_or_placeholder_as_the_register_says():
    assert "Context of training – Why MECC?" in REGISTER and content.SECTIONS[0][1] == "Context of training – Why MECC?"
    paraphrased = [m for m in content.MARKERS if m.provenance == "paraphrase"]
    assert [m.text for m in paraphrased] == [
        "The training shows the impact MECC can have at individual and at population level.",
        "The training helps learners see how MECC fits their role and the core business of their organisation.",
    ]
    for marker in paraphrased:
        assert marker.text.rstrip(".") in REGISTER and "Worcestershire" in marker.source
    assert "**Fully met = 3, Partially = 2, In development = 1, Not met = 0**" in REGISTER
    assert [(code, points) for code, _, points in content.RATINGS] == [
        ("fully_met", 3), ("partially_met", 2), ("in_development", 1), ("not_met", 0),
    ]  # fmt: skip
    assert content.RATING_SCALE_PROVENANCE == "provisional"  # the reference marks the scale [P]
    # Nothing shipped is PHE's verbatim text, so nothing is labelled as PHE's wording.
    assert [m.provenance for m in content.MARKERS[2:]] == ["placeholder"] * 7
    assert not any(m.provenance == "verbatim" for m in content.MARKERS)


@pytest.fixture
def trainer(make_member):
    return make_member(Role.TRAINER)


@pytest.fixture
def resource(trainer):
    return TrainingResource.objects.create(
        organisation=trainer.organisation, name="MECC e-learning", delivery="e_learning",
        intervention_level="very_brief", competence_level="core",
    )  # fmt: skip


def rate_all(client, trainer, evaluation, ratings, complete=False, **extra):
    data = {}
    for marker, rating in zip(content.MARKERS, ratings, strict=True):
        data[f"{marker.code}-rating"] = rating
        if rating != "fully_met":
            data[f"{marker.code}-action"] = "Add a practice session"
            data[f"{marker.code}-action_due"] = "2027-01-31"
    data.update(extra)
    if complete:
        data["complete"] = "1"
    client.force_login(trainer.user)
    return client.post(reverse("training:evaluation", args=[trainer.organisation.slug, evaluation.pk]), data)


def test_evaluation_results_per_section_overall_rag_and_gaps(client, trainer, resource):
    evaluation = services.start_evaluation(resource, trainer.user)
    ratings = ["fully_met", "fully_met", "partially_met", "in_development", "fully_met", "not_met",
               "fully_met", "partially_met", "fully_met"]  # fmt: skip
    response = rate_all(client, trainer, evaluation, ratings, complete=True)
    assert response.status_code == 302
    results = selectors.evaluation_results(evaluation)
    # By hand: 3 + 3 + 2 + 1 + 3 + 0 + 3 + 2 + 3 = 20 of 27 = 74%: amber.
    assert (results["score"], results["maximum"], results["percent"], results["rag"]) == (20, 27, 74, "amber")
    assert [(s.code, s.score, s.maximum) for s in results["sections"]][:3] == [
        ("context", 6, 6), ("evidence", 2, 3), ("skills", 1, 3),
    ]  # fmt: skip
    assert [g["marker"].code for g in results["gaps"]] == ["current_guidance", "practice", "level", "evaluated"]
    page = client.get(reverse("training:evaluation_results", args=[trainer.organisation.slug, evaluation.pk])).text
    assert "Amber: 74%" in page and "Add a practice session" in page


def test_completing_needs_every_marker_rated_and_an_action_for_each_gap(client, trainer, resource):
    evaluation = services.start_evaluation(resource, trainer.user)
    client.force_login(trainer.user)
    url = reverse("training:evaluation", args=[trainer.organisation.slug, evaluation.pk])
    response = client.post(url, {"impact-rating": "partially_met", "complete": "1"})
    assert response.status_code == 400
    assert "Give an action and a due date for marker 1" in response.text and "Rate marker 2" in response.text
    evaluation.refresh_from_db()
    assert evaluation.status == "draft"
    assert evaluation.ratings.get(marker="impact").rating == "partially_met"  # the draft was kept


def test_completed_evaluations_are_read_only_and_compared_with_the_previous(client, trainer, resource):
    first = services.start_evaluation(resource, trainer.user)
    rate_all(client, trainer, first, ["partially_met"] * 9, complete=True)
    second = services.start_evaluation(resource, trainer.user)
    rate_all(client, trainer, second, ["fully_met"] * 8 + ["not_met"], complete=True)
    rate_all(client, trainer, second, ["not_met"] * 9)  # ignored: read-only
    assert second.ratings.get(marker="impact").rating == "fully_met"
    rows = selectors.compare_with_previous(second)
    assert [r["change"] for r in rows] == [1] * 8 + [-2]


def test_evidence_files_per_marker_are_checked_by_content(client, trainer, resource):
    evaluation = services.start_evaluation(resource, trainer.user)
    bad = rate_all(client, trainer, evaluation, ["fully_met"] * 9,
                   **{"impact-file": SimpleUploadedFile("slides.pdf", b"not a pdf at all")})  # fmt: skip
    assert "Upload a PDF" in bad.text and not MarkerEvidenceFile.objects.exists()
    rate_all(client, trainer, evaluation, ["fully_met"] * 9,
             **{"impact-file": SimpleUploadedFile("slides.pdf", b"%PDF-1.5 slides")})  # fmt: skip
    assert MarkerEvidenceFile.objects.get().content_type == "application/pdf"


def test_session_attendance_creates_training_records(client, trainer, resource):
    attendees = [MembershipFactory(organisation=trainer.organisation, role=Role.FRONTLINE) for _ in range(3)]
    client.force_login(trainer.user)
    client.post(reverse("training:sessions", args=[trainer.organisation.slug]),
                {"resource": resource.pk, "date": "2026-10-01", "place": "Room 4"})  # fmt: skip
    session = TrainingSession.objects.get()
    client.post(reverse("training:session", args=[trainer.organisation.slug, session.pk]),
                {"attendees": [m.pk for m in attendees]})  # fmt: skip
    assert TrainingRecord.objects.filter(source="session", completed_on=datetime.date(2026, 10, 1)).count() == 3


def test_coverage_matches_hand_counted_data(trainer, resource):
    """Coverage counts the people on the staff roster: trained through their account (linked by email address) or
    through a record that names them on the roster, never members who are not on it."""
    organisation = trainer.organisation
    ward, clinic = TeamFactory(organisation=organisation), TeamFactory(organisation=organisation)

    def on_roster(team, **kwargs):
        return StaffMemberFactory(organisation=organisation, team=team, **kwargs)

    ward_people = [on_roster(ward) for _ in range(4)]
    clinic_people = [on_roster(clinic) for _ in range(2)]
    on_roster(ward, left_on=TODAY - datetime.timedelta(days=100))  # left: not counted
    on_roster(ward, started_on=TODAY + datetime.timedelta(days=7))  # not started yet: not counted
    on_roster(clinic, frontline=False)  # not frontline: not in the figure

    def account_of(person):
        user = UserFactory(email=person.email.upper())  # the link ignores case
        return MembershipFactory(organisation=organisation, user=user, role=Role.FRONTLINE, team=person.team)

    def record(completed, valid_until=None, **who):
        TrainingRecord.objects.create(organisation=organisation, resource=resource, completed_on=completed,
                                      valid_until=valid_until, **who)  # fmt: skip

    record(TODAY - datetime.timedelta(days=40), membership=account_of(ward_people[0]))
    record(TODAY - datetime.timedelta(days=10), staff_member=ward_people[1])  # no account: trained all the same
    record(TODAY - datetime.timedelta(days=400), valid_until=TODAY - datetime.timedelta(days=35),
           membership=account_of(ward_people[2]))  # fmt: skip
    record(TODAY - datetime.timedelta(days=5), membership=account_of(clinic_people[0]))
    record(TODAY - datetime.timedelta(days=5), membership=trainer)  # not on the roster: not in the figure
    not_on_roster = MembershipFactory(organisation=organisation, role=Role.FRONTLINE, team=ward)
    record(TODAY - datetime.timedelta(days=5), membership=not_on_roster)  # an account is not a member of staff
    assert selectors.coverage(organisation, TODAY) == (3, 6)  # 50%
    assert selectors.coverage(organisation, TODAY, team=ward) == (2, 4)
    assert selectors.coverage(organisation, TODAY - datetime.timedelta(days=36)) == (2, 6)  # before two completions
    by_team = {row["team"].pk: row["percent"] for row in selectors.coverage_by_team(organisation, TODAY)}
    assert by_team == {ward.pk: 50, clinic.pk: 50}


def test_a_team_with_nobody_on_the_roster_counts_against_its_establishment(trainer, resource):
    organisation = trainer.organisation
    stated = TeamFactory(organisation=organisation, establishment=40)
    unknown = TeamFactory(organisation=organisation)  # neither roster nor establishment: counts nobody
    for team in (stated, stated, unknown):
        member = MembershipFactory(organisation=organisation, role=Role.FRONTLINE, team=team)
        TrainingRecord.objects.create(organisation=organisation, membership=member, resource=resource,
                                      completed_on=TODAY - datetime.timedelta(days=3))  # fmt: skip
    assert selectors.coverage(organisation, TODAY) == (2, 40)
    assert selectors.coverage(organisation, TODAY, team=unknown) == (0, 0)
    rows = {row["team"].pk: row for row in selectors.coverage_by_team(organisation, TODAY)}
    assert rows[stated.pk]["percent"] == 5 and rows[unknown.pk]["percent"] is None
    # Once the team's people are on the roster, the roster is its figure, not the stated headcount.
    StaffMemberFactory(organisation=organisation, team=stated)
    assert selectors.coverage(organisation, TODAY, team=stated) == (0, 1)


def test_members_with_accounts_alone_give_no_staff_figure(trainer, resource):
    """Walkthrough bug 4: one trained member of a trust of 8,600 read "100% (1 of 1)". Without a roster or an
    establishment there is no denominator, so no percentage."""
    organisation = trainer.organisation
    member = MembershipFactory(
        organisation=organisation, role=Role.FRONTLINE, team=TeamFactory(organisation=organisation)
    )
    TrainingRecord.objects.create(organisation=organisation, membership=member, resource=resource,
                                  completed_on=TODAY - datetime.timedelta(days=3))  # fmt: skip
    trained, staff = selectors.coverage(organisation, TODAY)
    assert (trained, staff) == (0, 0) and selectors.percent(trained, staff) is None


def test_trained_staff_who_logged_a_conversation(trainer, resource):
    organisation = trainer.organisation
    staff = [MembershipFactory(organisation=organisation, role=Role.FRONTLINE) for _ in range(4)]
    for member in staff[:2]:
        TrainingRecord.objects.create(organisation=organisation, membership=member, resource=resource,
                                      completed_on=TODAY - datetime.timedelta(days=30))  # fmt: skip
    TrainingRecord.objects.create(
        organisation=organisation,
        membership=staff[0],
        resource=resource,
        completed_on=TODAY - datetime.timedelta(days=400),
    )  # a second record: one person
    elsewhere = MembershipFactory(user=staff[1].user, role=Role.FRONTLINE).organisation

    def logged(member_user, in_organisation, day):
        record_conversation(
            organisation=in_organisation, recorded_by=member_user,
            data={"occurred_on": day, "contact_type": "carer", "raised_by": "staff", "intervention_level": "brief",
                  "topics": ["diet"], "outcomes": ["listened"]},
        )  # fmt: skip

    for member in (staff[0], staff[3]):  # one trained, one not
        logged(member.user, organisation, TODAY)
    logged(staff[1].user, organisation, TODAY - datetime.timedelta(days=8))  # trained, but before the period
    logged(staff[1].user, elsewhere, TODAY)  # trained here, logging for another organisation
    result = trained_staff_logging(organisation, TODAY - datetime.timedelta(days=7), TODAY)
    assert result == {"trained": 2, "logged": 1, "percent": 50}


def test_import_of_completions_with_row_level_errors(client, trainer, resource):
    member = MembershipFactory(organisation=trainer.organisation, role=Role.FRONTLINE)
    rows = (
        "email,resource,completed_on,valid_until\n"
        f"{member.user.email.upper()},mecc e-learning,2026-09-01,2028-09-01\n"
        f"{member.user.email},MECC e-learning,2026-09-01,\n"  # the same completion again: skipped
        "nobody@example.nhs.uk,MECC e-learning,2026-09-01,\n"
        f"{member.user.email},Unknown course,31/13/2026,\n"
        f'=HYPERLINK("x"),MECC e-learning,2026-09-01,\n'
    )
    client.force_login(trainer.user)
    response = client.post(reverse("training:records", args=[trainer.organisation.slug]),
                           {"file": SimpleUploadedFile("export.csv", rows.encode())})  # fmt: skip
    outcome = response.context["outcome"]
    assert (outcome["added"], outcome["skipped"]) == (1, 1)
    reasons = {item["row"]: " ".join(item["errors"]) for item in outcome["rejected"]}
    assert set(reasons) == {4, 5, 6}
    assert "no active member" in reasons[4] and "no training resource called 'Unknown course'" in reasons[5]
    assert "completed_on" in reasons[5] and "formula" in reasons[6]
    assert TrainingRecord.objects.get().valid_until == datetime.date(2028, 9, 1)
    missing = client.post(reverse("training:records", args=[trainer.organisation.slug]),
                          {"file": SimpleUploadedFile("x.csv", b"name,date\n")})  # fmt: skip
    assert "missing these columns: email, resource, completed_on" in missing.text


def answer(client, member, session, stage, value):
    client.force_login(member.user)
    data = {code: value for code, _ in content.QUESTIONS}
    return client.post(reverse("training:survey", args=[member.organisation.slug, session.pk, stage]), data)


def test_surveys_are_pseudonymous_suppressed_under_five_and_show_the_change(client, trainer, resource):
    session = TrainingSession.objects.create(organisation=trainer.organisation, resource=resource, date=TODAY)
    people = [MembershipFactory(organisation=trainer.organisation, role=Role.FRONTLINE) for _ in range(5)]
    for index, person in enumerate(people):
        answer(client, person, session, "pre", 2 if index < 4 else 4)
    for person in people[:4]:
        answer(client, person, session, "post", 4)
    assert selectors.survey_results(session)["suppressed"]  # only 4 answered after
    client.force_login(trainer.user)
    page = client.get(reverse("training:session", args=[trainer.organisation.slug, session.pk])).text
    assert 'id="survey-suppressed"' in page
    answer(client, people[4], session, "post", 5)
    results = selectors.survey_results(session)
    first = results["questions"][0]
    # Before: 2, 2, 2, 2, 4 (mean 2.4); after: 4, 4, 4, 4, 5 (mean 4.2); paired change (2+2+2+2+1)/5 = 1.8.
    assert (first["mean_pre"], first["mean_post"], first["mean_change"]) == (2.4, 4.2, 1.8)
    assert (first["confident_pre"], first["confident_post"]) == (20, 100)
    assert first["distribution"][1] == (2, 4, 0) and first["distribution"][3] == (4, 1, 4)
    keys = set(SurveyResponse.objects.values_list("respondent_key", flat=True))
    assert len(keys) == 5 and all(len(key) == 64 for key in keys)  # five people, each pre and post linked
    other = TrainingSession.objects.create(organisation=trainer.organisation, resource=resource, date=TODAY)
    assert services.respondent_key(other, people[0].user) != services.respondent_key(session, people[0].user)
    assert all(person.user.email not in page for person in people)


def test_a_survey_is_answered_once_per_stage_with_clear_errors(client, trainer, resource):
    session = TrainingSession.objects.create(organisation=trainer.organisation, resource=resource, date=TODAY)
    person = MembershipFactory(organisation=trainer.organisation, role=Role.FRONTLINE)
    client.force_login(person.user)
    url = reverse("training:survey", args=[trainer.organisation.slug, session.pk, "pre"])
    assert "Choose an answer from 1 to 5" in client.post(url, {"raise_smoking": "3"}).text
    assert "Thank you" in answer(client, person, session, "pre", 3).text
    assert "already answered" in answer(client, person, session, "pre", 5).text
    assert SurveyResponse.objects.get().answers["raise_smoking"] == 3


def test_marker_evidence_files_download_for_members_only(client, trainer, resource):
    evaluation = services.start_evaluation(resource, trainer.user)
    rate_all(client, trainer, evaluation, ["fully_met"] * 9,
             **{"impact-file": SimpleUploadedFile("slides.pdf", b"%PDF-1.5 slides")})  # fmt: skip
    stored = MarkerEvidenceFile.objects.get()
    url = reverse("training:evidence", args=[trainer.organisation.slug, stored.pk])
    response = client.get(url)
    assert response.status_code == 200 and response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == b"%PDF-1.5 slides"
    client.force_login(MembershipFactory(role=Role.TRAINER).user)  # another organisation
    assert client.get(url).status_code == 404


def test_a_records_file_over_the_limit_is_refused_before_it_is_read(client, make_member, monkeypatch):
    """Security review M6: the whole upload was read into memory before its size was checked."""
    lead = make_member(Role.IMPLEMENTATION_LEAD)
    read = []
    monkeypatch.setattr(services, "import_records", lambda *args: read.append(args) or {})
    client.force_login(lead.user)
    big = SimpleUploadedFile("big.csv", b"email,resource,completed_on\n" + b"x" * (6 * 1024 * 1024), "text/csv")
    response = client.post(reverse("training:records", args=[lead.organisation.slug]), {"file": big})
    assert "larger than 5 MB" in response.text and read == []


def test_one_more_answer_cannot_be_picked_out_by_comparing_the_page(client, trainer, resource):
    """Security review L1: with the results shown from 5 answers, a trainer reading the page before and after one
    known person answered read that person's answers in the changed cells."""
    session = TrainingSession.objects.create(organisation=trainer.organisation, resource=resource, date=TODAY)
    people = [MembershipFactory(organisation=trainer.organisation, role=Role.FRONTLINE) for _ in range(10)]
    for person in people[:6]:
        answer(client, person, session, "pre", 3)
        answer(client, person, session, "post", 3)
    before = selectors.survey_results(session)
    assert not before["suppressed"] and before["counts"]["post_released"] == 5
    answer(client, people[6], session, "pre", 1)
    answer(client, people[6], session, "post", 5)  # the person the trainer watches
    after = selectors.survey_results(session)
    assert after["questions"] == before["questions"] and after["counts"]["post"] == 7
    for person in people[7:]:
        answer(client, person, session, "pre", 4)
        answer(client, person, session, "post", 4)
    released = selectors.survey_results(session)  # ten answers: a second batch of five is in, mixed together
    assert released["counts"]["post_released"] == 10 and released["questions"] != before["questions"]
    client.force_login(trainer.user)
    page = client.get(reverse("training:session", args=[trainer.organisation.slug, session.pk])).text
    assert "added in groups of 5" in page


OFFICIAL = [
    ("Context of training", "Made-up marker one, as an official sheet would word it.", "Indicators one", "Test p. 4"),
    ("Context of training", "Made-up marker two.", "Indicators two", "Test p. 4"),
    ("Delivery of training", "Made-up marker three.", "", "Test p. 7"),
]


def official_sheet(rows=OFFICIAL):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["section", "marker", "indicators", "source"])
    writer.writerows(rows)
    return buffer.getvalue()


def test_a_published_official_checklist_is_used_by_new_evaluations_only(client, trainer, resource, tmp_path):
    old = services.start_evaluation(resource, trainer.user)
    path = tmp_path / "checklist.csv"
    path.write_text(official_sheet(), encoding="utf-8")
    out = io.StringIO()
    call_command("publish_quality_checklist", str(path), "--checklist-version", "2027.1", stdout=out)
    assert "2 sections, 3 markers" in out.getvalue()
    new = services.start_evaluation(resource, trainer.user)
    assert (old.checklist_version, new.checklist_version) == ("2026.1", "2027.1")
    assert sorted(new.ratings.values_list("marker", flat=True)) == ["m1", "m2", "m3"]
    assert old.ratings.count() == 9

    client.force_login(trainer.user)
    page = client.get(reverse("training:evaluation", args=[trainer.organisation.slug, new.pk])).text
    assert "Made-up marker one, as an official sheet would word it." in page and "PHE checklist wording" in page
    assert "Source: Test p. 4" in page and "Placeholder" not in page and "<h2>Delivery of training</h2>" in page
    page = client.get(reverse("training:evaluation", args=[trainer.organisation.slug, old.pk])).text
    assert "Placeholder: this service&#x27;s own words" in page and "Made-up marker" not in page

    data = {"m1-rating": "fully_met", "m2-rating": "fully_met", "m3-rating": "fully_met", "complete": "1"}
    client.post(reverse("training:evaluation", args=[trainer.organisation.slug, new.pk]), data)
    new.refresh_from_db()
    assert new.is_complete and selectors.evaluation_results(new)["percent"] == 100


def test_a_bad_checklist_sheet_publishes_nothing(tmp_path):
    path = tmp_path / "checklist.csv"
    path.write_text(official_sheet([("Context", "", "x", "p. 1"), ("", "Marker", "", "")]), encoding="utf-8")
    with pytest.raises(CommandError) as error:
        call_command("publish_quality_checklist", str(path), "--checklist-version", "2027.1")
    assert "Line 2: marker is empty." in str(error.value) and "Line 3: section is empty; source is empty." in str(
        error.value
    )
    path.write_text(official_sheet(), encoding="utf-8")
    call_command("publish_quality_checklist", str(path), "--checklist-version", "2027.1", stdout=io.StringIO())
    with pytest.raises(CommandError, match="already exists"):
        call_command("publish_quality_checklist", str(path), "--checklist-version", "2027.1")


def test_no_survey_answer_names_its_respondent_in_its_history_or_the_data_export(client, trainer, resource):
    session = TrainingSession.objects.create(organisation=trainer.organisation, resource=resource, date=TODAY)
    person = MembershipFactory(organisation=trainer.organisation, role=Role.FRONTLINE)
    answer(client, person, session, "pre", 3)  # through the page, signed in, as an attendee answers
    history = SurveyResponse.history.get()
    assert history.history_user_id is None  # what changed and when, never who
    archive = io.BytesIO()
    export_archive(trainer.organisation, archive)
    with zipfile.ZipFile(archive) as zipped:
        for name in ("data/training-surveyresponse.csv", "data/training-historicalsurveyresponse.csv"):
            rows = list(csv.DictReader(io.StringIO(zipped.read(name).decode())))
            assert len(rows) == 1
            assert not {column: value for column, value in rows[0].items() if "user" in column and value}, name


def test_the_summary_keeps_the_trained_staff_share_briefly_but_sees_training_changes_at_once(resource):
    organisation = resource.organisation
    member = MembershipFactory(organisation=organisation, role=Role.FRONTLINE)
    start, end = TODAY - datetime.timedelta(days=7), TODAY
    assert recent_trained_staff_logging(organisation, start, end) is None  # nobody trained: nothing to show
    TrainingRecord.objects.create(organisation=organisation, membership=member, resource=resource, completed_on=TODAY)
    assert recent_trained_staff_logging(organisation, start, end) == {"trained": 1, "logged": 0, "percent": 0}
    record_conversation(
        organisation=organisation, recorded_by=member.user,
        data={"occurred_on": TODAY, "contact_type": "carer", "raised_by": "staff", "intervention_level": "brief",
              "topics": ["diet"], "outcomes": ["listened"]},
    )  # fmt: skip
    assert recent_trained_staff_logging(organisation, start, end)["logged"] == 0  # kept for up to five minutes
    cache.clear()
    assert recent_trained_staff_logging(organisation, start, end) == {"trained": 1, "logged": 1, "percent": 100}
