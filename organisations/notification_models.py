"""What the service tells a person: the notifications listed in the app and the kinds they receive by email.

Kept beside organisations.models (which imports this module at its end) so that file stays readable; the models
belong to the organisations app all the same.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from organisations.models import TenantOwned


class Notification(TenantOwned):
    """Something that happened that concerns one person in one organisation, with a link to it."""

    class Kind(models.TextChoices):
        ACTION_ASSIGNED = "action_assigned", "A checklist action is assigned to you"
        ACTION_OVERDUE = "action_overdue", "Your checklist actions are overdue (a weekly summary)"
        CONTRACT = "contract", "A commissioning contract arrives or changes"
        REPORT_READY = "report_ready", "An evaluation report is ready"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    text = models.CharField(max_length=300)
    path = models.CharField(max_length=300, blank=True)  # a page of this service, never another site
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    in_audit_trail = False  # a person's own messages, not a record of the organisation's

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "organisation", "read_at"], name="notification_unread")]

    def __str__(self):
        return self.text


class EmailChoices(models.Model):
    """The kinds of notification a person does not want by email (they are still listed in the app)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="email_choices")
    turned_off = models.JSONField(default=list)

    def __str__(self):
        return f"Email choices of {self.user}"
