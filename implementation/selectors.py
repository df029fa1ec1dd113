"""Reads of implementation progress shared by the overview, objectives, the SC8 dashboard and reports."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from assessment.models import Assessment
from assessment.scoring import score
from assessment.selectors import latest_complete
from common.history import as_at, end_of
from contacts.selectors import conversation_totals
from implementation import content
from implementation.models import ChecklistItem, EvidenceFile, Objective
from organisations.roles import Capability
from training.models import TrainingSession
from training.selectors import coverage, percent


@dataclass
class PhaseProgress:
    number: int
    name: str
    done: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


def visible_items(organisation, day=None):
    """The checklist as shown: the contingency action only while the board has declined and support is pending.
    With a past `day`, the checklist as it stood at that day's end (its history)."""
    items = as_at(ChecklistItem, day).filter(organisation_id=organisation.pk).select_related("owner")
    if not contingency_active(organisation, day):
        items = items.exclude(code=content.CONTINGENCY)
    return items


def contingency_active(organisation, day=None) -> bool:
    approval = as_at(ChecklistItem, day).filter(organisation_id=organisation.pk, code=content.BOARD_APPROVAL).first()
    return bool(
        approval
        and approval.board_decision == ChecklistItem.BoardDecision.DECLINED
        and approval.status != ChecklistItem.Status.ACHIEVED
    )


def phase_progress(organisation, day=None) -> list[PhaseProgress]:
    """Done (achieved, or not applicable) against all actions, per phase; not-applicable ones count as done."""
    items = list(visible_items(organisation, day).select_related(None).only("phase", "status"))
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
    """Where the programme stands at the end of `today` (a past day: as it stood then, from the history)."""
    today = today or timezone.localdate()
    phases = phase_progress(organisation, today)
    done, total = sum(p.done for p in phases), sum(p.total for p in phases)
    current = next((p for p in phases if p.done < p.total), None)
    return {
        "phases": phases,
        "done": done,
        "total": total,
        "percent": round(100 * done / total) if total else 0,
        "current_phase": current,
        "overdue": sorted(
            (item for item in visible_items(organisation, today) if item.is_overdue_on(today)),
            key=lambda item: item.target_date,
        ),
        "plan_approved": plan_status([organisation.pk], today)[organisation.pk].approved,
        "contingency": contingency_active(organisation, today),
    }


@dataclass(frozen=True)
class PlanStatus:
    approved: bool  # the board-approval action is achieved, with its evidence (text or a file)
    approved_on: datetime.date | None


def plan_status(organisation_ids, day=None) -> dict[int, PlanStatus]:
    """Whether each organisation's MECC plan is approved: the one definition, for one organisation or a portfolio.
    With a past `day`, as it stood at that day's end: a board approval recorded later is not yet one."""
    items = {
        item.organisation_id: item
        for item in as_at(ChecklistItem, day).filter(organisation_id__in=organisation_ids, code=content.BOARD_APPROVAL)
    }
    files = EvidenceFile.objects.filter(item_id__in=[item.pk for item in items.values()])
    if day is not None:
        files = files.filter(uploaded_at__lte=end_of(day))
    with_files = set(files.values_list("organisation_id", flat=True))
    result = {}
    for pk in organisation_ids:
        item = items.get(pk)
        approved = bool(
            item and item.status == ChecklistItem.Status.ACHIEVED and (item.evidence.strip() or pk in with_files)
        )
        result[pk] = PlanStatus(approved, item.achieved_on if approved else None)
    return result


# Kinds of record, elsewhere in the service, that evidence a checklist action: {link: f(organisation) -> records},
# and the capability a member needs to open them. Apps above this one add theirs (evaluation registers its
# reports), so this app never imports them.
EVIDENCE_LINKS: dict[str, Callable] = {}
LINK_CAPABILITIES: dict[str, Capability] = {}


def register_evidence_link(link: str, capability: Capability):
    def register(find):
        EVIDENCE_LINKS[link] = find
        LINK_CAPABILITIES[link] = capability
        return find

    return register


@register_evidence_link("assessment", Capability.VIEW_ASSESSMENT)
def _assessments(organisation) -> list[dict]:
    assessments = Assessment.objects.for_organisation(organisation).order_by("-started_at")[:5]
    return [{"label": str(a), "url": reverse("assessment:detail", args=[organisation.slug, a.pk])} for a in assessments]


@register_evidence_link("training_sessions", Capability.VIEW_TRAINING)
def _training_sessions(organisation) -> list[dict]:
    sessions = TrainingSession.objects.for_organisation(organisation).select_related("resource")[:5]
    return [{"label": str(s), "url": reverse("training:session", args=[organisation.slug, s.pk])} for s in sessions]


def linked_records(item, membership=None) -> list[dict]:
    """Records elsewhere in the service that evidence this action (the five most recent), where they exist. For a
    member whose role cannot open them, they are named without a link (a link must never answer 403)."""
    template = item.template
    if template is None or not template.link:
        return []
    if template.link not in EVIDENCE_LINKS:
        raise ValueError(f"Unknown kind of evidencing record: {template.link}")
    records = EVIDENCE_LINKS[template.link](item.organisation)
    if membership is not None and not membership.can(LINK_CAPABILITIES[template.link]):
        return [{**record, "url": None} for record in records]
    return records


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
        total = conversation_totals([organisation.pk], objective.start_date, today).get(organisation.pk, 0)
        return Decimal(total)
    if objective.measure == Objective.Measure.ASSESSMENT:
        latest = latest_complete([organisation.pk], until=today).get(organisation.pk)
        return Decimal(score(latest).strong) if latest else None
    if objective.measure == Objective.Measure.CHECKLIST_PHASE:
        phase = next((p for p in phase_progress(organisation, today) if p.number == objective.phase), None)
        return Decimal(phase.percent) if phase else None
    if objective.measure == Objective.Measure.TRAINED:
        value = percent(*coverage(organisation, today))
        return Decimal(value) if value is not None else None
    return None
