"""Writes for the implementation checklist, objectives and roll-out; every checklist change is recorded."""

from collections import defaultdict

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from implementation import content
from implementation.models import ChecklistChange, ChecklistItem, EvidenceFile, LibraryFile, LibraryItem, Objective
from organisations import notifications

TRACKED = {
    "status": "Status",
    "not_applicable_reason": "Reason it does not apply",
    "owner": "Owner",
    "target_date": "Target date",
    "evidence": "Evidence of progress",
    "board_decision": "Board decision",
    "board_decision_on": "Board decision date",
    "title": "Action",
}


def create_checklist(organisation) -> int:
    """Give the organisation its copy of the template (only the actions it does not have yet)."""
    have = set(ChecklistItem.objects.for_organisation(organisation).values_list("code", flat=True))
    items = [
        ChecklistItem(
            organisation=organisation,
            code=action.code,
            template_version=content.CHECKLIST_VERSION,
            phase=action.phase,
            position=position,
            group=action.group,
            title=action.title,
            approach=action.approach,
            tools=action.tools,
            success=action.success,
        )
        for position, action in enumerate(content.ACTIONS)
        if action.code not in have
    ]
    # With their history rows, so a report for a period before any change still finds each action as created.
    bulk_create_with_history(items, ChecklistItem)
    return len(items)


def _describe(item, field):
    value = getattr(item, field)
    if field == "status":
        return item.get_status_display()
    if field == "board_decision":
        return item.get_board_decision_display() or "none"
    if field == "owner":
        return value.get_full_name() if value else "nobody"
    return str(value) if value not in (None, "") else "none"


@transaction.atomic
def update_item(item: ChecklistItem, *, changed_by, **changes) -> ChecklistItem:
    before = ChecklistItem.objects.select_for_update().get(pk=item.pk)
    for field, value in changes.items():
        setattr(item, field, value)
    if item.status == ChecklistItem.Status.ACHIEVED and before.status != ChecklistItem.Status.ACHIEVED:
        item.achieved_on, item.achieved_by = timezone.localdate(), changed_by
    elif item.status != ChecklistItem.Status.ACHIEVED:
        item.achieved_on, item.achieved_by = None, None
    if item.status != ChecklistItem.Status.NOT_APPLICABLE:
        item.not_applicable_reason = ""
    lines = [
        f"{label}: {_describe(before, field)} → {_describe(item, field)}"
        for field, label in TRACKED.items()
        if getattr(before, field) != getattr(item, field)
    ]
    item.save()
    if lines:
        ChecklistChange.objects.create(
            organisation_id=item.organisation_id, item=item, changed_by=changed_by, summary="\n".join(lines)
        )
    if item.owner_id and item.owner_id != before.owner_id and item.owner_id != getattr(changed_by, "pk", None):
        notifications.notify(
            [item.owner], item.organisation, notifications.Kind.ACTION_ASSIGNED,
            f"Checklist action assigned to you: {item.title}",
            reverse("implementation:item", args=[item.organisation.slug, item.pk]),
        )  # fmt: skip
    return item


@transaction.atomic
def save_action(item, *, changes: dict, upload=None, content_type="", changed_by) -> ChecklistItem:
    """The action page's one Save: the edits and, when one was chosen, an evidence file, together or not at all."""
    update_item(item, changed_by=changed_by, **changes)
    if upload is not None:
        add_evidence_file(item, upload, content_type=content_type, uploaded_by=changed_by)
    return item


@transaction.atomic
def add_evidence_file(item, upload, *, content_type, uploaded_by) -> EvidenceFile:
    evidence = EvidenceFile.objects.create(
        organisation_id=item.organisation_id,
        item=item,
        file=upload,
        original_name=upload.name[:200],
        content_type=content_type,
        size=upload.size,
        uploaded_by=uploaded_by,
    )
    ChecklistChange.objects.create(
        organisation_id=item.organisation_id,
        item=item,
        changed_by=uploaded_by,
        summary=f"Evidence file added: {evidence.original_name}",
    )
    return evidence


@transaction.atomic
def add_local_action(organisation, *, phase, title, success, changed_by) -> ChecklistItem:
    last = ChecklistItem.objects.for_organisation(organisation).filter(phase=phase).order_by("-position").first()
    item = ChecklistItem.objects.create(
        organisation=organisation,
        phase=phase,
        position=(last.position + 1) if last else 100,
        title=title,
        success=success,
    )
    ChecklistChange.objects.create(
        organisation=organisation, item=item, changed_by=changed_by, summary=f"Local action added: {title}"
    )
    return item


def sign_off(objective: Objective, user) -> Objective:
    objective.signed_off_by, objective.signed_off_at = user, timezone.now()
    objective.save(update_fields=["signed_off_by", "signed_off_at"])
    return objective


def send_overdue_digests(today=None) -> int:
    """One email per owner listing all their overdue checklist items, whatever organisations they are in."""
    today = today or timezone.localdate()
    by_owner = defaultdict(list)
    overdue = ChecklistItem.objects.overdue(today).filter(owner__isnull=False).select_related("owner", "organisation")
    # Only owners who are still active members of the item's organisation.
    still_members = overdue.filter(
        owner__memberships__organisation=F("organisation"), owner__memberships__is_active=True
    )
    for item in still_members:
        by_owner[item.owner].append(item)
    sent = 0
    for owner, items in by_owner.items():
        by_organisation = defaultdict(list)
        for item in items:
            by_organisation[item.organisation].append(item)
        for organisation, own in by_organisation.items():  # listed in the app too, whatever the email choice
            notifications.notify(
                [owner], organisation, notifications.Kind.ACTION_OVERDUE,
                f"{len(own)} checklist action{'s are' if len(own) != 1 else ' is'} overdue",
                reverse("implementation:checklist", args=[organisation.slug]), email=False,
            )  # fmt: skip
        if not notifications.wants_email(owner, notifications.Kind.ACTION_OVERDUE):
            continue
        sent += 1
        lines = [
            {
                "item": item,
                "url": settings.SITE_URL + reverse("implementation:item", args=[item.organisation.slug, item.pk]),
                "days": (today - item.target_date).days,
            }
            for item in sorted(items, key=lambda i: (i.organisation.name, i.target_date))
        ]
        send_mail(
            subject=f"MECC checklist: {len(items)} overdue action{'s' if len(items) != 1 else ''}",
            message=render_to_string("implementation/email/overdue.txt", {"owner": owner, "lines": lines}),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[owner.email],
        )
    return sent


def give_new_organisation_its_checklist(sender, instance, created, raw=False, **kwargs):
    """Every organisation gets its checklist when it is created (the guide's four phases, ready to track)."""
    if created and not raw:
        create_checklist(instance)


@transaction.atomic
def add_library_item(organisation, *, title, description, entry, link, upload, content_type, added_by) -> LibraryItem:
    """A link or a checked file in the organisation's resource library."""
    item = LibraryItem.objects.create(
        organisation=organisation, title=title, description=description, entry=entry, link=link, added_by=added_by
    )
    if upload is not None:
        LibraryFile.objects.create(
            organisation=organisation,
            item=item,
            file=upload,
            original_name=upload.name[:200],
            content_type=content_type,
            size=upload.size,
        )
    return item


@transaction.atomic
def remove_library_item(item) -> None:
    stored = LibraryFile.objects.filter(item=item).first()
    if stored is not None:
        storage, name = stored.file.storage, stored.file.name
        transaction.on_commit(lambda: storage.delete(name) if storage.exists(name) else None)
    item.delete()
