"""Each role's home page opens on where things stand: the programme's position for those who run it, this quarter's
conversations against the default target (or "no staff figure"), the providers needing a commissioner's attention,
and the latest report with what waits for a board member's sign-off. Frontline staff see none of these."""

import pytest
from django.urls import reverse
from django.utils import timezone

from common import periods
from evaluation.models import EvaluationReport
from implementation.models import ChecklistItem
from organisations.roles import Role
from tests.contacts.factories import DailyConversationCountFactory
from tests.evaluation.factories import EvaluationReportFactory
from tests.implementation.factories import ObjectiveFactory
from tests.organisations.factories import ContractFactory, MembershipFactory, OrganisationFactory, TeamFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def home(client, member):
    client.force_login(member.user)
    return client.get(reverse("organisations:home", args=[member.organisation.slug]))


def test_the_lead_sees_the_programme_and_this_quarters_conversations_against_target(client):
    trust = OrganisationFactory(staff_headcount=2000)
    lead = MembershipFactory(organisation=trust, role=Role.IMPLEMENTATION_LEAD)
    ChecklistItem.objects.for_organisation(trust).filter(code="obtain_support").update(
        target_date=TODAY - timezone.timedelta(days=3)
    )
    DailyConversationCountFactory(organisation=trust, day=TODAY, count=120)
    page = home(client, lead).text
    programme = page.split('id="programme-position"')[1].split('id="quarter-conversations"')[0]
    assert "Phase 1" in programme and "1 action overdue" in programme and "not yet approved" in programme
    quarter = page.split('id="quarter-conversations"')[1]
    assert f"<strong>120</strong> recorded in {periods.quarter_of(TODAY).label} so far" in quarter
    assert "Target for a whole quarter: 5,000 (2,000 staff" in quarter  # 2,500 per 1,000 staff


def test_without_a_staff_figure_there_is_no_target_and_a_team_manager_sees_the_team(client):
    trust = OrganisationFactory(staff_headcount=None)
    ward = TeamFactory(organisation=trust, name="Ward 9")
    DailyConversationCountFactory(organisation=trust, team_key=ward.pk, day=TODAY, count=7)
    DailyConversationCountFactory(organisation=trust, day=TODAY, count=50)
    lead = MembershipFactory(organisation=trust, role=Role.IMPLEMENTATION_LEAD)
    assert "No staff figure, so no target" in home(client, lead).text
    manager = MembershipFactory(organisation=trust, role=Role.TEAM_MANAGER, team=ward)
    assert "<strong>7</strong> recorded by Ward 9" in home(client, manager).text


def test_a_commissioner_sees_the_providers_needing_attention(client):
    icb = OrganisationFactory(kind="icb")
    for name in ("Alpha Trust", "Beta Trust"):
        ContractFactory(commissioner=icb, provider=OrganisationFactory(name=name), status="accepted")
    commissioner = MembershipFactory(organisation=icb, role=Role.COMMISSIONER)
    panel = home(client, commissioner).text.split('id="providers-attention"')[1].split('id="quarter-conversations"')[0]
    assert "2 of your 2 consenting providers have at least one red measure" in panel
    assert "Alpha Trust</a>:" in panel and "Beta Trust</a>:" in panel


def test_a_board_member_sees_the_latest_report_and_what_waits_for_sign_off(client):
    trust = OrganisationFactory()
    ObjectiveFactory(organisation=trust)
    report = EvaluationReportFactory(
        organisation=trust, status=EvaluationReport.Status.READY, finished_at=timezone.now()
    )
    board = MembershipFactory(organisation=trust, role=Role.BOARD_MEMBER)
    panel = home(client, board).text.split('id="latest-report"')[1]
    assert report.period_label in panel and "1 SMART objective waits for a board member's sign-off" in panel


def test_frontline_staff_open_on_logging_not_on_figures(client):
    frontline = MembershipFactory(role=Role.FRONTLINE)
    page = home(client, frontline)
    assert page.context["panels"] == [] and 'id="log-conversation"' in page.text
