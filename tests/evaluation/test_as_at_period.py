"""Issue 21: a period report states every figure as it stood at the end of its period. A history is built across
several quarters with the clock moved (time-machine), the report for Q1 is gathered the day after Q1 ended, the
organisation then changes almost everything, and the same report gathered months later must say the same."""

import datetime

import pytest
import time_machine

from contacts.models import Service
from evaluation import report_data
from implementation import content as checklist
from implementation import services as implementation_services
from implementation.models import ChecklistItem, Objective
from organisations.roles import Role
from tests.assessment.factories import rated_assessment
from tests.contacts.factories import ServiceFactory, log_conversations
from tests.evaluation.factories import EvaluationReportFactory
from tests.implementation.factories import ObjectiveFactory
from tests.organisations.factories import MembershipFactory, OrganisationFactory, StaffMemberFactory, TeamFactory
from tests.training.factories import TrainingRecordFactory, TrainingResourceFactory
from training import services as training_services

pytestmark = pytest.mark.django_db


def at(year, month, day):
    """Noon UTC on the day: the same calendar day in London, whatever the season."""
    return time_machine.travel(datetime.datetime(year, month, day, 12, tzinfo=datetime.UTC), tick=False)


def figures(data: dict) -> dict:
    """What a board reads in the report, as plain values."""
    implementation = data["implementation"]
    return {
        "plan": (data["inputs"]["plan_approved"], data["inputs"]["approved_on"]),
        "leads": sorted(data["inputs"]["leads"]),
        "resources": [
            (r["resource"].name, r["evaluation"] and r["evaluation"].pk) for r in data["inputs"]["resources"]
        ],
        "phases": [(p.number, p.done, p.total) for p in implementation["phases"]],
        "overdue": [item.title for item in implementation["overdue"]],
        "objectives": [
            (row["objective"].statement, row["objective"].target, row["progress"].current, row["progress"].status)
            for row in data["outcomes"]["objectives"]
        ],
        "readiness": data["readiness"] and (data["readiness"]["latest"].pk, data["readiness"]["result"].strong),
        "training": (data["training"]["trained"], data["training"]["staff"], data["training"]["percent"]),
        "conversations": data["activity"]["total"],
        "sc8": [(row["indicator"].code, row["reading"].status, row["reading"].value) for row in data["sc8"]],
        "board": data["board"],
    }


def q1_report(organisation):
    report = EvaluationReportFactory(
        organisation=organisation,
        start=datetime.date(2026, 4, 1),
        end=datetime.date(2026, 6, 30),
        period_label="Q1 2026/27 (April to June 2026)",
    )
    return figures(report_data.gather(report))


def item(organisation, code):
    return ChecklistItem.objects.get(organisation=organisation, code=code)


def test_a_report_built_now_for_a_past_quarter_equals_the_one_built_when_it_ended():
    with at(2026, 3, 20):  # before the quarter: the organisation, its checklist and first steps
        trust = OrganisationFactory(name="Northgate Hospitals NHS Trust")
        team = TeamFactory(organisation=trust, name="Emergency department")
        lead = MembershipFactory(organisation=trust, role=Role.IMPLEMENTATION_LEAD, user__full_name="Lee Lead")
        MembershipFactory(organisation=trust, role=Role.BOARD_MEMBER)
        frontline = MembershipFactory(organisation=trust, role=Role.FRONTLINE, team=team)
        people = [StaffMemberFactory(organisation=trust, team=team) for _ in range(8)]
        resource = TrainingResourceFactory(organisation=trust, name="MECC e-learning")
        ServiceFactory(organisation=trust, name="Stop smoking service")
        rated_assessment(lead, "cbcdcbbcbc")
    with at(2026, 5, 12):  # during the quarter
        for person in people[:3]:
            TrainingRecordFactory(organisation=trust, resource=resource, membership=None, staff_member=person,
                                  completed_on=datetime.date(2026, 5, 12))  # fmt: skip
        implementation_services.update_item(
            item(trust, checklist.POLICIES), changed_by=lead.user, status=ChecklistItem.Status.IN_PROGRESS,
            target_date=datetime.date(2026, 6, 1),
        )  # fmt: skip
        objective = ObjectiveFactory(organisation=trust, statement="Train frontline staff", measure="trained",
                                     target=60, start_date=datetime.date(2026, 4, 1),
                                     deadline=datetime.date(2027, 3, 31), owner=lead.user)  # fmt: skip
        ObjectiveFactory(organisation=trust, statement="Hold a launch event", measure="manual", target=1,
                         manual_value=0, owner=lead.user)  # fmt: skip
        log_conversations(frontline, 7, team=team, day=datetime.date(2026, 5, 12))

    with at(2026, 7, 1):  # the day after Q1 ended
        built_then = q1_report(trust)
    assert built_then["plan"] == (False, None)
    assert built_then["training"] == (3, 8, 38)
    assert built_then["leads"] == ["Lee Lead"]

    with at(2026, 9, 15):  # the next quarter changes nearly everything the Q1 report reads
        approval = item(trust, checklist.BOARD_APPROVAL)
        implementation_services.update_item(
            approval, changed_by=lead.user, status=ChecklistItem.Status.ACHIEVED, evidence="Board minutes, 2 Sep",
        )  # fmt: skip
        implementation_services.update_item(
            item(trust, checklist.POLICIES), changed_by=lead.user, status=ChecklistItem.Status.ACHIEVED
        )
        objective.target = 80
        objective.save()
        Objective.objects.filter(statement="Hold a launch event").get().delete()
        ObjectiveFactory(organisation=trust, statement="A new objective", owner=lead.user)
        rated_assessment(lead, "aaaaaaaaaa")
        second = TrainingResourceFactory(organisation=trust, name="Healthy conversations workshop")
        evaluation = training_services.start_evaluation(second, lead.user)
        lead.is_active = False
        lead.save()
        MembershipFactory(organisation=trust, role=Role.IMPLEMENTATION_LEAD, user__full_name="Nia New")
        for person in people[3:]:
            TrainingRecordFactory(organisation=trust, resource=resource, membership=None, staff_member=person,
                                  completed_on=datetime.date(2026, 9, 15))  # fmt: skip
        people[0].left_on = datetime.date(2026, 8, 1)
        people[0].save()
        service = Service.objects.get(organisation=trust)
        service.is_active = False
        service.save()
        log_conversations(frontline, 5, team=team, day=datetime.date(2026, 9, 14))
        built_now = q1_report(trust)
        # The changes are real: today's position (the part quarter to date) does show them.
        current = figures(
            report_data.gather(
                EvaluationReportFactory(
                    organisation=trust,
                    start=datetime.date(2026, 7, 1),
                    end=datetime.date(2026, 9, 30),
                    period_label="Q2 2026/27",
                )  # fmt: skip
            )
        )
    assert (
        current["plan"][0] is True
        and current["leads"] == ["Nia New"]
        and current["readiness"] != built_then["readiness"]
    )
    assert len(current["resources"]) == 2 and evaluation.pk
    assert built_now == built_then
