"""Training in Chromium: a trainer evaluates a resource and sees the gaps; survey results show the change; axe on
every training page at desktop width and at 360px."""

import datetime

import pytest

from organisations.roles import Role
from tests.browser.conftest import PHONE, assert_accessible, assert_fits_phone, check_pages, sign_in, submit
from tests.organisations.factories import (
    PASSWORD,
    MembershipFactory,
    OrganisationFactory,
    StaffMemberFactory,
    TeamFactory,
)
from training import content, services, skills
from training.models import SurveyResponse, TrainingRecord, TrainingResource, TrainingSession


@pytest.fixture
def trainer(transactional_db):
    organisation = OrganisationFactory(name="Northgate Hospitals NHS Trust", slug="northgate")
    return MembershipFactory(organisation=organisation, role=Role.TRAINER)


def test_trainer_evaluates_a_resource_and_sees_the_gaps(new_page, live_server, trainer):
    page = new_page()
    sign_in(page, live_server, trainer.user.email, PASSWORD)
    page.goto(f"{live_server.url}/o/northgate/training/")
    page.get_by_label("Resource name").fill("Healthy Conversations e-learning")
    page.get_by_label("E-learning").check()
    page.get_by_label("Very brief intervention").check()
    page.get_by_label("Core (level 1)").check()
    submit(page, "Add resource")
    submit(page, "Start a self-evaluation")
    assert_accessible(page)
    for number, marker in enumerate(content.MARKERS, start=1):
        rating = "Fully met (3)" if number != 4 else "Not met (0)"
        page.locator(f"#marker-{marker.code}").get_by_label(rating).check()
    page.get_by_label("Action to meet marker 4, if not fully met").fill("Add a skills practice session")
    due = page.get_by_role("group", name="Action due date for marker 4")  # the NHS.UK date input
    due.get_by_label("Day").fill("1")
    due.get_by_label("Month").fill("2")
    due.get_by_label("Year").fill("2027")
    submit(page, "Complete evaluation")
    assert "Green: 89%" in page.locator("main").inner_text()  # 24 of 27
    assert "Add a skills practice session" in page.locator("#gaps").inner_text()
    assert_accessible(page)


def test_every_training_page_passes_axe_and_fits_a_phone(new_page, live_server, trainer):
    organisation = trainer.organisation
    team = TeamFactory(organisation=organisation, name="Emergency department")
    resource = TrainingResource.objects.create(
        organisation=organisation, name="MECC face-to-face", delivery="face_to_face", intervention_level="brief",
        competence_level="skilled",
    )  # fmt: skip
    evaluation = services.start_evaluation(resource, trainer.user)
    session = TrainingSession.objects.create(
        organisation=organisation,
        resource=resource,
        date=datetime.date(2026, 10, 1),
        team=team,
        place="Education centre",
    )
    people = [MembershipFactory(organisation=organisation, role=Role.FRONTLINE, team=team) for _ in range(5)]
    for person in people:
        services.submit_survey(session, person.user, "pre", {code: 2 for code, _ in content.QUESTIONS})
        services.submit_survey(session, person.user, "post", {code: 4 for code, _ in content.QUESTIONS})
        TrainingRecord.objects.create(organisation=organisation, membership=person, resource=resource,
                                      completed_on=datetime.date(2026, 10, 1))  # fmt: skip
        StaffMemberFactory(organisation=organisation, team=team, email=person.user.email)  # their roster entries
    paths = [
        "training/",
        f"training/resources/{resource.pk}/",
        f"training/evaluations/{evaluation.pk}/",
        "training/sessions/",
        f"training/sessions/{session.pk}/",
        f"training/sessions/{session.pk}/survey/post/",
        "training/records/",
        "training/coverage/",
        "training/skills/",
        "training/skills/profile/",
    ]
    for person in people:
        skills.record(person, {code: {"competence": 2, "confidence": 4} for code, _, _ in content.SKILL_STAGES})
    check_pages(new_page, live_server, trainer.user.email, [f"/o/northgate/{path}" for path in paths], "training")
    page = new_page()
    sign_in(page, live_server, trainer.user.email, PASSWORD)
    page.goto(f"{live_server.url}/o/northgate/training/sessions/{session.pk}/")
    assert "+2.0" in page.locator("#survey-results").inner_text()
    page.goto(f"{live_server.url}/o/northgate/training/coverage/")
    assert "100%" in page.locator("#coverage-total").inner_text()


def test_an_attendee_answers_from_an_answer_card_on_a_phone_without_signing_in(new_page, live_server, trainer):
    resource = TrainingResource.objects.create(organisation=trainer.organisation, name="MECC workshop",
                                               delivery="face_to_face", intervention_level="brief",
                                               competence_level="skilled")  # fmt: skip
    session = TrainingSession.objects.create(organisation=trainer.organisation, resource=resource,
                                             date=datetime.date.today())  # fmt: skip
    page = new_page(viewport=PHONE, javascript=False)
    sign_in(page, live_server, trainer.user.email, PASSWORD)
    page.goto(f"{live_server.url}/o/northgate/training/sessions/{session.pk}/")
    page.get_by_label("How many cards").fill("2")
    submit(page, "Make answer cards")
    assert_accessible(page)
    assert_fits_phone(page, "training-answer-cards")
    links = page.locator("#answer-cards a").all_inner_texts()
    assert len(links) == 2
    attendee = new_page(viewport=PHONE, javascript=False)  # another phone, nobody signed in
    attendee.goto(links[0])
    assert_accessible(attendee)
    for code, _ in content.QUESTIONS:
        attendee.locator(f"input[name='{code}'][value='3']").check()
    submit(attendee, "Send answers")
    assert "Your answers were recorded" in attendee.locator("main").inner_text()
    assert_accessible(attendee)
    assert SurveyResponse.objects.get().stage == "pre"
