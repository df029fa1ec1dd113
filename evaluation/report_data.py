"""What an evaluation report says, gathered from the same selectors the pages use (aggregates, never raw rows
pulled into Python), section by section in the report's order (this service's own structure, not a published
logic model).

A section whose data does not exist yet carries `None` or an empty list; the template then says so plainly.
"""

import datetime

from django.db.models import Count
from django.utils import timezone

from assessment.scoring import score
from assessment.selectors import completed_organisation_wide
from common.charts import horizontal_bars, line_over_time
from common.history import as_at
from common.suppression import SMALL_NUMBER
from contacts import content, selectors
from contacts.aggregates import ALL
from contacts.content import OUTCOMES_NEEDING_A_SERVICE
from contacts.models import Conversation
from evaluation import sc8, summary
from evaluation.board_summary import board_summary
from evaluation.models import EvaluationReport
from evaluation.sc8_content import CLAUSE, DEFAULT_THRESHOLDS, INDICATORS, MEASURES_NOTE
from evaluation.trends import weekly_spc
from implementation.content import STAFF_WELLBEING
from implementation.models import Objective
from implementation.selectors import objective_progress, overview, plan_status
from organisations.models import Membership
from organisations.roles import Role
from training.models import QualityEvaluation, TrainingRecord, TrainingResource, TrainingSession
from training.selectors import coverage, coverage_by_team, evaluation_results, percent, pooled_survey_results

TRAINED_TARGET = DEFAULT_THRESHOLDS["trained_target"]


def part_period(start: datetime.date, end: datetime.date, today: datetime.date) -> tuple[str, datetime.date] | None:
    """("part quarter" | "part year" | "part period", the day figures run to) while the period has not ended."""
    if end < today:
        return None
    days = (end - start).days + 1
    name = "part quarter" if 89 <= days <= 92 else "part year" if 365 <= days <= 366 else "part period"
    return name, today


def gather(report: EvaluationReport) -> dict:
    organisation, team, start, end = report.organisation, report.team, report.start, report.end
    part = part_period(start, end, timezone.localdate())
    # A period not yet over is read to today, so its last week is drawn as partial, never as a drop to zero.
    activity = summary.summary_context(organisation, start, part[1] if part else end, team)
    previous = _previous_total(report)
    training = _training(organisation, team, start, end)
    readiness = _readiness(organisation, end)
    implementation = _implementation(organisation, end)
    outcomes = _outcomes(organisation, team, start, end, activity)
    position = _sc8(organisation, end)
    data = {
        "report": report,
        "organisation": organisation,
        "team": team,
        "generated_at": timezone.now(),
        "inputs": _inputs(organisation, end),
        "activity": activity,
        "weekly_spc": weekly_spc(organisation, part[1] if part else end, team),
        "previous_total": previous,
        "signposting": _signposting(organisation, team, start, end),
        "training": training,
        "outcomes": outcomes,
        "readiness": readiness,
        "implementation": implementation,
        "sc8": position,
        "sc8_clause": CLAUSE,
        "sc8_measures_note": MEASURES_NOTE,
        "small_number": SMALL_NUMBER,
        "part": part and {"name": part[0], "to": part[1]},
        "part_caption": f" ({part[0]}, to {part[1]:%-d %B %Y})" if part else "",
    }
    data["recommendations"] = recommendations(data)
    data["board"] = board_summary(data)
    return data


def _previous_total(report) -> int:
    """Conversations in the period of the same length just before this one, for the change shown on the cover."""
    length = report.end - report.start
    before_end = report.start - datetime.timedelta(days=1)
    totals = selectors.totals_by_dimension(report.organisation, before_end - length, before_end, report.team)
    return totals.get(ALL, {}).get("", 0)


def _inputs(organisation, end) -> dict:
    """The leads, training resources and plan approval as they stood at the period's end (from the history)."""
    leads = as_at(Membership, end).filter(
        organisation_id=organisation.pk, is_active=True, role=Role.IMPLEMENTATION_LEAD
    )
    resources = []
    for resource in as_at(TrainingResource, end).filter(organisation_id=organisation.pk).order_by("name"):
        latest = (
            QualityEvaluation.objects.filter(
                resource=resource, status=QualityEvaluation.Status.COMPLETE, completed_at__date__lte=end
            )
            .order_by("-completed_at")
            .first()
        )
        resources.append(
            {
                "resource": resource,
                "evaluation": latest,
                "result": evaluation_results(latest) if latest else None,
                "current": bool(latest and (end - latest.completed_at.date()).days <= 365),
            }
        )
    plan = plan_status([organisation.pk], end)[organisation.pk]
    return {
        "leads": [m.user.get_full_name() or m.user.email for m in leads.select_related("user")],
        "plan_approved": plan.approved,
        "approved_on": plan.approved_on,
        "resources": resources,
    }


def _signposting(organisation, team, start, end) -> list[dict]:
    links = Conversation.services.through.objects.filter(
        conversation__organisation=organisation,
        conversation__occurred_on__gte=start,
        conversation__occurred_on__lte=end,
    )
    if team is not None:
        links = links.filter(conversation__team=team)
    rows = links.values("service__name").annotate(n=Count("pk")).order_by("-n", "service__name")
    return [{"label": row["service__name"], "count": row["n"]} for row in rows]


def _training(organisation, team, start, end) -> dict:
    sessions = TrainingSession.objects.for_organisation(organisation).filter(date__gte=start, date__lte=end)
    records = TrainingRecord.objects.for_organisation(organisation).filter(
        completed_on__gte=start, completed_on__lte=end
    )
    if team is not None:
        sessions = sessions.filter(team=team)
        records = records.filter(membership__team=team)
    by_delivery = sessions.values("resource__delivery").annotate(n=Count("pk")).order_by("resource__delivery")
    trained, staff = coverage(organisation, end, team)
    return {
        "sessions": sessions.count(),
        "sessions_by_delivery": [
            {"label": _delivery_label(row["resource__delivery"]), "count": row["n"]} for row in by_delivery
        ],
        "completions": records.count(),
        "trained": trained,
        "staff": staff,
        "percent": percent(trained, staff),
        "target": TRAINED_TARGET,
        "by_team": [] if team is not None else coverage_by_team(organisation, end),
    }


def _delivery_label(code: str) -> str:
    return dict(TrainingResource.Delivery.choices).get(code, code)


def _outcomes(organisation, team, start, end, activity) -> dict:
    nice = selectors.totals_by_dimension(organisation, start, end, team).get("nice_outcome", {})
    objectives = [
        {"objective": objective, "progress": objective_progress(objective, end)}
        for objective in as_at(Objective, end).filter(organisation_id=organisation.pk).order_by("deadline")
    ]
    return {
        "survey": pooled_survey_results(organisation, start, end, team),
        "objectives": objectives,
        "nice": [{"label": item.label, "count": nice.get(item.code, 0)} for item in content.NICE_OUTCOMES],
        "nice_total": sum(nice.values()),
        "wellbeing_objectives": sum(1 for row in objectives if row["objective"].area == STAFF_WELLBEING),
        "trained_logging": activity["trained_logging"],
    }


def _readiness(organisation, end) -> dict | None:
    completed = list(reversed(completed_organisation_wide([organisation.pk], until=end).select_related("scheme")))
    if not completed:
        return None
    latest = completed[-1]
    result = score(latest)
    trend = [(a.completed_at.strftime("%b %Y"), score(a).strong) for a in completed[-6:]]
    return {
        "latest": latest,
        "result": result,
        "age_days": (end - latest.completed_at.date()).days,
        "chart_trend": line_over_time(
            [label for label, _ in trend],
            [value for _, value in trend],
            "Is readiness improving? Factors rated A or B in each organisation-wide assessment",
        )
        if len(trend) > 1
        else None,
        "trend": trend,
    }


def _implementation(organisation, end) -> dict:
    data = overview(organisation, end)
    data["chart"] = horizontal_bars(
        [f"Phase {p.number}: {p.name}" for p in data["phases"]],
        [p.percent for p in data["phases"]],
        "How far has each phase got? Checklist actions done (%)",
    )
    return data


def _sc8(organisation, end) -> list[dict]:
    thresholds = sc8.thresholds_for(None)
    readings = sc8.readings([organisation], {organisation.pk: thresholds}, end, outside=False)[organisation.pk]
    # The report never rates itself: "evaluation report produced" is left out of the report it would be about.
    return [
        {"indicator": i, "rule": i.rule.format(**thresholds), "reading": readings[i.code]}
        for i in INDICATORS
        if i.code != "report"
    ]


def recommendations(data: dict) -> list[str]:
    """Plain next steps that follow from the figures above; each names the figure it rests on."""
    advice = []
    training, inputs = data["training"], data["inputs"]
    if not inputs["plan_approved"]:
        advice.append(
            "Seek board approval of the MECC plan and record it, with its evidence, in the implementation checklist."
        )
    if not inputs["leads"]:
        advice.append("Name an implementation lead: no member holds that role.")
    if training["percent"] is not None and training["percent"] < training["target"]:
        advice.append(
            f"Train more frontline staff: {training['percent']}% are trained against a target of {training['target']}%."
        )
    stale = [r["resource"].name for r in inputs["resources"] if not r["current"]]
    if stale:
        advice.append(
            "Evaluate these training resources against the quality markers (none in the last 12 months): "
            + ", ".join(stale)
            + "."
        )
    total, previous = data["activity"]["total"], data["previous_total"]
    if total == 0:
        advice.append("No conversations were recorded in this period: make sure staff know how to record them.")
    elif previous and total < previous * 0.8:
        advice.append(f"Recorded conversations fell from {previous:,} to {total:,} against the period before.")
    outcomes = {row["code"]: row["count"] for row in data["activity"]["outcomes"]}
    if total and sum(outcomes.values()) and not any(outcomes[code] for code in OUTCOMES_NEEDING_A_SERVICE):
        advice.append("No conversation in this period led to signposting or referral: review the service directory.")
    readiness = data["readiness"]
    if readiness is None:
        advice.append("Complete the organisational assessment to measure readiness.")
    else:
        if readiness["age_days"] > 365:
            advice.append("Repeat the organisational assessment: the latest is more than 12 months old.")
        lowest = readiness["result"].lowest
        if lowest:
            names = ", ".join(f"{f.factor.label} (level {f.letter})" for f in lowest)
            advice.append(f"Focus improvement on the factors rated lowest in the latest assessment: {names}.")
    overdue = len(data["implementation"]["overdue"])
    if overdue:
        advice.append(f"{overdue} implementation checklist action{'s are' if overdue != 1 else ' is'} overdue.")
    if data["outcomes"]["survey"]["suppressed"]:
        advice.append(
            f"Collect pre- and post-training confidence surveys: fewer than {SMALL_NUMBER} answers at a stage "
            "in this period, so no change can be shown."
        )
    return advice
