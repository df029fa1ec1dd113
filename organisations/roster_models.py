"""The staff roster: the people who work in an organisation, whether or not they have an account here.

Coverage and every per-staff rate count these people (issue 21), not the members who happen to have signed up: a
trust of 8,600 staff with one member must not read "100% trained". Kept beside organisations.models (which imports
this module at its end); an account links to its roster entry by email address.
"""

import datetime

from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower

from organisations.models import Team, TenantOwned, TenantQuerySet


class StaffMemberQuerySet(TenantQuerySet):
    def in_post_on(self, day: datetime.date):
        """Started on or before the day (or no start date recorded) and not yet left: the leave date is the first
        day they no longer work there."""
        return self.filter(
            Q(started_on__isnull=True) | Q(started_on__lte=day), Q(left_on__isnull=True) | Q(left_on__gt=day)
        )

    def frontline(self):
        return self.filter(frontline=True)


class StaffMember(TenantOwned):
    name = models.CharField(max_length=150)
    email = models.EmailField("Work email address", blank=True)  # stored lower-case: how an account links to it
    staff_number = models.CharField(max_length=30, blank=True)
    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.SET_NULL, related_name="roster")
    frontline = models.BooleanField("Frontline: meets patients, service users or the public", default=True)
    started_on = models.DateField("Start date", null=True, blank=True)
    left_on = models.DateField("Leave date", null=True, blank=True)

    audit_label_fields = ("name",)

    objects = StaffMemberQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                "organisation", Lower("email"), condition=~Q(email=""), name="roster_email_unique_per_org"
            ),
            models.UniqueConstraint(
                fields=["organisation", "staff_number"], condition=~Q(staff_number=""), name="roster_number_unique"
            ),
            models.CheckConstraint(
                condition=~Q(email="") | ~Q(staff_number=""), name="roster_entry_has_email_or_number"
            ),
        ]
        indexes = [models.Index(fields=["organisation", "team"], name="roster_org_team")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.email = (self.email or "").strip().lower()
        self.staff_number = (self.staff_number or "").strip()
        super().save(*args, **kwargs)
