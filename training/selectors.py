"""Reads for training: quality-marker results, staff coverage and survey results (shared with objectives, the
conversation summary, and later reports and the SC8 dashboard)."""

import datetime
from dataclasses import dataclass
from statistics import mean

from django.utils import timezone

from common.suppression import SMALL_NUMBER
from organisations.models import StaffMember, Team
from training import checklists, content
from training import coverage as counted_coverage
from training.models import MarkerRating, QualityEvaluation, SurveyResponse, TrainingRecord

POINTS = {code: points for code, _, points in content.RATINGS}
LABELS = {code: label for code, label, _ in content.RATINGS}
GREEN_FROM, AMBER_FROM = 85, 60  # this service's own RAG rule for the self-evaluation, shown as provisional


@dataclass
class SectionResult:
    code: str
    name: str
    score: int
    maximum: int

    @property
    def percent(self) -> int:
        return round(100 * self.score / self.maximum) if self.maximum else 0


def evaluation_results(evaluation) -> dict:
    ratings = {r.marker: r for r in evaluation.ratings.all()}
    checklist = checklists.for_version(evaluation.checklist_version)
    sections = []
    for code, name in checklist.sections:
        markers = checklist.in_section(code)
        score = sum(POINTS.get(ratings[m.code].rating, 0) for m in markers if m.code in ratings)
        sections.append(SectionResult(code, name, score, 3 * len(markers)))
    score, maximum = sum(s.score for s in sections), sum(s.maximum for s in sections)
    percent = round(100 * score / maximum) if maximum else 0
    gaps = [
        {"marker": m, "rating": ratings[m.code]}
        for m in checklist.markers
        if m.code in ratings and ratings[m.code].rating != content.FULLY_MET
    ]
    return {
        "sections": sections,
        "score": score,
        "maximum": maximum,
        "percent": percent,
        "rag": "green" if percent >= GREEN_FROM else "amber" if percent >= AMBER_FROM else "red",
        "gaps": gaps,
        "ratings": ratings,
    }


def compare_with_previous(evaluation) -> list[dict] | None:
    completed_at = evaluation.completed_at or timezone.now()
    previous = (
        evaluation.resource.evaluations.filter(status=QualityEvaluation.Status.COMPLETE, completed_at__lt=completed_at)
        .exclude(pk=evaluation.pk)
        .order_by("-completed_at")
        .first()
    )
    if previous is None:
        return None
    before = {r.marker: r.rating for r in previous.ratings.all()}
    after = {r.marker: r.rating for r in evaluation.ratings.all()}
    return [
        {
            "marker": m,
            "before": LABELS.get(before.get(m.code), "Not rated"),
            "after": LABELS.get(after.get(m.code), "Not rated"),
            "change": POINTS.get(after.get(m.code), 0) - POINTS.get(before.get(m.code), 0),
        }
        for m in checklists.for_version(evaluation.checklist_version).markers
    ]


def resources_meeting_the_standard(
    organisation_ids, since: datetime.date, until: datetime.date | None = None
) -> dict[int, dict[int, bool]]:
    """{organisation id: {resource id: whether its latest evaluation completed since the day scores at least
    GREEN_FROM% of the marker points}}, for resources evaluated since then; two queries for any number of
    organisations. The standard is this service's own (the checklist gives none) and is stated wherever it is used."""
    latest: dict[tuple[int, int], int] = {}
    rows = (
        QualityEvaluation.objects.for_organisations(organisation_ids)
        .filter(status=QualityEvaluation.Status.COMPLETE, completed_at__date__gte=since)
        .filter(completed_at__date__lte=until or datetime.date.max)
        .order_by("completed_at", "pk")
        .values_list("organisation_id", "resource_id", "pk")
    )
    for organisation_id, resource_id, pk in rows:
        latest[(organisation_id, resource_id)] = pk
    points: dict[int, list[int]] = {pk: [0, 0] for pk in latest.values()}
    ratings = MarkerRating.objects.filter(evaluation_id__in=points).values_list("evaluation_id", "rating")
    for evaluation_id, rating in ratings:
        points[evaluation_id][0] += POINTS.get(rating, 0)
        points[evaluation_id][1] += 3
    result: dict[int, dict[int, bool]] = {pk: {} for pk in organisation_ids}
    for (organisation_id, resource_id), pk in latest.items():
        score, maximum = points[pk]
        result[organisation_id][resource_id] = bool(maximum) and 100 * score >= GREEN_FROM * maximum
    return result


# Coverage ------------------------------------------------------------------------------------------------------


def valid_records(organisation, on: datetime.date):
    """This organisation's training records that count on a day (TrainingRecord.objects.valid_on)."""
    return TrainingRecord.objects.for_organisation(organisation).valid_on(on)


def coverage(organisation, on: datetime.date, team=None) -> tuple[int, int]:
    """(frontline staff trained, frontline staff) on a day; the percentage is theirs to compute and show."""
    if team is None:
        staff, trained = counted_coverage.counts([organisation.pk], on).get(organisation.pk, (0, 0))
    else:
        staff, trained = counted_coverage.by_team(organisation.pk, on).get(team.pk, (0, 0))
    return trained, staff


def percent(part: int, whole: int) -> int | None:
    return round(100 * part / whole) if whole else None


def coverage_by_team(organisation, on):
    counts = counted_coverage.by_team(organisation.pk, on)
    on_roster = set(
        StaffMember.objects.for_organisation(organisation).frontline().in_post_on(on).values_list("team_id", flat=True)
    )
    rows = []
    for team in Team.objects.for_organisation(organisation):
        staff, done = counts.get(team.pk, (0, 0))
        source = (
            "Staff roster" if team.pk in on_roster else "Establishment headcount" if team.establishment else "Neither"
        )
        rows.append({"team": team, "trained": done, "staff": staff, "percent": percent(done, staff), "source": source})
    return rows


def coverage_over_time(organisation, months: int, today: datetime.date) -> list[tuple[datetime.date, int | None]]:
    """Coverage at the end of each of the last `months` months (the current month to today)."""
    points, month_end = [], today
    for _ in range(months):
        points.append((month_end, percent(*coverage(organisation, month_end))))
        month_end = month_end.replace(day=1) - datetime.timedelta(days=1)
    return list(reversed(points))


# Surveys -------------------------------------------------------------------------------------------------------


def survey_results(session) -> dict:
    """Mean change per question, distributions and the share confident, over answers released in batches of 5;
    hidden until each stage has a batch."""
    return _results(SurveyResponse.objects.filter(session=session))


def pooled_survey_results(organisation, start: datetime.date, end: datetime.date, team=None) -> dict:
    """The same, over every session held in a period (for reports); answers pair up within their own session."""
    responses = SurveyResponse.objects.for_organisation(organisation).filter(
        session__date__gte=start, session__date__lte=end
    )
    if team is not None:
        responses = responses.filter(session__team=team)
    return _results(responses)


def _released(responses, stage: str) -> dict:
    """The answers of one stage in whole batches of SMALL_NUMBER, oldest first: one more answer changes nothing that
    is shown until four more have come, so reading the page before and after someone answers cannot isolate their
    answers (security review L1)."""
    answered = [r for r in responses if r.stage == stage]
    kept = answered[: len(answered) // SMALL_NUMBER * SMALL_NUMBER]
    return {(r.session_id, r.respondent_key): r.answers for r in kept}


def _results(responses) -> dict:
    responses = list(
        responses.only("session_id", "stage", "respondent_key", "answers", "submitted_at").order_by(
            "submitted_at", "pk"
        )
    )
    pre, post = _released(responses, "pre"), _released(responses, "post")
    counts = {
        "pre": sum(1 for r in responses if r.stage == "pre"),
        "post": sum(1 for r in responses if r.stage == "post"),
        "pre_released": len(pre),
        "post_released": len(post),
        "paired": len(pre.keys() & post.keys()),
    }
    if min(counts["pre_released"], counts["post_released"]) < SMALL_NUMBER:
        return {"counts": counts, "suppressed": True, "questions": []}
    questions = []
    for code, text in content.QUESTIONS:
        before = [a[code] for a in pre.values() if code in a]
        after = [a[code] for a in post.values() if code in a]
        paired = [post[k][code] - pre[k][code] for k in pre.keys() & post.keys() if code in pre[k] and code in post[k]]
        questions.append(
            {
                "code": code,
                "text": text,
                "mean_pre": round(float(mean(before)), 1) if before else None,
                "mean_post": round(float(mean(after)), 1) if after else None,
                "mean_change": round(float(mean(paired)), 1) if len(paired) >= SMALL_NUMBER else None,
                "distribution": [
                    (score, sum(1 for v in before if v == score), sum(1 for v in after if v == score))
                    for score, _ in content.SCALE
                ],
                "confident_pre": percent(sum(1 for v in before if v >= content.CONFIDENT_FROM), len(before)),
                "confident_post": percent(sum(1 for v in after if v >= content.CONFIDENT_FROM), len(after)),
            }
        )
    return {"counts": counts, "suppressed": False, "questions": questions}
