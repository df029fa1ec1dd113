"""What the records say about a checklist action ("3 objectives set", "2 evaluation reports produced"), offered to
the lead as a suggestion to accept with one click. Nothing changes an action's status silently.

Each suggestion is registered for a template action's code; apps on higher floors register theirs in their
AppConfig.ready (evaluation registers its reports), so this floor never imports them.
"""

from collections.abc import Callable

from django.db.models import Min

from contacts.aggregates import ALL
from contacts.models import OrganisationDailyCount
from implementation import services
from implementation.models import ChecklistItem, Objective, TeamPriority
from organisations.models import Membership
from organisations.roles import Role
from training.models import TrainingSession

SUGGESTIONS: dict[str, Callable] = {}


def register_suggestion(code: str):
    def register(read):
        SUGGESTIONS[code] = read
        return read

    return register


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


@register_suggestion("smart_objectives")
def objectives_set(organisation) -> str | None:
    objectives = Objective.objects.for_organisation(organisation)
    total = objectives.count()
    if not total:
        return None
    signed = objectives.filter(signed_off_at__isnull=False).count()
    return f"{_plural(total, 'objective', 'objectives')} set, {signed} signed off by a board member"


@register_suggestion("identify_teams")
def teams_scheduled(organisation) -> str | None:
    count = TeamPriority.objects.for_organisation(organisation).filter(planned_start__isnull=False).count()
    return f"{_plural(count, 'team', 'teams')} prioritised with a planned start" if count else None


@register_suggestion("identify_champions")
def leads_named(organisation) -> str | None:
    leads = Membership.objects.for_organisation(organisation).active().filter(role=Role.IMPLEMENTATION_LEAD).count()
    return f"{_plural(leads, 'implementation lead', 'implementation leads')} named" if leads else None


@register_suggestion("staff_training")
def sessions_held(organisation) -> str | None:
    count = TrainingSession.objects.for_organisation(organisation).count()
    return f"{_plural(count, 'training session', 'training sessions')} recorded" if count else None


@register_suggestion("staff_begin")
def first_conversation(organisation) -> str | None:
    first = (
        OrganisationDailyCount.objects.for_organisation(organisation)
        .filter(dimension=ALL, count__gt=0)
        .aggregate(day=Min("day"))["day"]
    )
    return f"first conversation recorded on {first:%-d %B %Y}" if first else None


def suggestions(organisation, items) -> dict[int, str]:
    """{item id: what the data shows} for the open template actions among `items` that have a suggestion."""
    found = {}
    for item in items:
        if item.code in SUGGESTIONS and not item.is_done:
            said = SUGGESTIONS[item.code](organisation)
            if said:
                found[item.pk] = said
    return found


def accept(item: ChecklistItem, said: str, *, changed_by):
    """The lead accepts what the data shows: the action is achieved, with the data's words added to its evidence."""
    evidence = "\n".join(part for part in (item.evidence.strip(), f"From the data: {said}.") if part)
    return services.update_item(item, changed_by=changed_by, status=ChecklistItem.Status.ACHIEVED, evidence=evidence)
