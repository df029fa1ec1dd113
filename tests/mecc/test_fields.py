"""Ids no database column can hold, posted to a multiple-choice field, are refused on the page, not a server error
(hypothesis found one in the contact form's services: tests/mecc/test_hostile_input.py)."""

import pytest
from django.urls import reverse

from contacts.models import Conversation
from organisations.roles import Role
from tests.contacts.factories import ServiceFactory
from training.models import TrainingRecord, TrainingResource, TrainingSession

pytestmark = pytest.mark.django_db
TOO_BIG = "99999999999999999999999"


@pytest.mark.parametrize("posted", [TOO_BIG, f"-{TOO_BIG}"])
def test_a_service_id_too_big_for_the_database_is_an_invalid_choice(client, make_member, posted):
    member = make_member(Role.FRONTLINE)
    service = ServiceFactory(organisation=member.organisation)
    client.force_login(member.user)
    url = reverse("contacts:log", args=[member.organisation.slug])
    form = client.get(url).context["form"]
    data = {"occurred_on": form.initial["occurred_on"], "contact_type": "service_user", "raised_by": "staff",
            "intervention_level": "very_brief", "client_key": form.initial["client_key"], "topics": ["smoking"],
            "outcomes": ["signposted"], "services": [service.pk, posted]}  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 200 and "There is a problem" in response.text
    assert f"“{posted}” is not a valid value." in response.text
    assert not Conversation.objects.exists()


def test_an_attendee_id_too_big_for_the_database_is_an_invalid_choice(client, make_member):
    trainer = make_member(Role.TRAINER)
    resource = TrainingResource.objects.create(organisation=trainer.organisation, name="MECC e-learning",
                                               delivery="e_learning", intervention_level="very_brief",
                                               competence_level="core")  # fmt: skip
    session = TrainingSession.objects.create(organisation=trainer.organisation, resource=resource, date="2026-10-01")
    client.force_login(trainer.user)
    response = client.post(
        reverse("training:session", args=[trainer.organisation.slug, session.pk]), {"attendees": [TOO_BIG]}
    )
    assert response.status_code == 200 and f"“{TOO_BIG}” is not a valid value." in response.text
    assert not session.attendees.exists() and not TrainingRecord.objects.exists()
