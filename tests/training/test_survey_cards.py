"""Answer cards: attendees answer the confidence survey before and after without signing in, once each, and nothing
the service keeps links an answer to a person (issue 21; walkthrough 15)."""

import re

import pytest
from django.urls import reverse

from organisations.models import AuditEvent
from organisations.roles import Role
from tests.organisations.factories import MembershipFactory
from tests.training.factories import TrainingSessionFactory
from training import content, services
from training.models import SurveyCard, SurveyResponse

pytestmark = pytest.mark.django_db
ANSWERS = {code: "4" for code, _ in content.QUESTIONS}


@pytest.fixture
def session():
    return TrainingSessionFactory()


def make_cards(client, session, count):
    trainer = MembershipFactory(organisation=session.organisation, role=Role.TRAINER)
    client.force_login(trainer.user)
    page = client.post(reverse("training:survey_cards", args=[session.organisation.slug, session.pk]), {"count": count})
    client.logout()
    return re.findall(r'href="(http://testserver/survey/[^"]+/pre/)"', page.text), page


def test_a_trainer_makes_cards_shown_once_and_only_their_hashes_are_kept(client, session):
    links, page = make_cards(client, session, 3)
    assert len(set(links)) == 3 and "Shown only now" in page.text
    codes = [link.split("/survey/")[1].split("/")[0] for link in links]
    stored = set(SurveyCard.objects.values_list("code_hash", flat=True))
    assert stored == {services.card_hash(code) for code in codes} and not any(code in stored for code in codes)


def test_an_attendee_answers_before_and_after_without_signing_in_once_each(client, session):
    (link,), _ = make_cards(client, session, 1)
    path = link.removeprefix("http://testserver")
    events = AuditEvent.objects.count()
    assert "nothing here asks or records who you are" in client.get(path).text
    thanks = client.post(path, ANSWERS)
    after = path.replace("/pre/", "/post/")
    assert "Thank you" in thanks.text and f'href="{after}"' in thanks.text
    assert "already been used" in client.post(path, ANSWERS).text  # one answer a stage
    client.post(after, {code: "5" for code, _ in content.QUESTIONS})
    responses = list(SurveyResponse.objects.order_by("stage"))
    assert [r.stage for r in responses] == ["post", "pre"]
    assert responses[0].respondent_key == responses[1].respondent_key == SurveyCard.objects.get().code_hash
    assert SurveyResponse.history.filter(history_user__isnull=False).count() == 0
    assert AuditEvent.objects.count() == events and "_auth_user_id" not in client.session


def test_unknown_cards_and_stages_are_not_found(client, session):
    (link,), _ = make_cards(client, session, 1)
    assert client.get("/survey/not-a-card/pre/").status_code == 404
    assert client.get(link.removeprefix("http://testserver").replace("/pre/", "/during/")).status_code == 404


def test_only_trainers_and_leads_make_cards_and_the_number_is_checked(client, session):
    frontline = MembershipFactory(organisation=session.organisation, role=Role.FRONTLINE)
    client.force_login(frontline.user)
    url = reverse("training:survey_cards", args=[session.organisation.slug, session.pk])
    assert client.post(url, {"count": 5}).status_code == 403
    client.force_login(MembershipFactory(organisation=session.organisation, role=Role.TRAINER).user)
    for count in ("0", "201", "many"):
        page = client.post(url, {"count": count}, follow=True)
        assert "Enter how many answer cards to make, from 1 to 200" in page.text
    assert not SurveyCard.objects.exists()
