"""The Individual and Team Skills Assessment: each member rates their own competence and confidence at each stage of
the Behaviour Change Pathway; teams and the organisation see a profile of everyone's latest answers, and where
people report a development need (a rating of 1 or 2), which feeds training needs.

Profiles follow the small-number rule: fewer than SMALL_NUMBER people give no figures, so a team of two cannot read
one colleague's answers off the profile."""

from dataclasses import dataclass

from common.suppression import SMALL_NUMBER
from training import content
from training.models import SkillsSelfAssessment


@dataclass
class StageProfile:
    code: str
    name: str
    description: str
    competence: float | None  # mean of the latest ratings; None when suppressed
    confidence: float | None
    needs: int | None  # people rating either aspect DEVELOPMENT_NEED_AT_MOST or lower


@dataclass
class Profile:
    people: int
    stages: list[StageProfile]

    @property
    def suppressed(self) -> bool:
        return self.people < SMALL_NUMBER


def record(membership, ratings: dict) -> SkillsSelfAssessment:
    """ratings: {stage code: {"competence": 1-5, "confidence": 1-5}} for every stage."""
    return SkillsSelfAssessment.objects.create(
        organisation_id=membership.organisation_id, membership=membership, team_id=membership.team_id, ratings=ratings
    )


def latest_own(membership) -> SkillsSelfAssessment | None:
    return SkillsSelfAssessment.objects.filter(membership=membership).first()


def _latest(organisation, team=None) -> list[SkillsSelfAssessment]:
    """Each active member's latest self-assessment (in the team, if given: the team they were in when answering)."""
    rows = (
        SkillsSelfAssessment.objects.for_organisation(organisation)
        .filter(membership__is_active=True)
        .order_by("membership_id", "-answered_on", "-pk")
    )
    if team is not None:
        rows = rows.filter(team=team)
    latest: dict[int, SkillsSelfAssessment] = {}
    for row in rows.only("membership_id", "ratings"):
        latest.setdefault(row.membership_id, row)
    return list(latest.values())


def profile(organisation, team=None) -> Profile:
    answers = _latest(organisation, team)
    people = len(answers)
    stages = []
    for code, name, description in content.SKILL_STAGES:
        given = [a.ratings.get(code, {}) for a in answers]
        if people < SMALL_NUMBER:
            stages.append(StageProfile(code, name, description, None, None, None))
            continue
        competence = [g["competence"] for g in given if "competence" in g]
        confidence = [g["confidence"] for g in given if "confidence" in g]
        needs = sum(
            1 for g in given if min(g.get("competence", 5), g.get("confidence", 5)) <= content.DEVELOPMENT_NEED_AT_MOST
        )
        stages.append(
            StageProfile(
                code,
                name,
                description,
                round(sum(competence) / len(competence), 1) if competence else None,
                round(sum(confidence) / len(confidence), 1) if confidence else None,
                needs,
            )
        )
    return Profile(people, stages)


def describe_needs(result: Profile) -> str:
    """One line for overviews: how many people answered and how many report a need at Stage 1, MECC itself."""
    if result.people == 0:
        return "None yet"
    if result.suppressed:
        return f"Fewer than {SMALL_NUMBER} people have answered: no figures are shown"
    stage_one = result.stages[0]
    return f"{result.people} people; {stage_one.needs} report a development need at Stage 1 (MECC)"
