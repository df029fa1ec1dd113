"""The four-phase MECC implementation checklist of the Midlands and East "Implementation Guide and Toolkit for
Making Every Contact Count" (East Midlands Health Trainer Hub), section 6: not the national PHE/HEE implementation
guide. Titles and "what success might look like" are the guide's words (docs/sources.md, "Checklist"); approaches
are shortened paraphrases that keep every bullet. Every organisation gets its own copy and may add local actions.

Codes never change once released. `link` names the kind of record that evidences an action where one exists.
"""

from dataclasses import dataclass

CHECKLIST_VERSION = "2026.2"

SOURCE = (
    "An Implementation Guide and Toolkit for Making Every Contact Count, developed by the East Midlands Health "
    "Trainer Hub for NHS Midlands and East"
)
SOURCE_NOTE = (
    "This is the regional Midlands and East toolkit's checklist. The national PHE and HEE MECC implementation guide "
    "(2016, updated 2018) is a different document."
)
# The guide's summary of phase 1 asks the organisation to "assess your current position as a health promoting
# organisation": the baseline organisational assessment.
BASELINE_PHASE = 1

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
        success="Able to clarify organisational benefits and make the case for implementation",
    ),
    Action(
        BOARD_APPROVAL,
        1,
        "Obtain organisational support",
        "Present the case at board level.",
        tools="Local determination",
        success="Board level minutes show approval and an implementation lead is identified",
    ),
    Action(
        "identify_resources",
        1,
        "Identify resources",
        "Identify the time, budget and staff capacity available for training and delivery.",
        tools="Local determination; Example CQUIN",
        success="Resources are agreed and identified",
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
        tools="The case you have made or a tailored version of it",
        success="Project team formed and key stakeholders supporting the programme",
    ),
    Action(
        "smart_objectives",
        2,
        "Set SMART objectives",
        "Set objectives for the programme's outcomes to use at evaluation, in the short, medium and long term.",
        tools="Local determination; Organisational Assessment Tool; NHS Midlands and East metrics; Example CQUIN",
        success="Objectives have been signed off by senior management",
        link="assessment",
    ),
    Action(
        "identify_teams",
        2,
        "Identify teams for implementation",
        "The project team develops criteria for prioritising teams (number of opportunities within the department to have contact with individuals; ability to influence individuals; current work undertaken; support offered by the department head), decides which departments implement MECC first and develops a schedule of departments.",
        tools="Local determination",
        success="Schedule of departments has been created and agreed with department heads",
    ),
    Action(
        "engage_teams",
        2,
        "Engaging and empowering teams and individuals",
        "Communicate with the relevant teams; support staff to engage with the purpose, to understand and agree their role and how they will get there, and to discuss what may prevent them engaging; support them to identify a team implementation lead; review communication opportunities with individuals.",
        tools="Orientation Workshop Slides, including pre and post session survey",
        success="Staff are aware and understand the relevance and importance of MECC and the next steps for implementation",
    ),
    Action(
        "systems_processes",
        3,
        "Identify systems and process to be developed",
        "The implementation lead reviews the teams' recommendations and learning and facilitates the agreed changes: clear referral and signposting pathways, information easy for staff to reach, data collection systems collated and updated; the organisation commits to continuously review process and procedures.",
        tools="Local determination; Organisational Assessment Tool",
        success="Organisation begins to implement agreed changes",
        group="Strategic implementation",
        link="assessment",
    ),
    Action(
        POLICIES,
        3,
        "Identify organisational policies and procedures to be developed",
        "Embed MECC in the vision and mission, corporate plans and strategies, patient and public involvement plans, HR processes (job descriptions, appraisal, recruitment, induction) and staff surveys.",
        tools="Local determination; NHS Midlands and East Metrics",
        success="MECC is embedded within the organisation",
        group="Strategic implementation",
    ),
    Action(
        "staff_training",
        3,
        "Staff training",
        "Deliver training that makes staff confident and competent in MECC within their role.",
        tools="Training options, including pre and post session surveys; Individual and Team Skills Assessment Tool",
        success="Workshop held and notes from the session are circulated",
        group="Operational implementation",
        link="training_sessions",
    ),
    Action(
        "overcome_barriers",
        3,
        "Overcoming barriers to implementation",
        "List the barriers found in training and plan how to overcome them at individual, team or organisation level, for example listening skills, confidence, knowing local services, monitoring forms, time.",
        tools="Behaviour Change Pathway and Competence Mapping; Example Data Capture Forms; Prompt Card and Health Benefit Cards; Template for information on self-care or how to access further support",
        success="Plans developed to overcome identified barriers",
        group="Operational implementation",
    ),
    Action(
        "implementation_plan",
        3,
        "Implementation Plan",
        "The team manager writes the team's ideas into a plan, shares it with the organisational lead, checks it meets the objectives and identifies what to monitor and how.",
        tools="Local determination",
        success="Implementation plan agreed with staff and signed-off by department lead",
        group="Operational implementation",
    ),
    Action(
        "staff_begin",
        3,
        "Staff begin MECC",
        "Staff start; hold regular review meetings on progress, impact and improvements.",
        tools="Example data capture forms; Prompt Card and Health Benefit Cards; Template for information on self-care or how to access further support",
        success="First staff member has a lifestyle discussion. This process is also ongoing as teams review and adapt",
        group="Operational implementation",
    ),
    Action(
        "review_objectives",
        4,
        "Review your progress against the SMART objectives",
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
        "Impact of MECC communicated",
        "Make MECC a key part of internal communications, share success stories, celebrate in departments and tell service users about the benefits.",
        tools="Local determination",
        success="Communications plan developed and signed-off by the department lead",
    ),
    Action(
        "adapt_plan",
        4,
        "Adapt implementation plan for service improvement and roll-out across the organisation",
        "Agree adaptations, improve for future users, keep monitoring for the programme's life and review the effect on culture and morale.",
        tools="Example Data Capture Forms",
        success="Adaptation plan and schedule agreed, MECC part of staff's everyday work tasks",
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

# Team prioritisation criteria in the guide's words (section 6, "Identify teams for implementation"). The guide gives
# no scale: scoring each 1 to 5 and ranking by the sum is this product's own design, and the roll-out page says so.
PRIORITY_CRITERIA = (
    ("contact_opportunities", "Number of opportunities within the department to have contact with individuals"),
    ("ability_to_influence", "Ability to influence individuals"),
    ("current_work", "Current work undertaken"),
    ("head_support", "Support offered by the department head"),
)

# The guide's three core components of the implementation approach (section 3, Figure 3), in its words, and staff
# health and wellbeing, one of its key principles ("Consider the role of staff health and wellbeing") and a long-term
# objective. The programme overview is framed by these four; each objective belongs to one.
ORGANISATIONAL_READINESS, STAFF_READINESS, ENABLING_PUBLIC, STAFF_WELLBEING = (
    "organisational_readiness", "staff_readiness", "enabling_public", "staff_wellbeing",
)  # fmt: skip
AREAS = (
    (ORGANISATIONAL_READINESS, "Organisational readiness",
     "Organisational development and support is critical for staff to implement MECC. Organisations need to provide "
     "the leadership, environment, infrastructure and processes to support lifestyle improvement amongst staff, "
     "service users and the general public."),
    (STAFF_READINESS, "Staff readiness",
     "Staff need to be engaged with implementation and embed it within existing practice, building on their knowledge "
     "of their client group and expertise of service delivery. Staff should be competent and confident to support "
     "lifestyle improvement amongst service users when the opportunities arise."),
    (ENABLING_PUBLIC, "Enabling and empowering the public",
     "The public should be supported to engage with and/or ask about lifestyle improvement opportunities. "
     "Consideration needs to be given to accessibility and usability of information, opportunities for self-care, the "
     "impact of the wider determinants on health and wellbeing and the importance of developing individual's health "
     "literacy."),
    (STAFF_WELLBEING, "Staff health and wellbeing",
     "Consider the role of staff health and wellbeing (a key principle); strategies to support staff health and "
     "wellbeing are in place (a long-term objective)."),
)  # fmt: skip

# The guide's examples of SMART objectives ("Set SMART objectives"), offered per term as starting points, each with
# the area it belongs to (this product's own mapping).
EXAMPLE_OBJECTIVES = {
    "short": (
        ("Staff being trained, feeling competent and confident", STAFF_READINESS),
        ("Communication systems in place", ORGANISATIONAL_READINESS),
        ("The goals are clear, relevant and shared by senior management", ORGANISATIONAL_READINESS),
        ("The programme objectives are mapped to your organisation's strategy and corporate objectives",
         ORGANISATIONAL_READINESS),
        ("There is commitment from senior management towards organisational change and continuous learning",
         ORGANISATIONAL_READINESS),
        ("There are appropriate systems and processes in place to support and monitor implementation",
         ORGANISATIONAL_READINESS),
    ),
    "medium": (
        ("MECC is built into organisational policies and procedures, including HR processes", ORGANISATIONAL_READINESS),
        ("Organisational policies and procedures support and coordinate and monitor effectively",
         ORGANISATIONAL_READINESS),
        ("Staff have developed their confidence and competence", STAFF_READINESS),
        ("Organisational environment supports what staff are saying", ORGANISATIONAL_READINESS),
        ("Process review of implementation and the impact", ORGANISATIONAL_READINESS),
        ("Service user experience is known", ENABLING_PUBLIC),
    ),
    "long": (
        ("MECC is embedded within organisational policies and procedures", ORGANISATIONAL_READINESS),
        ("MECC is coordinated across the whole organisation; follow-up procedures are in place",
         ORGANISATIONAL_READINESS),
        ("Strategies to support staff health and wellbeing are in place", STAFF_WELLBEING),
        ("Cost savings can be demonstrated", ORGANISATIONAL_READINESS),
    ),
}  # fmt: skip

# Barriers in the guide's words ("Overcoming barriers to implementation"); "Other" is this product's own.
BARRIERS = (
    ("listening", "Listening skills"),
    ("confidence", "Confidence in raising certain issues"),
    ("services", "Knowledge of your organisation's services"),
    ("monitoring_forms", "Completing monitoring forms"),
    ("own_health", "Own health and wellbeing concerns"),
    ("information", "Availability of information to give to individuals"),
    ("prompts", "Visual prompts for service users and staff"),
    ("referral", "Referral processes"),
    ("time", "Making time for staff to engage with service users"),
    ("other", "Other"),
)


# The resource library's shipped entries: the toolkit's section 7 tools and the national resources, each described
# in its source's words (docs/sources.md, section 9). Addresses are given only where the source register records one;
# the toolkit's tools were distributed with the PDF, so an organisation uploads its own copies beside them.
GOV_UK_PRACTICAL_RESOURCES = (
    "https://www.gov.uk/government/publications/making-every-contact-count-mecc-practical-resources"
)


@dataclass(frozen=True)
class LibraryEntry:
    code: str
    group: str  # "toolkit" (Midlands and East toolkit, section 7) or "national" (PHE/HEE, GOV.UK)
    title: str
    description: str
    link: str = ""


LIBRARY_GROUPS = (
    ("toolkit", "Tools of the Midlands and East implementation toolkit (section 7)"),
    ("national", "National MECC resources (PHE and HEE, on GOV.UK)"),
)
LIBRARY = (
    LibraryEntry("prompt_card", "toolkit", "Prompt Card and Health Benefit Cards",
                 "This example prompt card will provide you with ideas on how to raise questions to elicit further "
                 "information about an individual's health and wellbeing. The health benefit cards offer information "
                 "on specific lifestyle areas."),
    LibraryEntry("making_the_case", "toolkit", "Making the Case presentation",
                 "This presentation will help you make the case for the implementation of MECC within your "
                 "organisation."),
    LibraryEntry("communications_toolkit", "toolkit", "Communications Toolkit",
                 "For communication teams to use alongside implementation leads. It has everything you need to "
                 "communicate MECC in your organisation."),
    LibraryEntry("examples_from_practice", "toolkit", "Examples from practice (case studies)",
                 "A number of case stories are available to give you examples of how MECC is being put into practice. "
                 "Settings include NHS provider organisations, local authorities, mental health organisations, acute "
                 "trusts, community organisations and sports partnerships."),
    LibraryEntry("orientation_workshop", "toolkit", "Orientation Workshop Slides",
                 "This slide set has been designed to run a MECC introduction session within your organisation."),
    LibraryEntry("training_options", "toolkit", "Training Options",
                 "This document lists the face-to-face and e-learning training available to give staff the "
                 "knowledge, skills and confidence they need to deliver MECC."),
    LibraryEntry("self_care_template", "toolkit", "Information on self-care or how to access further support",
                 "Provides a template to populate with information on services that individuals may benefit from "
                 "being given, signposted or referred to."),
    LibraryEntry("data_capture_forms", "toolkit", "Example Data Capture Forms",
                 "Provides example forms for capturing MECC activity."),
    LibraryEntry("policy_drivers", "toolkit", "Links to policy drivers and initiatives",
                 "This resource identifies some of the key policy drivers and initiatives that support MECC."),
    LibraryEntry("example_cquin", "toolkit", "Example CQUIN (designed for NHS Commissioners)",
                 "This example CQUIN has been prepared to provide an indication of the anticipated content of CQUINs "
                 "developed to support MECC."),
    LibraryEntry("practical_resources", "national", "Making Every Contact Count (MECC): practical resources",
                 "These documents support the local implementation and evaluation of MECC activity and the "
                 "development of training resources: the consensus statement, the implementation guide, the quality "
                 "marker checklist for training resources and the evaluation guide (PHE, updated 4 March 2020).",
                 GOV_UK_PRACTICAL_RESOURCES),
)  # fmt: skip
