"""The programme overview: the guide's three core components and staff health and wellbeing, each with what the
records say and its objectives; figures only for roles that may see them."""

import pytest
from django.urls import reverse
from django.utils import timezone

from implementation import content
from organisations.roles import Role
from tests.assessment.factories import rated_assessment
from tests.contacts.factories import DailyConversationCountFactory
from tests.implementation.factories import ObjectiveFactory

pytestmark = pytest.mark.django_db


def test_the_overview_is_framed_by_the_three_core_components_and_staff_wellbeing(client, make_member):
    lead = make_member(Role.IMPLEMENTATION_LEAD)
    organisation = lead.organisation
    rated_assessment(lead, "aaaabbbbcc")
    ObjectiveFactory(organisation=organisation, area="staff_wellbeing", statement="Wellbeing strategy in place")
    ObjectiveFactory(organisation=organisation, area="", statement="Set before areas existed")
    today = timezone.localdate()
    for value, count in (("colleague", 7), ("service_user", 30)):
        DailyConversationCountFactory(
            organisation=organisation, day=today, dimension="contact_type", value=value, count=count
        )
    client.force_login(lead.user)
    response = client.get(reverse("implementation:programme", args=[organisation.slug]))
    areas = {area["code"]: area for area in response.context["areas"]}
    assert list(areas) == [code for code, _, _ in content.AREAS] + [""]
    assert "Staff readiness" in response.text and "Enabling and empowering the public" in response.text
    assert "Staff need to be engaged with implementation" in response.text  # the guide's own description
    readiness = dict(areas["organisational_readiness"]["figures"])
    assert readiness["Latest organisational assessment"].startswith("8 of 10 factors rated A or B")
    wellbeing = areas["staff_wellbeing"]
    assert [row["objective"].statement for row in wellbeing["objectives"]] == ["Wellbeing strategy in place"]
    assert wellbeing["figures"][0][0].startswith("Conversations with colleagues") and wellbeing["figures"][0][1] == "7"
    assert [row["objective"].statement for row in areas[""]["objectives"]] == ["Set before areas existed"]


def test_figures_follow_what_the_role_may_see(client, make_member):
    trainer = make_member(Role.TRAINER)
    client.force_login(trainer.user)
    areas = client.get(reverse("implementation:programme", args=[trainer.organisation.slug])).context["areas"]
    labels = {label for area in areas for label, _ in area["figures"]}
    assert "Latest organisational assessment" not in labels  # trainers do not read assessments
    assert not any(label.startswith("Conversations") for label in labels)  # nor the conversation log
    assert "Frontline staff trained" in labels
