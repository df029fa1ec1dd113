"""The adapted NHS Sustainability Model as versioned data (domain reference, section 1).

Provenance, carried to every page that shows a score:
- Factor names, domains and the MECC short labels are verified (MECC guide figure 4; published uses of the model).
- Level-a weights for 8 factors are verified (Implementation Science Communications 2021, table 5).
- Level-a weights for clinical leadership and fit with goals, every b/c/d weight, the optimism threshold and the
  level descriptions are PROVISIONAL: the source text was not reachable. b/c/d follow a straight line from the
  verified level-a weight down to 0 for d (0 is the lowest value seen for three factors). The two missing level-a
  weights are chosen so the maximum equals the 100.9 quoted in the brief, itself unverified.
Platform staff publish a corrected version in the Django admin; completed assessments keep the version they used.
"""

from dataclasses import dataclass, field
from decimal import Decimal

SCHEME_VERSION = "2026.1"
THRESHOLD = Decimal("55")
THRESHOLD_PROVENANCE = "provisional"
LEVELS = ("a", "b", "c", "d")
DOMAINS = (("process", "Process"), ("staff", "Staff"), ("organisation", "Organisation"))


@dataclass(frozen=True)
class Factor:
    number: int
    domain: str
    label: str  # the MECC diagram's short label
    name: str  # the model's full factor name
    question: str
    level_a_weight: Decimal
    level_a_verified: bool
    descriptions: tuple[str, str, str, str]  # a (best) to d (weakest), in the app's own words
    suggestion: str  # what a MECC programme can do about a low score, in the app's own words
    checklist_actions: tuple[str, ...] = field(default=())  # implementation checklist actions that address it


def level_weights(factor: Factor) -> dict[str, tuple[Decimal, bool]]:
    """{level: (weight, verified)}: a as given; b, c, d provisional, evenly spaced down to 0."""
    a = factor.level_a_weight
    thirds = {"a": a, "b": a * 2 / 3, "c": a / 3, "d": Decimal("0")}
    return {
        level: (value.quantize(Decimal("0.1")), level == "a" and factor.level_a_verified)
        for level, value in thirds.items()
    }


FACTORS = (
    Factor(1, "process", "Benefits beyond helping patients", "Benefits beyond helping patients",
           "Does MECC bring benefits besides those to service users, such as to staff health, efficiency or morale?",
           Decimal("8.5"), True,
           ("Clear wider benefits, for example to staff health, efficiency and morale, that everyone recognises",
            "Some wider benefits, partly recognised", "Wider benefits are doubtful or unclear",
            "No wider benefit; MECC is seen as an extra burden"),
           "Collect and share what MECC does for staff themselves and for how teams work, not only for patients.",
           ("Make the case", "Communicate the impact of MECC")),
    Factor(2, "process", "Credibility of benefits", "Credibility of the benefits",
           "Can everyone involved see and describe the benefits, and does evidence support them?",
           Decimal("9.1"), True,
           ("Benefits are obvious to everyone, backed by evidence and communicated",
            "Benefits are mostly visible and believed", "Benefits are visible to a few; the evidence is weak",
            "Benefits are neither visible nor believed"),
           "Share local results and success stories alongside the national evidence for brief interventions.",
           ("Communicate the impact of MECC", "Produce evaluation report")),
    Factor(3, "process", "Adaptability", "Adaptability of improved process",
           "Can MECC survive pressures and changes of staff, leaders or funding without relying on particular people?",
           Decimal("7"), True,
           ("Works whoever is in post and adapts to change", "Mostly robust to change",
            "Relies on a few people or resources", "Would stop if key people or funding went"),
           "Build MECC into induction, job descriptions and routine processes so it does not depend on a champion.",
           ("Identify organisational policies and procedures to develop",
            "Adapt implementation plan for improvement and rollout")),
    Factor(4, "process", "Monitoring progress", "Effectiveness of the system to monitor progress",
           "Is there a system that keeps measuring and feeding back MECC activity and results?",
           Decimal("6.5"), True,
           ("Routine measurement and feedback, with results shared", "Some monitoring and feedback",
            "Occasional or baseline-only measurement", "No monitoring"),
           "Log conversations routinely and review the figures with teams and the board every quarter.",
           ("Identify systems and processes to develop", "Review progress against SMART objectives")),
    Factor(5, "staff", "Training and involvement", "Staff involvement and training to sustain the process",
           "Were staff involved from the start, and are they trained for MECC conversations?",
           Decimal("11.4"), True,
           ("Staff involved from the start and fully trained", "Most staff involved and trained",
            "Little involvement or training", "No involvement or training"),
           "Involve teams in planning their roll-out and train them to quality-assured MECC standards.",
           ("Engage and empower teams and individuals", "Staff training")),
    Factor(6, "staff", "Behaviours", "Staff behaviours toward sustaining the change",
           "Are staff encouraged to share ideas, and do they believe MECC is worthwhile and here to stay?",
           Decimal("11"), True,
           ("Staff are empowered, believe in MECC and share ideas", "Staff are mostly positive",
            "Staff are sceptical", "Staff resist the change"),
           "Listen to the barriers staff name, act on them, and celebrate teams that make MECC routine.",
           ("Overcoming barriers to implementation", "Communicate the impact of MECC")),
    Factor(7, "staff", "Senior leaders", "Senior leadership engagement and support",
           "Are senior leaders involved, informed and taking responsibility for MECC?",
           Decimal("15"), True,
           ("Senior leaders visibly champion MECC and take responsibility", "Supportive but less active",
            "Aware but passive", "Not engaged"),
           "Ask the board to own the MECC plan, name a senior sponsor and review progress regularly.",
           ("Obtain organisational support", "Identify key champions")),
    Factor(8, "staff", "Clinical leaders", "Clinical leadership engagement and support",
           "Are key clinical leaders involved, informed and taking responsibility for MECC?",
           Decimal("14"), False,
           ("Clinical leaders visibly champion MECC and take responsibility", "Supportive but less active",
            "Aware but passive", "Not engaged"),
           "Recruit clinical champions in each service and give them time to lead by example.",
           ("Identify key champions", "Engage and empower teams and individuals")),
    Factor(9, "organisation", "Fit with goals and culture", "Fit with the organisation's strategic aims and culture",
           "Are MECC's goals clear and aligned with the organisation's aims, and has similar change lasted before?",
           Decimal("8.9"), False,
           ("Aligned with strategy; a history of change that lasted", "Mostly aligned", "Weakly aligned",
            "Conflicts with priorities; earlier change did not last"),
           "Map MECC objectives to the corporate strategy and prevention priorities so it is part of core business.",
           ("Make the case", "Set SMART objectives")),
    Factor(10, "organisation", "Infrastructure", "Infrastructure for sustainability",
           "Are staffing, facilities, policies, job descriptions, equipment and money adequate to sustain MECC?",
           Decimal("9.5"), True,
           ("Staff, facilities, policies, job descriptions and budget all in place", "Mostly in place",
            "Significant gaps", "Not in place"),
           "Agree protected time, budget and resources, and write MECC into policies and job descriptions.",
           ("Identify resources", "Identify organisational policies and procedures to develop")),
)  # fmt: skip
