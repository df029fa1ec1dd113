"""The four-phase MECC implementation checklist (domain reference, section 8; verified in the MECC implementation
guide, seed 002). Titles, tools and success wording follow the reference; approaches are paraphrased. Every
organisation gets its own copy and may add local actions.

Codes never change once released. `link` names the kind of record that evidences an action where one exists.
"""

from dataclasses import dataclass

CHECKLIST_VERSION = "2026.1"

PHASES = (
    (1, "Organisational support", "Make the case, identify champions and resources, and assess where you are."),
    (2, "Planning", "Decide delivery in the short, medium and long term, set objectives and choose how to roll out."),
    (3, "Implementation", "Teams agree their steps; the organisational lead makes the organisation-level changes."),
    (4, "Review and adaptation", "Monitor the impact, capture learning, celebrate success and share it."),
)

BOARD_APPROVAL = "obtain_support"
CONTINGENCY = "support_not_obtained"
POLICIES = "policies_procedures"


@dataclass(frozen=True)
class Action:
    code: str
    phase: int
    title: str
    approach: str
    tools: str  # as the guide's checklist lists them
    success: str  # "what success might look like", as the guide words it
    group: str = ""
    link: str = ""  # "assessment", "evaluation_report" or "training_sessions"


ACTIONS = (
    Action(
        "make_case",
        1,
        "Make the case",
        "Identify the benefits for the organisation and how MECC fits its strategy, the benefits for staff and service users, related projects to build on and the key internal stakeholders.",
        tools="Making the Case presentation; Examples of practice; Communications Toolkit",
        success="Able to set out the organisational benefits and make the case",
    ),
    Action(
        BOARD_APPROVAL,
        1,
        "Obtain organisational support",
        "Present the case at board level.",
        tools="Local determination",
        success="Board minutes record approval and an implementation lead is named",
    ),
    Action(
        "identify_resources",
        1,
        "Identify resources",
        "Identify the time, budget and staff capacity available for training and delivery.",
        tools="Local determination; Example CQUIN",
        success="Resources agreed and identified",
    ),
    Action(
        CONTINGENCY,
        1,
        "Organisational support not obtained",
        "If senior management decline: find out why and address the reasons; show evidence from other organisations (for example pilot site reports); propose a small, low-cost pilot first.",
        tools="Examples of practice",
        success="Organisational support obtained",
    ),
    Action(
        "identify_champions",
        1,
        "Identify key champions",
        "Form a cross-organisation implementation team and identify stakeholders: people on related projects, communications, finance, HR, learning and development, managers and heads of department.",
        tools="The case made, or a tailored version",
        success="Project team formed and key stakeholders supporting the programme",
    ),
    Action(
        "smart_objectives",
        2,
        "Set SMART objectives",
        "Set objectives for the programme's outcomes to use at evaluation, in the short, medium and long term.",
        tools="Local determination; Organisational Assessment Tool; NHS Midlands and East metrics; Example CQUIN",
        success="Objectives signed off by senior management",
        link="assessment",
    ),
    Action(
        "identify_teams",
        2,
        "Identify teams for implementation",
        "The project team sets criteria to prioritise teams (contact opportunities, ability to influence, current work, support from the head of department), decides who goes first and schedules departments.",
        tools="Local determination",
        success="Schedule of departments created and agreed with department heads",
    ),
    Action(
        "engage_teams",
        2,
        "Engage and empower teams and individuals",
        "Communicate with teams; help staff see the purpose, agree their role and route and discuss what stops them engaging; identify a team implementation lead.",
        tools="Orientation Workshop slides, with pre and post session survey",
        success="Staff understand why MECC matters and the next steps",
    ),
    Action(
        "systems_processes",
        3,
        "Identify systems and processes to develop",
        "Review team recommendations and make the agreed changes: clear referral and signposting pathways, information easy for staff to reach, data collection systems collated and updated.",
        tools="Local determination; Organisational Assessment Tool",
        success="Organisation begins to implement agreed changes",
        group="Strategic implementation",
        link="assessment",
    ),
    Action(
        POLICIES,
        3,
        "Identify organisational policies and procedures to develop",
        "Embed MECC in the vision and mission, corporate plans and strategies, patient and public involvement plans, HR processes (job descriptions, appraisal, recruitment, induction) and staff surveys.",
        tools="Local determination; NHS Midlands and East Metrics",
        success="MECC embedded in the organisation",
        group="Strategic implementation",
    ),
    Action(
        "staff_training",
        3,
        "Staff training",
        "Deliver training that makes staff confident and competent in MECC within their role.",
        tools="Training options (with pre and post session surveys); Individual and Team Skills Assessment Tool",
        success="Workshop held and notes circulated",
        group="Operational implementation",
        link="training_sessions",
    ),
    Action(
        "overcome_barriers",
        3,
        "Overcoming barriers to implementation",
        "List the barriers found in training and plan how to overcome them at individual, team or organisation level, for example listening skills, confidence, knowing local services, monitoring forms, time.",
        tools="Behaviour Change Pathway and Competence Mapping; Example Data Capture Forms; Prompt Card and Health Benefit Cards; Self-care / further support template",
        success="Plans developed to overcome identified barriers",
        group="Operational implementation",
    ),
    Action(
        "implementation_plan",
        3,
        "Implementation plan",
        "The team manager writes the team's ideas into a plan, shares it with the organisational lead, checks it meets the objectives and identifies what to monitor and how.",
        tools="Local determination",
        success="Plan agreed with staff and signed off by the department lead",
        group="Operational implementation",
    ),
    Action(
        "staff_begin",
        3,
        "Staff begin MECC",
        "Staff start; hold regular review meetings on progress, impact and improvements.",
        tools="Example data capture forms; Prompt and Health Benefit Cards; Self-care / further support template",
        success="First staff member has a lifestyle conversation; review and adaptation then continues",
        group="Operational implementation",
    ),
    Action(
        "review_objectives",
        4,
        "Review progress against SMART objectives",
        "Collect implementation and monitoring information and add an organisational evaluation plan to the department plans.",
        tools="Local determination; Repeat Organisational Assessment Tool",
        success="Evaluation plan signed off by project team and department lead",
        link="assessment",
    ),
    Action(
        "evaluation_report",
        4,
        "Produce evaluation report",
        "Decide the format, audience and timeline; collate and review monitoring forms; name a report lead.",
        tools="Local determination",
        success="Evaluation report circulated to key stakeholders",
        link="evaluation_report",
    ),
    Action(
        "communicate_impact",
        4,
        "Communicate the impact of MECC",
        "Make MECC a key part of internal communications, share success stories, celebrate in departments and tell service users about the benefits.",
        tools="Local determination",
        success="Communications plan developed and signed off by department lead",
    ),
    Action(
        "adapt_plan",
        4,
        "Adapt implementation plan for improvement and rollout",
        "Agree adaptations, improve for future users, keep monitoring for the programme's life and review the effect on culture and morale.",
        tools="Example Data Capture Forms",
        success="Adaptation plan and schedule agreed; MECC is part of everyday work",
    ),
    Action(
        "review_impact",
        4,
        "Review impact and recommendations",
        "Teams review the report's recommendations at team and organisation level; large changes go to senior management for approval.",
        tools="Local determination",
        success="Recommendations signed off and budget allocated",
    ),
)

CONTINGENCY_STEPS = (
    "Find out why support was declined and address the reasons",
    "Show evidence from other organisations, such as pilot site reports",
    "Propose a small, low-cost pilot first",
)

# Team prioritisation criteria (guide, section 6: identify teams for implementation), each scored 1 to 5.
PRIORITY_CRITERIA = (
    ("contact_opportunities", "Number of contact opportunities"),
    ("ability_to_influence", "Ability to influence individuals"),
    ("current_work", "Fit with current work"),
    ("head_support", "Support from the head of department"),
)

# Barriers the guide lists under "Overcoming barriers to implementation".
BARRIERS = (
    ("listening", "Listening skills"),
    ("confidence", "Confidence raising some issues"),
    ("services", "Knowing the organisation's and local services"),
    ("monitoring_forms", "Completing monitoring forms"),
    ("own_health", "Staff's own health concerns"),
    ("information", "Information to hand out"),
    ("prompts", "Visual prompts for service users and staff"),
    ("referral", "Referral processes"),
    ("time", "Making time"),
    ("other", "Other"),
)
