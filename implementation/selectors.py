"""Reads of implementation progress shared by the overview, objectives and (later) the SC8 dashboard and reports."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum
from django.utils import timezone

from implementation import content
from implementation.models import ChecklistItem, Objective


@dataclass
class PhaseProgress:
    number: int
    name: str
    done: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


def visible_items(organisation):
    """The checklist as shown: the contingency action only while the board has declined and support is pending."""
    items = ChecklistItem.objects.for_organisation(organisation).select_related("owner")
    if not contingency_active(organisation):
        items = items.exclude(code=content.CONTINGENCY)
    return items


def contingency_active(organisation) -> bool:
    approval = ChecklistItem.objects.for_organisation(organisation).filter(code=content.BOARD_APPROVAL).first()
    return bool(
        approval
        and approval.board_decision == ChecklistItem.BoardDecision.DECLINED
        and approval.status != ChecklistItem.Status.ACHIEVED
    )


def phase_progress(organisation) -> list[PhaseProgress]:
    """Done (achieved, or not applicable) against all actions, per phase; not-applicable ones count as done."""
    items = list(visible_items(organisation).select_related(None).only("phase", "status"))
    return [
        PhaseProgress(
            number,
            name,
            sum(1 for i in items if i.phase == number and i.is_done),
            sum(1 for i in items if i.phase == number),
        )
        for number, name, _ in content.PHASES
    ]


def overview(organisation, today=None) -> dict:
    today = today or timezone.localdate()
    phases = phase_progress(organisation)
    done, total = sum(p.done for p in phases), sum(p.total for p in phases)
    current = next((p for p in phases if p.done < p.total), None)
    return {
        "phases": phases,
        "done": done,
        "total": total,
        "percent": round(100 * done / total) if total else 0,
        "current_phase": current,
        "overdue": list(visible_items(organisation).overdue(today).order_by("target_date")),
        "plan_approved": plan_approved(organisation),
        "contingency": contingency_active(organisation),
    }


def plan_approved(organisation) -> bool:
    """The organisational MECC plan is approved: the board-approval action is achieved, with evidence."""
    item = ChecklistItem.objects.for_organisation(organisation).filter(code=content.BOARD_APPROVAL).first()
    return bool(
        item and item.status == ChecklistItem.Status.ACHIEVED and (item.evidence.strip() or item.files.exists())
    )


def linked_records(item) -> list[dict]:
    """Records elsewhere in the service that evidence this action (the five most recent), where they exist."""
    from django.urls import reverse

    template = item.template
    if template is None or not template.link:
        return []
    organisation = item.organisation
    if template.link == "assessment":
        from assessment.models import Assessment

        assessments = Assessment.objects.for_organisation(organisation).order_by("-started_at")[:5]
        return [
            {"label": str(a), "url": reverse("assessment:detail", args=[organisation.slug, a.pk])} for a in assessments
        ]
    if template.link == "training_sessions":
        from training.models import TrainingSession

        sessions = TrainingSession.objects.for_organisation(organisation).select_related("resource")[:5]
        return [{"label": str(s), "url": reverse("training:session", args=[organisation.slug, s.pk])} for s in sessions]
    if template.link != "evaluation_report":
        raise ValueError(f"Unknown kind of evidencing record: {template.link}")
    from evaluation.models import EvaluationReport

    reports = (
        EvaluationReport.objects.for_organisation(organisation)
        .filter(kind=EvaluationReport.Kind.ORGANISATION, status=EvaluationReport.Status.READY)
        .order_by("-requested_at")[:5]
    )
    return [
        {"label": str(r), "url": reverse("evaluation:report_detail", args=[organisation.slug, r.pk])} for r in reports
    ]


# Objectives --------------------------------------------------------------------------------------------------


@dataclass
class ObjectiveProgress:
    current: Decimal | None  # None: no data yet for this measure
    ratio: float | None
    elapsed: float
    status: str  # "achieved", "on track", "at risk", "off track" or "no data"


def objective_progress(objective: Objective, today=None) -> ObjectiveProgress:
    today = today or timezone.localdate()
    current = measure_value(objective, today)
    span = max((objective.deadline - objective.start_date).days, 1)
    elapsed = min(max((today - objective.start_date).days / span, 0.0), 1.0)
    if current is None:
        return ObjectiveProgress(None, None, elapsed, "no data")
    ratio = float(current / objective.target) if objective.target else 0.0
    if ratio >= 1:
        status = "achieved"
    elif ratio >= elapsed:
        status = "on track"
    elif ratio >= elapsed - 0.2:
        status = "at risk"
    else:
        status = "off track"
    return ObjectiveProgress(current, ratio, elapsed, status)


def measure_value(objective: Objective, today: datetime.date) -> Decimal | None:
    organisation = objective.organisation
    if objective.measure == Objective.Measure.MANUAL:
        return objective.manual_value
    if objective.measure == Objective.Measure.CONVERSATIONS:
        from evaluation.models import DailyConversationCount

        total = (
            DailyConversationCount.objects.for_organisation(organisation)
            .filter(dimension="all", day__gte=objective.start_date, day__lte=today)
            .aggregate(n=Sum("count"))["n"]
        )
        return Decimal(total or 0)
    if objective.measure == Objective.Measure.ASSESSMENT:
        from assessment.models import Assessment

        latest = (
            Assessment.objects.for_organisation(organisation)
            .filter(status="complete", team__isnull=True)
            .order_by("-completed_at")
            .first()
        )
        return latest.total if latest else None
    if objective.measure == Objective.Measure.CHECKLIST_PHASE:
        phase = next((p for p in phase_progress(organisation) if p.number == objective.phase), None)
        return Decimal(phase.percent) if phase else None
    if objective.measure == Objective.Measure.TRAINED:
        from training.selectors import coverage, percent

        value = percent(*coverage(organisation, today))
        return Decimal(value) if value is not None else None
    return None
