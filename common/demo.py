"""The demo data registry. Each app contributes its own demo data with `@demo_step(order)` in its `demo.py`; the top
floor's `manage.py seed_demo` (mecc) imports every app's `demo` module and runs the steps in order, so no app below
the top needs to know the others.

A step receives the DemoContext, which the organisations step fills with the demo organisations and people.
"""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class DemoContext:
    organisations: dict = field(default_factory=dict)  # slug -> Organisation
    users: dict = field(default_factory=dict)  # email -> User
    say: Callable[[str], None] = print


_STEPS: dict[str, tuple[int, Callable[[DemoContext], None]]] = {}


def demo_step(order: int):
    """Register a function of one DemoContext as a demo step; lower orders run first."""

    def register(step):
        _STEPS[f"{step.__module__}.{step.__qualname__}"] = (order, step)
        return step

    return register


def steps() -> list[Callable[[DemoContext], None]]:
    return [step for _, step in sorted(_STEPS.values(), key=lambda pair: pair[0])]
