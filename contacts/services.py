"""Writes to the contact log. Each keeps the daily aggregates and the audit history in the same transaction."""

from django.db import IntegrityError, transaction

from contacts import aggregates, content
from contacts.models import Conversation, ConversationChange

MASK_FIELDS = {
    "topics": content.TOPICS,
    "determinants": content.DETERMINANTS,
    "outcomes": content.OUTCOMES,
    "resources": content.RESOURCES,
    "nice_outcomes": content.NICE_OUTCOMES,
}
PLAIN_FIELDS = (
    "occurred_on",
    "team",
    "setting",
    "contact_type",
    "raised_by",
    "intervention_level",
    "readiness",
    "pathway_stage",
    "note",
)


def snapshot(conversation: Conversation, services=None) -> dict:
    """What the record held, in words, for the audit history. `services`: the ones just set, if known."""
    data = {
        "date": conversation.occurred_on.isoformat(),
        "team": str(conversation.team) if conversation.team_id else "",
        "setting": conversation.get_setting_display(),
        "contact type": conversation.get_contact_type_display(),
        "raised by": conversation.get_raised_by_display(),
        "level": conversation.get_intervention_level_display(),
        "readiness": conversation.get_readiness_display(),
        "onward stage": conversation.get_pathway_stage_display(),
        "note": conversation.note,
    }
    for field, items in MASK_FIELDS.items():
        data[field.replace("_", " ")] = ", ".join(conversation.labels(field, items))
    services = conversation.services.all() if services is None else services
    data["services"] = ", ".join(sorted(s.name for s in services))
    return data


def _history(conversation, action, user, services=None):
    ConversationChange.objects.create(
        organisation_id=conversation.organisation_id,
        conversation_id=conversation.pk,
        action=action,
        changed_by=user,
        snapshot=snapshot(conversation, services),
    )


def _assign(conversation: Conversation, data: dict) -> None:
    for field in PLAIN_FIELDS:
        if field in data:
            value = data[field]
            setattr(conversation, field, "" if value is None and field != "team" else value)
    for field, items in MASK_FIELDS.items():
        if field in data:
            setattr(conversation, field, content.to_mask(items, data[field]))


def record_conversation(*, organisation, recorded_by, data: dict, services=(), client_key=None):
    """Store one conversation. The client key makes it idempotent: a repeat returns the first, unchanged.

    The key's unique constraint is the check, so the common case (a new conversation) costs no extra read.
    Returns (conversation, created).
    """
    conversation = Conversation(organisation=organisation, recorded_by=recorded_by)
    conversation._history_user = recorded_by  # the audit trail names who, in a request or not (simple-history)
    if client_key:
        conversation.client_key = client_key
    _assign(conversation, data)
    services = list(services)
    try:
        with transaction.atomic():
            conversation.save()
            if services:
                conversation.services.set(services)
            aggregates.apply(aggregates.count_changes(added=[conversation]))
            _history(conversation, ConversationChange.Action.CREATED, recorded_by, services)
    except IntegrityError:
        # Submitted before (a double tap, a retry), or two submits of the same form raced: the first one stands.
        existing = Conversation.objects.for_organisation(organisation).filter(client_key=client_key).first()
        if existing is None:
            raise
        return existing, False
    return conversation, True


@transaction.atomic
def update_conversation(conversation: Conversation, *, data: dict, services, changed_by) -> Conversation:
    before = Conversation.objects.select_for_update().get(pk=conversation.pk)
    conversation._history_user = changed_by
    _assign(conversation, data)
    conversation.save()
    conversation.services.set(services)
    aggregates.apply(aggregates.count_changes(added=[conversation], removed=[before]))
    _history(conversation, ConversationChange.Action.EDITED, changed_by)
    return conversation


@transaction.atomic
def delete_conversation(conversation: Conversation, *, deleted_by) -> None:
    stored = Conversation.objects.select_for_update().get(pk=conversation.pk)
    stored._history_user = deleted_by
    _history(stored, ConversationChange.Action.DELETED, deleted_by)
    aggregates.apply(aggregates.count_changes(removed=[stored]))
    stored.delete()
