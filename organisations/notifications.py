"""Telling people what concerns them: a notification listed in the app, and an email unless they turned that kind
off (issue 18). Apps above this floor call notify() from their services; emails go out through Celery once the
change that caused them is committed."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction

from common import queue
from organisations.models import EmailChoices, Membership, Notification
from organisations.tasks import send_notification_emails as send_emails_task

Kind = Notification.Kind


def wants_email(user, kind: str) -> bool:
    choices = EmailChoices.objects.filter(user=user).first()
    return choices is None or kind not in choices.turned_off


def notify(users, organisation, kind: str, text: str, path: str = "", email: bool = True) -> list[Notification]:
    """A notification for each user who is an active member of the organisation; an email to those who want this
    kind (email=False when the caller sends its own, as the report-ready email and the weekly digest do)."""
    members = set(
        Membership.objects.active().filter(organisation=organisation, user__in=[u.pk for u in users])
        .values_list("user_id", flat=True)
    )  # fmt: skip
    created = Notification.objects.bulk_create(
        [Notification(organisation=organisation, user_id=pk, kind=kind, text=text[:300], path=path) for pk in members]
    )
    if email:
        ids = [n.pk for n in created if n.pk]
        if ids:
            transaction.on_commit(lambda: queue.send(send_emails_task, ids))
    return created


def send_emails(notification_ids) -> int:
    """The Celery task's body: one email per notification whose person still wants that kind."""
    sent = 0
    for notification in Notification.objects.filter(pk__in=notification_ids).select_related("user", "organisation"):
        if not wants_email(notification.user, notification.kind):
            continue
        link = f"\n\n{settings.SITE_URL}{notification.path}" if notification.path else ""
        footer = "\n\nYou can choose which of these emails you get on your Notifications page."
        send_mail(f"[MECC] {notification.text}"[:150], f"{notification.text}{link}{footer}", None,
                  [notification.user.email])  # fmt: skip
        sent += 1
    return sent


def unread_count(user, organisation) -> int:
    return Notification.objects.for_organisation(organisation).filter(user=user, read_at__isnull=True).count()
