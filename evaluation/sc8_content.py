"""The NHS Standard Contract's MECC service condition as versioned content, and this service's own measures of
progress on it (docs/sources.md, section 5).

Provenance: the duty to develop and maintain an organisational MECC plan that follows MECC principles and guidance
and uses the MECC tools is verified (quoted from GOV.UK's MECC practical resources page); its clause number changes
between contract years (8.6 in one quoted version), so no number is relied on, and the condition's full heading is
not verified. The contract sets no indicators: the eight measures and their red/amber/green rules are this
service's own design, and every surface says so. Default targets carry their source or say they are local defaults;
a commissioner sets its own per contract.
"""

from dataclasses import dataclass

SC8_VERSION = "2026.2"

MEASURES_NAME = "this service's measures of progress on the SC8 MECC requirement"
MEASURES_NOTE = (
    "The NHS Standard Contract's MECC service condition asks the provider for an organisational MECC plan; it sets no "
    "indicators. These measures and their red, amber and green rules are this service's own, built from what a "
    "commissioner would check."
)

CLAUSE = {
    "title": "NHS Standard Contract, service condition SC8 (MECC)",
    "title_note": "The condition's full heading and clause number vary by contract year and are not verified here.",
    "quote": (
        "The NHS Standard Contract requires providers to develop and maintain an organisational plan for making "
        "every contact count, in accordance with MECC principles and guidance. The standard condition SC8 refers to "
        "the use of MECC tools"
    ),
    "quote_source": "Public Health England, Making Every Contact Count (MECC): practical resources, GOV.UK "
    "(updated 4 March 2020)",
    "paraphrase": (
        "The provider must develop and maintain an organisational plan so that its staff use every contact with "
        "service users and the public as an opportunity to maintain or improve health and wellbeing, following "
        "the principles and using the tools in the Making Every Contact Count guidance."
    ),
    "source": "transformationpartners.nhs.uk (MECC evidence page), quoting the contract; GOV.UK MECC practical "
    "resources. Clause numbering varies by contract year.",
    "provenance": "verified duty; numbering not relied on",
}

DEFAULT_THRESHOLDS = {
    "trained_target": 60,  # % of frontline staff trained: green at or above
    "trained_amber_gap": 20,  # amber within this many points below the target
    "activity_target": 2500,  # conversations per 1,000 staff in the last quarter: green at or above
}
# Where each default comes from, shown wherever a default target is.
TARGET_SOURCES = {
    "trained_target": "a local default: no published source sets a share of staff to train",
    "trained_amber_gap": "a local default",
    "activity_target": "the Midlands and East implementation guide's illustration of 10 MECC contacts per member of "
    "staff a year (section 1), about 2,500 per 1,000 staff a quarter",
}


@dataclass(frozen=True)
class Indicator:
    code: str
    title: str
    rule: str  # the red/amber/green rule, in words shown on the dashboard


INDICATORS = (
    Indicator("plan", "Organisational MECC plan in place",
              "Green: board approval achieved in the checklist, with evidence, and an implementation lead named. "
              "Amber: one of the two. Red: neither."),
    Indicator("policies", "MECC embedded in policies and HR processes",
              "Green: the checklist action is achieved. Amber: in progress. Red: not started."),
    Indicator("trained", "Frontline staff trained",
              "Green: at or above the target. Amber: within {trained_amber_gap} points below it. Red: further below. "
              "Target: {trained_target}%."),
    Indicator("quality", "Training resources meeting the quality-marker standard",
              "Green: every training resource's latest quality-marker self-evaluation in the last 12 months scores at "
              "least 85% of the marker points (this service's own standard; the checklist sets none). Amber: some "
              "do. Red: none does."),
    Indicator("activity", "Conversations recorded in the last quarter, per 1,000 staff",
              "Green: at or above {activity_target}. Amber: at least half of that. Red: less."),
    Indicator("assessment", "Organisational assessment in the last 12 months",
              "Green: completed in the last 12 months, with no fewer factors rated A or B than the one before. "
              "Amber: completed, with fewer. Red: none in the last 12 months."),
    Indicator("report", "Evaluation report produced in the last 12 months",
              "Green: a report produced in the last 12 months. Red: none."),
    Indicator("directory", "Signposting directory maintained",
              "Green: every active entry reviewed in the last 12 months. Amber: some. Red: none, or no entries."),
)  # fmt: skip

STATUSES = {"green": "Green", "amber": "Amber", "red": "Red", "none": "No data"}
