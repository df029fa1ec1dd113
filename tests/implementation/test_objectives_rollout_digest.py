"""SMART objective progress from live data, sign-off, team roll-out ranking and plans, and the overdue digest."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from contacts.services import record_conversation
from implementation import selectors, services
from implementation.models import ChecklistItem, Objective, TeamPlan
from implementation.tasks import send_overdue_digests
from organisations.roles import Role
from tests.assessment.factories import rated_assessment
from tests.organisations.factories import MembershipFactory, OrganisationFactory, TeamFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def lead(make_member):
    return make_member(Role.IMPLEMENTATION_LEAD)


def objective(lead, measure, target, days_ago=10, days_left=10, **fields):
    return Objective.objects.create(
        organisation=lead.organisation,
        term="short",
        statement=f"{measure} objective",
        owner=lead.user,
        start_date=TODAY - datetime.timedelta(days=days_ago),
        deadline=TODAY + datetime.timedelta(days=days_left),
        measure=measure,
        target=Decimal(target),
        **fields,
    )


def record(lead, day):
    record_conversation(
        organisation=lead.organisation,
        recorded_by=lead.user,
        data={"occurred_on": day, "contact_type": "carer", "raised_by": "staff", "intervention_level": "brief",
              "topics": ["smoking"], "outcomes": ["information"]},
    )  # fmt: skip


def test_conversations_measure_counts_from_the_start_date(lead):
    for _ in range(6):
        record(lead, TODAY - datetime.timedelta(days=3))
    record(lead, TODAY - datetime.timedelta(days=20))  # before the objective started
    progress = selectors.objective_progress(objective(lead, "conversations", 12))
    # 6 of 12 = 0.5 progress after half the time (10 of 20 days): on track.
    assert (progress.current, progress.ratio, progress.elapsed, progress.status) == (Decimal(6), 0.5, 0.5, "on track")


@pytest.mark.parametrize(
    ("value", "status"),
    [("10", "achieved"), ("5", "on track"), ("3.5", "at risk"), ("3", "at risk"), ("2.9", "off track")],
)
def test_status_boundaries_against_time_elapsed(lead, value, status):
    # Half the time gone: on track from 50%, at risk from 30%, off track below.
    assert selectors.objective_progress(objective(lead, "manual", 10, manual_value=Decimal(value))).status == status


def test_assessment_phase_and_trained_measures(lead):
    assert selectors.objective_progress(objective(lead, "assessment", 8)).status == "no data"
    rated_assessment(lead, "cbcdcbbcbc")  # 4 factors rated A or B
    progress = selectors.objective_progress(objective(lead, "assessment", 8))
    assert progress.current == Decimal(4) and progress.ratio == 0.5
    for code in ("make_case", "obtain_support"):
        services.update_item(
            ChecklistItem.objects.for_organisation(lead.organisation).get(code=code), changed_by=lead.user,
            status="achieved",
        )  # fmt: skip
    phase_one = selectors.objective_progress(objective(lead, "checklist_phase", 100, phase=1))
    assert phase_one.current == Decimal(50)  # 2 of the 4 visible phase 1 actions
    trained = selectors.objective_progress(objective(lead, "trained", 60))
    assert trained.current is None and trained.status == "no data"


def test_objectives_are_added_with_clear_errors_and_signed_off(client, lead):
    client.force_login(lead.user)
    url = reverse("implementation:objectives", args=[lead.organisation.slug])
    bad = client.post(url, {"term": "short", "statement": "", "owner": lead.user.pk, "start_date": "2026-06-01",
                            "deadline": "2026-05-01", "measure": "checklist_phase", "target": "0"})  # fmt: skip
    assert "Enter the objective" in bad.text and "after the start date" in bad.text
    assert "Select the part of the programme the objective belongs to" in bad.text
    assert "Select the checklist phase" in bad.text and "more than 0" in bad.text
    client.post(url, {"term": "medium", "area": "staff_readiness", "statement": "Train 60% of frontline staff",
                      "owner": lead.user.pk,
                      "start_date": "2026-06-01", "deadline": "2027-06-01", "measure": "trained",
                      "target": "60"})  # fmt: skip
    added = Objective.objects.get()
    assert (
        client.post(reverse("implementation:objective_sign_off", args=[lead.organisation.slug, added.pk])).status_code
        == 403
    )
    board = MembershipFactory(organisation=lead.organisation, role=Role.BOARD_MEMBER)
    client.force_login(board.user)
    client.post(reverse("implementation:objective_sign_off", args=[lead.organisation.slug, added.pk]))
    added.refresh_from_db()
    assert added.signed_off_by == board.user and added.signed_off_at is not None


def test_teams_are_ranked_by_their_criteria_scores(client, lead):
    organisation = lead.organisation
    ward, clinic, office = (TeamFactory(organisation=organisation, name=n) for n in ("Ward", "Clinic", "Office"))
    client.force_login(lead.user)
    for team, scores in ((ward, (5, 4, 3, 5)), (clinic, (5, 5, 5, 5)), (office, (1, 2, 2, 1))):
        data = dict(zip(("contact_opportunities", "ability_to_influence", "current_work", "head_support"),
                        scores, strict=True))  # fmt: skip
        client.post(reverse("implementation:team_priority", args=[organisation.slug, team.pk]),
                    data | {"planned_start": "2027-01-10"})  # fmt: skip
    response = client.get(reverse("implementation:rollout", args=[organisation.slug]))
    assert [(r["team"].name, r["priority"].score) for r in response.context["scored"]] == [
        ("Clinic", 20), ("Ward", 17), ("Office", 6),
    ]  # fmt: skip
    missing = client.post(
        reverse("implementation:team_priority", args=[organisation.slug, ward.pk]), {"planned_start": ""}
    )
    criterion = "number of opportunities within the department to have contact with individuals"
    assert f"Score the {criterion} from 1 to 5" in missing.text


def test_team_plan_barriers_and_sign_off(client, lead):
    team = TeamFactory(organisation=lead.organisation)
    manager = MembershipFactory(organisation=lead.organisation, role=Role.TEAM_MANAGER, team=team)
    other_manager = MembershipFactory(organisation=lead.organisation, role=Role.TEAM_MANAGER)
    url = reverse("implementation:team_plan", args=[lead.organisation.slug, team.pk])
    client.force_login(other_manager.user)
    assert client.post(url, {"monitoring": "x"}).status_code == 403
    client.force_login(manager.user)
    missing = client.post(url, {"add_barrier": "1", "barrier-barrier": "time", "barrier-plan_to_overcome": ""})
    assert "Enter the plan to overcome this barrier" in missing.text
    client.post(url, {"add_barrier": "1", "barrier-barrier": "time", "barrier-plan_to_overcome": "Prompt cards"})
    client.post(url, {"team_lead": manager.user.pk, "monitoring": "Monthly conversation counts"})
    plan = TeamPlan.objects.get(team=team)
    assert plan.barriers.get().get_barrier_display() == "Making time for staff to engage with service users"
    assert plan.team_lead == manager.user
    client.force_login(lead.user)
    client.post(reverse("implementation:team_plan_sign_off", args=[lead.organisation.slug, team.pk]))
    plan.refresh_from_db()
    assert plan.signed_off_by == lead.user
    client.force_login(manager.user)
    client.post(url, {"team_lead": manager.user.pk, "monitoring": "Weekly counts"})
    plan.refresh_from_db()
    assert plan.signed_off_at is None  # a changed plan needs signing off again


def test_overdue_digest_sends_one_email_per_owner(lead):
    organisation = lead.organisation
    other = MembershipFactory(user=lead.user, organisation=OrganisationFactory(), role=Role.IMPLEMENTATION_LEAD)
    colleague = MembershipFactory(organisation=organisation, role=Role.TEAM_MANAGER)
    late = TODAY - datetime.timedelta(days=3)
    items = ChecklistItem.objects.for_organisation(organisation)
    for code in ("make_case", "identify_resources"):
        items.filter(code=code).update(owner=lead.user, target_date=late)
    ChecklistItem.objects.for_organisation(other.organisation).filter(code="make_case").update(
        owner=lead.user, target_date=late
    )
    items.filter(code="identify_teams").update(owner=colleague.user, target_date=late, status="achieved")
    items.filter(code="engage_teams").update(owner=colleague.user, target_date=TODAY)
    assert services.send_overdue_digests(TODAY) == 1
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [lead.user.email]
    body = mail.outbox[0].body
    assert body.count("3 days ago") == 3 and other.organisation.name in body and "Make the case" in body
    assert "3 overdue actions" in mail.outbox[0].subject


def test_digest_skips_owners_who_left_the_organisation(lead):
    ChecklistItem.objects.for_organisation(lead.organisation).filter(code="make_case").update(
        owner=lead.user, target_date=TODAY - datetime.timedelta(days=1)
    )
    lead.is_active = False
    lead.save()
    assert services.send_overdue_digests(TODAY) == 0 and not mail.outbox


def test_the_digest_is_scheduled_weekly_by_celery_beat(settings):
    schedule = settings.CELERY_BEAT_SCHEDULE["weekly-overdue-checklist-digest"]
    assert schedule["task"] == "implementation.tasks.send_overdue_digests"
    assert schedule["schedule"].day_of_week == {1}

    assert send_overdue_digests.delay().get() == 0


def test_barriers_can_be_removed_and_any_change_needs_signing_off_again(client):
    """Walkthrough 28: barriers could not be removed; a signed-off plan stayed signed off whatever changed."""
    lead = MembershipFactory(role=Role.IMPLEMENTATION_LEAD)
    team = TeamFactory(organisation=lead.organisation)
    client.force_login(lead.user)
    url = reverse("implementation:team_plan", args=[lead.organisation.slug, team.pk])
    client.post(
        url, {"add_barrier": "1", "barrier-barrier": "listening", "barrier-plan_to_overcome": "Practice in pairs"}
    )
    plan = TeamPlan.objects.get(team=team)
    client.post(reverse("implementation:team_plan_sign_off", args=[lead.organisation.slug, team.pk]))
    plan.refresh_from_db()
    assert plan.signed_off_at is not None
    barrier = plan.barriers.get()
    page = client.get(url).text
    assert "any change (its monitoring, lead or barriers) needs signing off again" in page and "Remove" in page
    response = client.post(url, {"remove_barrier": barrier.pk}, follow=True)
    assert "Barrier removed. The plan needs signing off again." in response.text
    plan.refresh_from_db()
    assert not plan.barriers.exists() and plan.signed_off_at is None
