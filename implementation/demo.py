"""Demo data for implementation: the demo acute trust has finished phase 1, set objectives and ranked teams."""

import datetime

from django.utils import timezone

from common.demo import DemoContext, demo_step
from implementation import content, services
from implementation.models import ChecklistItem, Objective, TeamPriority
from organisations.models import Team


def seed_implementation(organisation, lead) -> None:
    if Objective.objects.for_organisation(organisation).exists():
        return
    today = timezone.localdate()
    items = ChecklistItem.objects.for_organisation(organisation)
    for code in ("make_case", content.BOARD_APPROVAL, "identify_resources", "identify_champions"):
        services.update_item(
            items.get(code=code),
            changed_by=lead,
            status="achieved",
            owner=lead,
            evidence="Board minutes, 14 May: MECC plan approved; implementation lead named."
            if code == content.BOARD_APPROVAL
            else "Done: see the project folder.",
            **({"board_decision": "approved", "board_decision_on": today - datetime.timedelta(days=190)}
               if code == content.BOARD_APPROVAL else {}),
        )  # fmt: skip
    services.update_item(
        items.get(code="smart_objectives"), changed_by=lead, status="in_progress", owner=lead,
        target_date=today - datetime.timedelta(days=5),
    )  # fmt: skip
    Objective.objects.create(
        organisation=organisation, term="short", area="enabling_public",
        statement="Record 2,000 MECC conversations in the first year",
        owner=lead, start_date=today - datetime.timedelta(days=300), deadline=today + datetime.timedelta(days=65),
        measure="conversations", target=2000,
    )  # fmt: skip
    Objective.objects.create(
        organisation=organisation, term="medium", area="organisational_readiness",
        statement="Rate at least 8 of the 10 assessment factors A or B", owner=lead,
        start_date=today - datetime.timedelta(days=190), deadline=today + datetime.timedelta(days=180),
        measure="assessment", target=8,
    )  # fmt: skip
    Objective.objects.create(
        organisation=organisation, term="long", area="staff_wellbeing",
        statement="Strategies to support staff health and wellbeing are in place", owner=lead,
        start_date=today - datetime.timedelta(days=190), deadline=today + datetime.timedelta(days=540),
        measure="manual", target=1, manual_value=0,
    )  # fmt: skip
    for rank, team in enumerate(Team.objects.for_organisation(organisation)):
        TeamPriority.objects.create(
            organisation=organisation, team=team, contact_opportunities=5 - rank % 3, ability_to_influence=4,
            current_work=3 + rank % 2, head_support=5 - rank % 4,
            planned_start=today + datetime.timedelta(days=30 * rank),
        )  # fmt: skip


@demo_step(20)
def seed_checklists(context: DemoContext) -> None:
    for organisation in context.organisations.values():
        services.create_checklist(organisation)  # a no-op for organisations created after the checklist existed


@demo_step(50)
def seed(context: DemoContext) -> None:
    seed_implementation(context.organisations["midshire-hospitals"], context.users["lead@hospitals.example"])
