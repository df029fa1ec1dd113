"""What each role's home page opens on: panels of where things stand, registered by the apps that own the figures.

This floor cannot import the floors above it, so each app registers its panels (implementation the programme's
position, evaluation this quarter's conversations, the providers needing attention and the latest board report),
each with the capability its figures need. The home page shows the panels the member's role can read, in order.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from organisations.roles import Capability


@dataclass(frozen=True)
class Panel:
    order: int
    template: str
    capability: Capability
    build: Callable  # (membership, today) -> context dict, or None when there is nothing to show


PANELS: list[Panel] = []


def register_panel(order: int, template: str, capability: Capability):
    def register(build):
        PANELS.append(Panel(order, template, capability, build))
        PANELS.sort(key=lambda panel: panel.order)
        return build

    return register


def panels_for(membership, today: datetime.date) -> list[dict]:
    shown = []
    for panel in PANELS:
        if membership.can(panel.capability) and (context := panel.build(membership, today)) is not None:
            shown.append({"template": panel.template, **context})
    return shown
