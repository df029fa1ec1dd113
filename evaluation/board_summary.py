"""Page 1 of the board report: the period, the headline figures with their change, what went well, the three
biggest risks and the decisions asked of the board, written plainly from the same figures as the report's body
(never recomputed), with counts under SMALL_NUMBER suppressed as everywhere else in the report."""

from common.suppression import suppress

NO_DECISION = "No decision is asked of the board this period: note the report."


def board_summary(data: dict) -> dict:
    return {"went_well": _went_well(data), "risks": data["recommendations"][:3], "decisions": _decisions(data)}


def _went_well(data) -> list[str]:
    found = []
    total, previous = data["activity"]["total"], data["previous_total"]
    if previous and total >= previous * 1.1:
        found.append(
            f"Recorded conversations rose to {suppress(total)} from {suppress(previous)} in the period before."
        )
    if data["weekly_spc"].get("variation") == "special cause improvement":
        found.append("Week by week, the latest conversation figures show special cause improvement (SPC chart).")
    training = data["training"]
    if training["percent"] is not None and training["percent"] >= training["target"]:
        found.append(
            f"{training['percent']}% of frontline staff are trained, at or above the {training['target']}% target."
        )
    if data["inputs"]["plan_approved"]:
        found.append("The board has approved the organisational MECC plan.")
    objectives = data["outcomes"]["objectives"]
    going_well = [row for row in objectives if row["progress"].status in ("achieved", "on track")]
    if going_well:
        found.append(f"{len(going_well)} of {len(objectives)} SMART objectives are achieved or on track.")
    return found or ["Nothing in this period's figures stands out as going well yet."]


def _decisions(data) -> list[str]:
    asked = []
    if not data["inputs"]["plan_approved"]:
        asked.append("Approve the organisational MECC plan, and record the decision with its evidence.")
    unsigned = [row for row in data["outcomes"]["objectives"] if not row["objective"].signed_off_at]
    if unsigned:
        count = len(unsigned)
        asked.append(f"Sign off {count} SMART objective{'s' if count != 1 else ''} not yet signed off by the board.")
    readiness = data["readiness"]
    if readiness is None or readiness["age_days"] > 365:
        asked.append("Ask for an organisational assessment: none has been completed in the last 12 months.")
    return asked or [NO_DECISION]
