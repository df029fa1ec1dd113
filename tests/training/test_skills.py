"""The Individual and Team Skills Assessment: a member's own answers, team and organisation profiles with the
small-number rule, development needs, and who sees what."""

import pytest
from django.urls import reverse

from organisations.roles import Role
from tests.organisations.factories import MembershipFactory, OrganisationFactory, TeamFactory
from training import content, skills
from training.models import SkillsSelfAssessment

pytestmark = pytest.mark.django_db


def answers(competence, confidence):
    return {code: {"competence": competence, "confidence": confidence} for code, _, _ in content.SKILL_STAGES}


def form_data(competence, confidence):
    return {
        f"{code}-{aspect}": str(competence if aspect == "competence" else confidence)
        for code, _, _ in content.SKILL_STAGES
        for aspect, _ in content.SKILL_ASPECTS
    }


def test_stages_are_the_guides_behaviour_change_pathway():
    assert [name for _, name, _ in content.SKILL_STAGES] == ["Stage 1 (MECC)", "Stage 2", "Stage 3", "Stage 4"]
    assert content.SKILL_STAGES[2][2] == "Increase motivation and clarify the support needed."


def test_a_member_rates_their_own_skills_with_clear_errors(client, make_member):
    member = make_member(Role.FRONTLINE)
    client.force_login(member.user)
    url = reverse("training:skills", args=[member.organisation.slug])
    page = client.get(url).text
    assert "this service's own" in page.replace("&#x27;", "'") and "Only you see your answers" in page
    missing = client.post(url, {"stage_1-competence": "4"})
    assert missing.status_code == 400 and "There is a problem" in missing.text
    assert "Select how confident you feel at Stage 1 (MECC)" in missing.text
    assert "Select how competent you feel at Stage 4" in missing.text
    assert not SkillsSelfAssessment.objects.exists()
    client.post(url, form_data(4, 3))
    saved = SkillsSelfAssessment.objects.get()
    assert saved.membership == member and saved.ratings["stage_4"] == {"competence": 4, "confidence": 3}
    assert 'id="own-skills"' in client.get(url).text


def test_profiles_show_latest_answers_only_from_five_people_and_count_development_needs():
    organisation = OrganisationFactory()
    ward = TeamFactory(organisation=organisation)
    people = [MembershipFactory(organisation=organisation, team=ward, role=Role.FRONTLINE) for _ in range(5)]
    for person in people[:4]:
        skills.record(person, answers(2, 5))
    assert skills.profile(organisation, ward).suppressed
    assert skills.profile(organisation, ward).stages[0].needs is None  # four people: nothing to read off
    skills.record(people[4], answers(5, 5))
    skills.record(people[0], answers(4, 4))  # a later answer replaces the earlier one
    result = skills.profile(organisation, ward)
    assert not result.suppressed and result.people == 5
    stage_one = result.stages[0]
    assert (stage_one.competence, stage_one.confidence, stage_one.needs) == (3.0, 4.8, 3)
    assert skills.describe_needs(result) == "5 people; 3 report a development need at Stage 1 (MECC)"
    people[4].is_active = False
    people[4].save()
    assert skills.profile(organisation, ward).suppressed  # people who have left no longer count


def test_a_team_manager_sees_only_their_teams_profile_and_nobody_sees_one_persons_answers(client):
    organisation = OrganisationFactory()
    ward, clinic = TeamFactory(organisation=organisation, name="Ward 7"), TeamFactory(organisation=organisation)
    for _ in range(5):
        skills.record(MembershipFactory(organisation=organisation, team=ward), answers(1, 1))
    manager = MembershipFactory(organisation=organisation, team=ward, role=Role.TEAM_MANAGER)
    client.force_login(manager.user)
    url = reverse("training:skills_profile", args=[organisation.slug])
    profiles = client.get(url).context["profiles"]
    assert [name for name, _ in profiles] == ["Ward 7"] and profiles[0][1].stages[0].needs == 5
    lead = MembershipFactory(organisation=organisation, role=Role.IMPLEMENTATION_LEAD)
    client.force_login(lead.user)
    names = [name for name, _ in client.get(url).context["profiles"]]
    assert names[0] == "Whole organisation" and {"Ward 7", clinic.name} <= set(names)
    frontline = MembershipFactory(organisation=organisation, team=ward, role=Role.FRONTLINE)
    client.force_login(frontline.user)
    assert client.get(url).status_code == 403
