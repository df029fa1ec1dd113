"""The programme's position on the home page of those who run it (organisations.home_panels)."""

from implementation import selectors
from organisations.home_panels import register_panel
from organisations.roles import Capability
from training.selectors import coverage, percent


@register_panel(10, "implementation/home_panel.html", Capability.VIEW_CHECKLIST)
def programme_position(membership, today) -> dict:
    organisation = membership.organisation
    figures = selectors.overview(organisation, today)
    trained, staff = coverage(organisation, today)
    return {
        "phase": figures["current_phase"],
        "done": figures["done"],
        "total": figures["total"],
        "overdue": figures["overdue"][:3],
        "overdue_count": len(figures["overdue"]),
        "plan_approved": figures["plan_approved"],
        "trained": trained,
        "staff": staff,
        "trained_percent": percent(trained, staff),
    }
