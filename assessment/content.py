"""The adapted NHS Sustainability Model as versioned data (docs/sources.md, "Organisational assessment").

Provenance, carried to every page that shows a result:
- Factor names, domains and the MECC short labels are verified (M&E guide figure 4; published uses of the model).
- Level-a weights of 8 factors are verified (MacDonald et al., Implementation Science Communications 2021;2:111,
  table 5). Every other weight is NOT KNOWN and stored as such: the level-a weights of clinical leadership and of
  fit with the organisation's aims, and every b, c and d weight. Table 5's ranges also show five real intermediate
  values (5.7, 5.1, 6.3, 2.4, 3.4), but not which letter each belongs to, so none is shipped.
- There is no threshold and no maximum: neither 100.9 nor 55 appears in any source we could read.
- Level descriptions are this product's own words (provisional): the MECC-tailored statements were not reachable.
The primary result is therefore the A-D profile; a weighted score appears only over verified weights. Platform staff
publish the official scoring sheet with `manage.py publish_scoring_scheme`; assessments keep the version they used.
"""

from dataclasses import dataclass, field
from decimal import Decimal

SCHEME_VERSION = "2026.2"
WEIGHT_SOURCE = "MacDonald et al., Implementation Science Communications 2021;2:111, table 5 (maximum)"
LEVELS = ("a", "b", "c", "d")
DOMAINS = (("process", "Process"), ("staff", "Staff"), ("organisation", "Organisation"))


@dataclass(frozen=True)
class Factor:
    number: int
    domain: str
    label: str  # the MECC diagram's short label
    name: str  # the model's full factor name
    question: str
    level_a_weight: Decimal | None  # None: not known
    descriptions: tuple[str, str, str, str]  # a (best) to d (weakest), in the app's own words
    suggestion: str  # what a MECC programme can do about a low score, in the app's own words
    checklist_actions: tuple[str, ...] = field(default=())  # implementation checklist actions that address it


def level_weights(factor: Factor) -> dict[str, Decimal | None]:
    """{level: weight or None when not known}: only the verified level-a weights are known."""
    return {level: factor.level_a_weight if level == "a" else None for level in LEVELS}


FACTORS = (
    Factor(1, "process", "Benefits beyond helping patients", "Benefits beyond helping patients",
           "Does MECC bring benefits besides those to service users, such as to staff health, efficiency or morale?",
           Decimal("8.5"),
           ("Clear wider benefits, for example to staff health, efficiency and morale, that everyone recognises",
            "Some wider benefits, partly recognised", "Wider benefits are doubtful or unclear",
            "No wider benefit; MECC is seen as an extra burden"),
           "Collect and share what MECC does for staff themselves and for how teams work, not only for patients.",
           ("Make the case", "Impact of MECC communicated")),
    Factor(2, "process", "Credibility of benefits", "Credibility of the benefits",
           "Can everyone involved see and describe the benefits, and does evidence support them?",
           Decimal("9.1"),
           ("Benefits are obvious to everyone, backed by evidence and communicated",
            "Benefits are mostly visible and believed", "Benefits are visible to a few; the evidence is weak",
            "Benefits are neither visible nor believed"),
           "Share local results and success stories alongside the national evidence for brief interventions.",
           ("Impact of MECC communicated", "Produce evaluation report")),
    Factor(3, "process", "Adaptability", "Adaptability of improved process",
           "Can MECC survive pressures and changes of staff, leaders or funding without relying on particular people?",
           Decimal("7"),
           ("Works whoever is in post and adapts to change", "Mostly robust to change",
            "Relies on a few people or resources", "Would stop if key people or funding went"),
           "Build MECC into induction, job descriptions and routine processes so it does not depend on a champion.",
           ("Identify organisational policies and procedures to be developed",
            "Adapt implementation plan for service improvement and roll-out across the organisation")),
    Factor(4, "process", "Monitoring progress", "Effectiveness of the system to monitor progress",
           "Is there a system that keeps measuring and feeding back MECC activity and results?",
           Decimal("6.5"),
           ("Routine measurement and feedback, with results shared", "Some monitoring and feedback",
            "Occasional or baseline-only measurement", "No monitoring"),
           "Log conversations routinely and review the figures with teams and the board every quarter.",
           ("Identify systems and process to be developed", "Review your progress against the SMART objectives")),
    Factor(5, "staff", "Training and involvement", "Staff involvement and training to sustain the process",
           "Were staff involved from the start, and are they trained for MECC conversations?",
           Decimal("11.4"),
           ("Staff involved from the start and fully trained", "Most staff involved and trained",
            "Little involvement or training", "No involvement or training"),
           "Involve teams in planning their roll-out and train them to quality-assured MECC standards.",
           ("Engaging and empowering teams and individuals", "Staff training")),
    Factor(6, "staff", "Behaviours", "Staff behaviours toward sustaining the change",
           "Are staff encouraged to share ideas, and do they believe MECC is worthwhile and here to stay?",
           Decimal("11"),
           ("Staff are empowered, believe in MECC and share ideas", "Staff are mostly positive",
            "Staff are sceptical", "Staff resist the change"),
           "Listen to the barriers staff name, act on them, and celebrate teams that make MECC routine.",
           ("Overcoming barriers to implementation", "Impact of MECC communicated")),
    Factor(7, "staff", "Senior leaders", "Senior leadership engagement and support",
           "Are senior leaders involved, informed and taking responsibility for MECC?",
           Decimal("15"),
           ("Senior leaders visibly champion MECC and take responsibility", "Supportive but less active",
            "Aware but passive", "Not engaged"),
           "Ask the board to own the MECC plan, name a senior sponsor and review progress regularly.",
           ("Obtain organisational support", "Identify key champions")),
    Factor(8, "staff", "Clinical leaders", "Clinical leadership engagement and support",
           "Are key clinical leaders involved, informed and taking responsibility for MECC?",
           None,
           ("Clinical leaders visibly champion MECC and take responsibility", "Supportive but less active",
            "Aware but passive", "Not engaged"),
           "Recruit clinical champions in each service and give them time to lead by example.",
           ("Identify key champions", "Engaging and empowering teams and individuals")),
    Factor(9, "organisation", "Fit with goals and culture", "Fit with the organisation's strategic aims and culture",
           "Are MECC's goals clear and aligned with the organisation's aims, and has similar change lasted before?",
           None,
           ("Aligned with strategy; a history of change that lasted", "Mostly aligned", "Weakly aligned",
            "Conflicts with priorities; earlier change did not last"),
           "Map MECC objectives to the corporate strategy and prevention priorities so it is part of core business.",
           ("Make the case", "Set SMART objectives")),
    Factor(10, "organisation", "Infrastructure", "Infrastructure for sustainability",
           "Are staffing, facilities, policies, job descriptions, equipment and money adequate to sustain MECC?",
           Decimal("9.5"),
           ("Staff, facilities, policies, job descriptions and budget all in place", "Mostly in place",
            "Significant gaps", "Not in place"),
           "Agree protected time, budget and resources, and write MECC into policies and job descriptions.",
           ("Identify resources", "Identify organisational policies and procedures to be developed")),
)  # fmt: skip
