"""The programme overview, framed by the guide's three core components (organisational readiness, staff readiness,
enabling and empowering the public) and staff health and wellbeing: what the records say about each, and the SMART
objectives set for it. Each figure is shown only to a role that may see its area."""

import datetime

from assessment.scoring import score
from assessment.selectors import latest_complete
from common import periods
from contacts.selectors import directory_for, totals_by_dimension
from implementation import content
from implementation.models import Objective
from implementation.selectors import objective_progress, overview
from organisations.roles import Capability
from training import skills
from training.selectors import coverage, percent

Figures = list[tuple[str, str]]


def programme_overview(organisation, membership, today: datetime.date) -> list[dict]:
    objectives = {code: [] for code, _, _ in content.AREAS} | {"": []}
    for objective in Objective.objects.for_organisation(organisation).select_related("owner").order_by("deadline"):
        objectives[objective.area].append({"objective": objective, "progress": objective_progress(objective, today)})
    quarter = periods.quarter_of(today)
    conversations = None  # this quarter's counters, for roles that may read the whole organisation's log
    if membership.can(Capability.VIEW_CONVERSATIONS) and not membership.sees_only_own_team():
        conversations = totals_by_dimension(organisation, quarter.start, today)
    figures = {
        content.ORGANISATIONAL_READINESS: _organisational(organisation, membership, today),
        content.STAFF_READINESS: _staff(organisation, membership, today),
        content.ENABLING_PUBLIC: _public(organisation, conversations, quarter),
        content.STAFF_WELLBEING: _wellbeing(conversations, quarter),
    }
    areas = [
        {"code": code, "name": name, "description": text, "figures": figures[code], "objectives": objectives[code]}
        for code, name, text in content.AREAS
    ]
    if objectives[""]:
        areas.append({"code": "", "name": "Objectives not yet given a part of the programme", "description": "",
                      "figures": [], "objectives": objectives[""]})  # fmt: skip
    return areas


def _organisational(organisation, membership, today) -> Figures:
    progress = overview(organisation, today)
    rows = [
        ("Implementation checklist", f"{progress['done']} of {progress['total']} actions done"),
        ("Organisational plan approved by the board", "Yes" if progress["plan_approved"] else "Not yet"),
    ]
    if membership.can(Capability.VIEW_ASSESSMENT):
        latest = latest_complete([organisation.pk], until=today).get(organisation.pk)
        described = "None completed yet"
        if latest:
            described = f"{score(latest).strong} of 10 factors rated A or B, {latest.completed_at:%-d %B %Y}"
        rows.append(("Latest organisational assessment", described))
    return rows


def _staff(organisation, membership, today) -> Figures:
    if not membership.can(Capability.VIEW_TRAINING):
        return []
    trained, staff = coverage(organisation, today)
    share = (
        f"{trained} of {staff} ({percent(trained, staff)}%)"
        if staff
        else "No staff figure (no staff roster or establishment headcount)"
    )
    needs = skills.describe_needs(skills.profile(organisation))
    return [("Frontline staff trained", share), ("Skills self-assessments (latest per person)", needs)]


def _public(organisation, conversations, quarter) -> Figures:
    rows = [
        (
            "Active services in the signposting directory",
            f"{directory_for(organisation).filter(is_active=True).count():,}",
        )
    ]
    if conversations is not None:
        outcomes = conversations.get("outcome", {})
        total = conversations.get("all", {}).get("", 0)
        given = "; ".join(f"{code} {outcomes.get(code, 0):,}" for code in ("information", "signposted", "referred"))
        rows += [
            (f"Conversations this quarter (from {quarter.start:%-d %B})", f"{total:,}"),
            ("Information given, signposted, referred", given),
        ]
    return rows


def _wellbeing(conversations, quarter) -> Figures:
    if conversations is None:
        return []
    colleagues = conversations.get("contact_type", {}).get("colleague", 0)
    return [(f"Conversations with colleagues this quarter (from {quarter.start:%-d %B})", f"{colleagues:,}")]
