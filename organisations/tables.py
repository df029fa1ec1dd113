"""django-tables2 tables for the organisations pages."""

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from organisations.models import Invitation, Membership, StaffMember, Team


class MembershipTable(tables.Table):
    name = tables.Column(accessor="user__full_name", verbose_name="Name", order_by=("user__full_name",))
    email = tables.Column(accessor="user__email", verbose_name="Email")
    role = tables.Column(verbose_name="Role")
    team = tables.Column(verbose_name="Team", default="No team")
    status = tables.Column(accessor="is_active", verbose_name="Status")

    class Meta:
        model = Membership
        fields = ["name", "email", "role", "team", "status"]
        order_by = ("name",)

    def __init__(self, *args, can_manage=False, **kwargs):
        self.can_manage = can_manage
        super().__init__(*args, **kwargs)

    def render_name(self, record, value):
        label = value or record.user.email
        if not self.can_manage:
            return label
        url = reverse("organisations:member_edit", args=[record.organisation.slug, record.pk])
        return format_html('<a href="{}">{}</a>', url, label)

    def render_status(self, value):
        if value:
            return mark_safe('<strong class="nhsuk-tag nhsuk-tag--green">Active</strong>')  # noqa: S308 - constant
        return mark_safe('<strong class="nhsuk-tag nhsuk-tag--grey">Deactivated</strong>')  # noqa: S308 - constant


class NameLinksToEdit:
    """The name column links to the record's own page for whoever may change it (can_manage), else plain text."""

    edit_url_name = ""
    edit_word = "edit"

    def __init__(self, *args, can_manage=False, **kwargs):
        self.can_manage = can_manage
        super().__init__(*args, **kwargs)

    def render_name(self, record, value):
        if not self.can_manage:
            return value
        url = reverse(self.edit_url_name, args=[record.organisation.slug, record.pk])
        hidden = f" ({self.edit_word})"
        return format_html('<a href="{}">{}<span class="nhsuk-u-visually-hidden">{}</span></a>', url, value, hidden)


class TeamTable(NameLinksToEdit, tables.Table):
    edit_url_name = "organisations:team_edit"

    name = tables.Column(verbose_name="Team")
    description = tables.Column(verbose_name="Description", default="")
    members = tables.Column(verbose_name="Members", orderable=False)
    establishment = tables.Column(verbose_name="Frontline establishment", default="Not given")

    class Meta:
        model = Team
        fields = ["name", "description"]
        sequence = ["name", "description", "members", "establishment"]


class InvitationTable(tables.Table):
    email = tables.Column(verbose_name="Email")
    role = tables.Column(verbose_name="Role")
    team = tables.Column(verbose_name="Team", default="No team")
    expires_at = tables.DateTimeColumn(verbose_name="Link expires", format="j M Y H:i")
    status = tables.Column(empty_values=(), verbose_name="Status", orderable=False)
    actions = tables.TemplateColumn(
        template_name="organisations/includes/invitation_actions.html", verbose_name="Actions", orderable=False
    )

    class Meta:
        model = Invitation
        fields = ["email", "role", "team", "expires_at"]

    def render_status(self, record):
        colour = {"pending": "blue", "accepted": "green", "expired": "grey", "revoked": "red"}[record.status]
        return format_html('<strong class="nhsuk-tag nhsuk-tag--{}">{}</strong>', colour, record.status.label)


class StaffTable(NameLinksToEdit, tables.Table):
    edit_url_name, edit_word = "organisations:roster_edit", "change"

    name = tables.Column(verbose_name="Name")
    staff_number = tables.Column(verbose_name="Staff number", default="")
    email = tables.Column(verbose_name="Work email", default="")
    team = tables.Column(verbose_name="Team", default="No team")
    frontline = tables.BooleanColumn(verbose_name="Frontline", yesno="Yes,No")
    started_on = tables.DateColumn(verbose_name="Started", format="j M Y", default="")
    left_on = tables.DateColumn(verbose_name="Left", format="j M Y", default="")

    class Meta:
        model = StaffMember
        fields = ["name", "staff_number", "email", "team", "frontline", "started_on", "left_on"]
        order_by = ("name",)
