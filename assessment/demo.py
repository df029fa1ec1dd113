"""Demo data: a baseline assessment six months ago and a repeat now, for each demo provider."""

from datetime import timedelta

from django.utils import timezone

from assessment import services
from assessment.models import Assessment, FactorLevel
from common.demo import DemoContext, demo_step
from organisations.models import Membership

# Levels per factor (1 to 10): each provider starts weaker and improves on its weakest factors.
PLANS = {
    "midshire-hospitals": ("cbcdcbbcbc", "babbbaabab"),
    "midshire-community": ("ccbccbbccc", "bbbbbbabbb"),
    "midshire-council": ("cccdccbdcc", "bcbcbbbcbb"),
}


def seed_assessments(organisation, lead) -> int:
    plans = PLANS.get(organisation.slug)
    if plans is None or Assessment.objects.for_organisation(organisation).exists():
        return 0
    now = timezone.now()
    for letters, when, note in (
        (plans[0], now - timedelta(days=182), "Baseline before roll-out"),
        (plans[1], now, "Six-month review"),
    ):
        assessment = services.start_assessment(
            organisation=organisation,
            started_by=lead,
            scope="organisation",
            team=None,
            scope_note=note,
            participants="MECC implementation group: lead, HR, learning and development, two clinical champions",
        )
        ratings = {}
        for rating, letter in zip(assessment.ratings.order_by("factor__number"), letters, strict=True):
            ratings[rating.factor_id] = (FactorLevel.objects.get(factor_id=rating.factor_id, level=letter), "")
        services.save_ratings(assessment, ratings)
        services.complete_assessment(assessment, lead)
        Assessment.objects.filter(pk=assessment.pk).update(started_at=when - timedelta(days=3), completed_at=when)
    return 2


@demo_step(40)
def seed(context: DemoContext) -> None:
    for slug in PLANS:
        organisation = context.organisations[slug]
        lead = Membership.objects.for_organisation(organisation).order_by("pk").first().user
        seed_assessments(organisation, lead)
