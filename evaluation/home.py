"""Where things stand, on the home page (organisations.home_panels): this quarter's conversations against the
default activity target, the providers that need a commissioner's attention, and the latest board report with
what waits for a board member's sign-off."""

from common import periods
from contacts.selectors import conversation_totals, totals_by_team
from evaluation import sc8
from evaluation.models import EvaluationReport
from evaluation.sc8_content import DEFAULT_THRESHOLDS, TARGET_SOURCES
from implementation.models import Objective
from organisations.home_panels import register_panel
from organisations.models import CommissioningContract
from organisations.roles import Capability
from organisations.selectors import staff_figures


@register_panel(5, "evaluation/home_attention.html", Capability.VIEW_PROVIDER_PORTFOLIO)
def providers_needing_attention(membership, today) -> dict | None:
    contracts = list(CommissioningContract.objects.filter(commissioner=membership.organisation).consented()
                     .select_related("provider"))  # fmt: skip
    if not contracts:
        return None
    providers = [c.provider for c in contracts]
    readings = sc8.readings(providers, {c.provider_id: sc8.thresholds_for(c) for c in contracts}, today)
    reds = sorted(
        ((sum(1 for r in readings[p.pk].values() if r.status == "red"), p) for p in providers),
        key=lambda pair: (-pair[0], pair[1].name),
    )
    return {"providers": len(providers), "attention": [(count, p) for count, p in reds if count][:5],
            "with_reds": sum(1 for count, _ in reds if count)}  # fmt: skip


@register_panel(20, "evaluation/home_quarter.html", Capability.VIEW_CONVERSATIONS)
def this_quarter(membership, today) -> dict:
    organisation, quarter = membership.organisation, periods.quarter_of(today)
    if membership.sees_only_own_team():
        count = totals_by_team(organisation, quarter.start, today).get(membership.team_id, 0)
        return {"quarter": quarter, "count": count, "team": membership.team, "target": None}
    if membership.has_no_team_to_see():
        return {"quarter": quarter, "count": None, "team": None, "target": None}
    count = conversation_totals([organisation.pk], quarter.start, today).get(organisation.pk, 0)
    staff = staff_figures([organisation.pk], today).get(organisation.pk)
    target = round(DEFAULT_THRESHOLDS["activity_target"] * staff.count / 1000) if staff else None
    return {"quarter": quarter, "count": count, "team": None, "target": target, "staff": staff,
            "target_source": TARGET_SOURCES["activity_target"]}  # fmt: skip


@register_panel(15, "evaluation/home_board.html", Capability.REPORTS)
def latest_report(membership, today) -> dict:
    organisation = membership.organisation
    report = (
        EvaluationReport.objects.for_organisation(organisation)
        .filter(kind=EvaluationReport.Kind.ORGANISATION, status=EvaluationReport.Status.READY, team__isnull=True)
        .order_by("-end", "-requested_at")
        .first()
    )
    waiting = None
    if membership.can(Capability.SIGN_OFF_OBJECTIVES):
        waiting = Objective.objects.for_organisation(organisation).filter(signed_off_at__isnull=True).count()
    return {"report": report, "waiting": waiting}
