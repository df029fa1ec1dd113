"""The MECC quality marker checklist for training resources (PHE/HEE 2016, updated 2018) as versioned data, and the
pre/post confidence questionnaire (domain reference, sections 2, 4.4 and 7).

Provenance, shown to users beside each marker (docs/sources.md, section 2):
- The table's columns (quality marker | indicators of quality | your assessment) and the first section's title,
  "Context of training – Why MECC?", are as Worcestershire County Council's slides reproduce PHE's checklist.
- PARAPHRASE: the first section's two markers, in words close to that reproduction, which itself abbreviates PHE's
  text. None of the shipped text is PHE's verbatim wording, so none is labelled as PHE's.
- PLACEHOLDER: every other section and marker, this service's own words, until the official checklist (PHE gateway
  2018226, 12 pages) is loaded with `manage.py publish_quality_checklist` as a new version.
- The rating scale fully met 3, partially met 2, in development 1, not met 0 is provisional (seen in the same
  reproduction; it may be a local adaptation).
"""

from dataclasses import dataclass

CHECKLIST_VERSION = "2026.1"  # the shipped version, installed by a migration; later versions are published as data
SOURCE = "MECC quality marker checklist for training resources (PHE and HEE, PHE gateway 2018226, updated 16 July 2018)"
PARAPHRASE_SOURCE = (
    "Worcestershire County Council, PHE Practical MECC Resources (slides reproducing section 1 of the PHE checklist)"
)

RATINGS = (
    ("fully_met", "Fully met", 3),
    ("partially_met", "Partially met", 2),
    ("in_development", "In development", 1),
    ("not_met", "Not met", 0),
)
RATING_SCALE_PROVENANCE = "provisional"
FULLY_MET = "fully_met"


@dataclass(frozen=True)
class Marker:
    code: str
    section: str
    text: str
    indicators: str
    provenance: str  # "verbatim" (the official text, with its source), "paraphrase" or "placeholder"
    source: str = ""

    @property
    def label(self) -> str:
        return PROVENANCE_LABELS[self.provenance]


PROVENANCE_LABELS = {
    "verbatim": "PHE checklist wording",
    "paraphrase": "Paraphrase of a council's reproduction of PHE's checklist",
    "placeholder": "Placeholder: this service's own words",
}


SECTIONS = (
    ("context", "Context of training – Why MECC?"),
    ("evidence", "Evidence-based content"),
    ("skills", "Skills, not only knowledge"),
    ("signposting", "Signposting and wider determinants"),
    ("outcomes", "Learning outcomes and level"),
    ("delivery", "Trainers and delivery"),
    ("evaluation", "Evaluation of the training"),
    ("organisation", "Links to organisational support"),
)

MARKERS = (
    Marker("impact", "context",
           "The training shows the impact MECC can have at individual and at population level.",
           "It includes key statistics on unhealthy behaviours and non-communicable disease in the population, and "
           "the effect of positive lifestyle change.", "paraphrase", PARAPHRASE_SOURCE),
    Marker("role_fit", "context",
           "The training helps learners see how MECC fits their role and the core business of their organisation.",
           "It explains the organisation's and the employee's public health responsibility and refers to relevant "
           "national policy.", "paraphrase", PARAPHRASE_SOURCE),
    Marker("current_guidance", "evidence",
           "Content rests on current, evidence-based lifestyle guidance and behaviour change evidence.",
           "National guidance on smoking, alcohol, physical activity and diet is up to date and referenced; "
           "behaviour change content follows NICE guidance on individual approaches.", "placeholder"),
    Marker("practice", "skills",
           "Learners build and practise the skills of a brief conversation.",
           "Raising the issue, open questions, listening and recognising opportunities are demonstrated and "
           "practised, not only described.", "placeholder"),
    Marker("signposting", "signposting",
           "Learners know how to signpost and refer, including for wider determinants of health.",
           "Local services and how to reach them are covered, with housing, money and other wider determinants.",
           "placeholder"),
    Marker("level", "outcomes",
           "Learning outcomes are clear and match the level of intervention.",
           "Outcomes are written down and fit very brief or brief interventions as intended.", "placeholder"),
    Marker("trainers", "delivery",
           "Trainers are competent and the delivery method suits the learners.",
           "Trainers' competence is assured; face-to-face, e-learning or blended delivery is chosen for the "
           "audience.", "placeholder"),
    Marker("evaluated", "evaluation",
           "The training is evaluated.",
           "Reaction, change in confidence before and after, and follow-up in practice are measured.", "placeholder"),
    Marker("support", "organisation",
           "The training links to organisational support and staff wellbeing.",
           "Learners know how MECC is supported where they work, and their own health and wellbeing is considered.",
           "placeholder"),
)  # fmt: skip

# Pre/post confidence questionnaire: the same items before and after a session, each 1 (not at all) to 5 (very).
CONFIDENT_FROM = 4
QUESTIONS = (
    ("raise_smoking", "How confident are you to raise smoking?"),
    ("raise_alcohol", "How confident are you to raise alcohol?"),
    ("raise_activity", "How confident are you to raise physical activity?"),
    ("raise_diet_weight", "How confident are you to raise diet and healthy weight?"),
    ("raise_wellbeing", "How confident are you to raise mental wellbeing?"),
    ("know_services", "How well do you know the local services people can use?"),
    ("signpost", "How confident are you to signpost someone to a service?"),
)
SCALE = ((1, "1 – not at all"), (2, "2"), (3, "3"), (4, "4"), (5, "5 – very"))


# The Individual and Team Skills Assessment (Midlands and East toolkit, section 7: "an example form that can be used
# to identify skill gaps and development needs at individual and team level"), against the Behaviour Change
# Pathway's four stages in the guide's words (section 3, Figure 2). The toolkit's form itself was not reachable: the
# two questions per stage, the 1-5 scale and "a rating of 1 or 2 is a development need" are this product's own
# (provisional), and the page says so.
SKILL_SOURCE = "Implementation Guide and Toolkit for Making Every Contact Count (NHS Midlands and East), Figure 2"
SKILL_STAGES = (
    ("stage_1", "Stage 1 (MECC)",
     "Promote the benefits of healthy living. Ask an individual about their lifestyle, if they want to make a change "
     "and respond with appropriate action."),
    ("stage_2", "Stage 2", "Identify the focus of a change by supporting an individual to review their lifestyle."),
    ("stage_3", "Stage 3", "Increase motivation and clarify the support needed."),
    ("stage_4", "Stage 4", "One-to-one support using SMART goals or specialist support."),
)  # fmt: skip
SKILL_ASPECTS = (("competence", "How competent do you feel"), ("confidence", "How confident do you feel"))
SKILL_SCALE = ((1, "1 – not at all"), (2, "2"), (3, "3"), (4, "4"), (5, "5 – fully"))
DEVELOPMENT_NEED_AT_MOST = 2
