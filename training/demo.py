"""Demo data for training: two resources (one self-evaluated), a session with pre/post surveys, and records."""

import datetime

from django.utils import timezone

from common.demo import DemoContext, demo_step
from organisations.models import Membership, StaffMember
from training import checklists, content, services
from training.models import TrainingRecord, TrainingResource, TrainingSession


def seed_training(organisation, trainer) -> None:
    if TrainingResource.objects.for_organisation(organisation).exists():
        return
    today = timezone.localdate()
    elearning = TrainingResource.objects.create(
        organisation=organisation, name="MECC e-learning (core)", provider="National e-learning", delivery="e_learning",
        duration_minutes=45, intervention_level="very_brief", competence_level="core",
    )  # fmt: skip
    workshop = TrainingResource.objects.create(
        organisation=organisation, name="Healthy conversations workshop", provider="Midshire public health team",
        delivery="face_to_face", duration_minutes=180, intervention_level="brief", competence_level="skilled",
    )  # fmt: skip
    evaluation = services.start_evaluation(workshop, trainer)
    ratings = ["fully_met", "fully_met", "partially_met", "fully_met", "in_development", "fully_met", "fully_met",
               "partially_met", "fully_met"]  # fmt: skip
    services.save_ratings(
        evaluation,
        {
            marker.code: {
                "rating": rating,
                "evidence": "Session plan and slides reviewed",
                "action": "" if rating == content.FULLY_MET else "Update with the local service directory",
                "action_due": None if rating == content.FULLY_MET else today + datetime.timedelta(days=60),
            }
            for marker, rating in zip(checklists.current().markers, ratings, strict=True)
        },
    )
    services.complete_evaluation(evaluation)
    session = TrainingSession.objects.create(
        organisation=organisation, resource=workshop, date=today - datetime.timedelta(days=20), trainer=trainer,
        place="Education centre, room 2",
    )  # fmt: skip
    members = list(Membership.objects.for_organisation(organisation).active().select_related("user"))
    services.set_attendance(session, members)
    for index, member in enumerate(members):
        services.submit_survey(session, member.user, "pre", {code: 2 + index % 2 for code, _ in content.QUESTIONS})
        services.submit_survey(session, member.user, "post", {code: 4 + index % 2 for code, _ in content.QUESTIONS})
    for member in members:
        TrainingRecord.objects.get_or_create(
            organisation=organisation, membership=member, resource=elearning,
            completed_on=today - datetime.timedelta(days=90), defaults={"source": TrainingRecord.Source.IMPORT},
        )  # fmt: skip
    # A third of the emergency department's frontline staff on the roster (without accounts) did the e-learning too.
    roster = (
        StaffMember.objects.for_organisation(organisation)
        .filter(team__name="Emergency department", frontline=True)
        .exclude(email__in=[m.user.email for m in members])
        .order_by("staff_number")
    )
    TrainingRecord.objects.bulk_create(
        [
            TrainingRecord(
                organisation=organisation,
                staff_member=person,
                resource=elearning,
                completed_on=today - datetime.timedelta(days=60),
                source=TrainingRecord.Source.IMPORT,
            )
            for person in list(roster)[::3]
        ]  # fmt: skip
    )


@demo_step(60)
def seed(context: DemoContext) -> None:
    seed_training(context.organisations["midshire-hospitals"], context.users["trainer@hospitals.example"])
