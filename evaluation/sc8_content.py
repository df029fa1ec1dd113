"""The NHS Standard Contract's MECC service condition as versioned content, and the compliance indicators a
commissioner checks (domain reference, section 5).

Provenance: the duty to develop and maintain an organisational MECC plan that follows MECC guidance and uses the
PHE tools is verified; its clause number changes between contract years (8.6 in one quoted version), so no
number is relied on. The indicators and their red/amber/green rules are this service's own design from what the
reference suggests a commissioner would check, and are shown as such. Thresholds are defaults a commissioner can
change per contract.
"""

from dataclasses import dataclass

SC8_VERSION = "2026.1"

CLAUSE = {
    "title": "Service Condition 8: Making Every Contact Count (NHS Standard Contract)",
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
    "activity_target": 50,  # conversations per 1,000 staff in the last quarter: green at or above
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
