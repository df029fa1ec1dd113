"""The MECC quality marker checklist for training resources (PHE/HEE 2016, updated 2018) as versioned data, and the
pre/post confidence questionnaire (domain reference, sections 2, 4.4 and 7).

Provenance, shown to users:
- VERIFIED: the table's columns (quality marker | indicators of quality | your assessment) and the first section,
  "Context of training – Why MECC?", with its two markers (Worcestershire County Council's reproduction of PHE's
  checklist).
- PARTLY VERIFIED, shown as provisional: the rating scale fully met 3, partially met 2, in development 1, not met 0
  (seen in the same reproduction; it may be a local adaptation).
- PROVISIONAL: every other section and marker, written in this service's own words from the themes the reference
  lists as unconfirmed.
"""

from dataclasses import dataclass

CHECKLIST_VERSION = "2026.1"

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
    verified: bool


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
           "the effect of positive lifestyle change.", True),
    Marker("role_fit", "context",
           "The training helps learners see how MECC fits their role and the core business of their organisation.",
           "It explains the organisation's and the employee's public health responsibility and refers to relevant "
           "national policy.", True),
    Marker("current_guidance", "evidence",
           "Content rests on current, evidence-based lifestyle guidance and behaviour change evidence.",
           "National guidance on smoking, alcohol, physical activity and diet is up to date and referenced; "
           "behaviour change content follows NICE guidance on individual approaches.", False),
    Marker("practice", "skills",
           "Learners build and practise the skills of a brief conversation.",
           "Raising the issue, open questions, listening and recognising opportunities are demonstrated and "
           "practised, not only described.", False),
    Marker("signposting", "signposting",
           "Learners know how to signpost and refer, including for wider determinants of health.",
           "Local services and how to reach them are covered, with housing, money and other wider determinants.",
           False),
    Marker("level", "outcomes",
           "Learning outcomes are clear and match the level of intervention.",
           "Outcomes are written down and fit very brief or brief interventions as intended.", False),
    Marker("trainers", "delivery",
           "Trainers are competent and the delivery method suits the learners.",
           "Trainers' competence is assured; face-to-face, e-learning or blended delivery is chosen for the "
           "audience.", False),
    Marker("evaluated", "evaluation",
           "The training is evaluated.",
           "Reaction, change in confidence before and after, and follow-up in practice are measured.", False),
    Marker("support", "organisation",
           "The training links to organisational support and staff wellbeing.",
           "Learners know how MECC is supported where they work, and their own health and wellbeing is considered.",
           False),
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
