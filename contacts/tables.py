"""django-tables2 tables for the contact log and the directory (exported through common.exports)."""

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from common.suppression import shown_outside
from contacts import content
from contacts.models import Conversation, Service


class MaskColumn(tables.Column):
    def __init__(self, items, **kwargs):
        self.items = items
        super().__init__(orderable=False, **kwargs)

    def render(self, value):
        return ", ".join(content.label(self.items, code) for code in content.from_mask(self.items, value))

    def value(self, value):
        return self.render(value)


class ConversationTable(tables.Table):
    occurred_on = tables.DateColumn(verbose_name="Date", format="j M Y")
    team = tables.Column(verbose_name="Team", default="")
    topics = MaskColumn(content.TOPICS, verbose_name="Topics")
    determinants = MaskColumn(content.DETERMINANTS, verbose_name="Wider determinants")
    outcomes = MaskColumn(content.OUTCOMES, verbose_name="Outcomes")
    intervention_level = tables.Column(verbose_name="Level", default=content.NOT_RECORDED)
    setting = tables.Column(verbose_name="Setting", default=content.NOT_RECORDED)
    contact_type = tables.Column(verbose_name="With", default=content.NOT_RECORDED)
    readiness = tables.Column(verbose_name="Readiness", default="")

    class Meta:
        model = Conversation
        fields = [
            "occurred_on",
            "team",
            "topics",
            "determinants",
            "outcomes",
            "intervention_level",
            "setting",
            "contact_type",
            "readiness",
        ]
        order_by = ("-occurred_on",)
        empty_text = "No conversations match."

    def value_occurred_on(self, value):
        # Exports carry the date itself: a date cell in XLSX, ISO 8601 in CSV, so spreadsheets can sort and filter.
        return value


class MyConversationTable(ConversationTable):
    """Newest first, with the time each was recorded, so staff can see at a glance whether one went in."""

    created_at = tables.DateTimeColumn(verbose_name="Recorded", format="j M, H:i")
    actions = tables.Column(empty_values=(), verbose_name="Change", orderable=False, exclude_from_export=True)

    class Meta(ConversationTable.Meta):
        fields = ["occurred_on", "created_at", "topics", "determinants", "outcomes", "team"]
        sequence = ["occurred_on", "created_at", "topics", "determinants", "outcomes", "team", "actions"]
        order_by = ("-occurred_on", "-created_at")
        exclude = ["intervention_level", "setting", "contact_type", "readiness"]

    def __init__(self, *args, membership, **kwargs):
        self.membership = membership
        super().__init__(*args, **kwargs)

    def render_actions(self, record):
        if not record.editable_by(self.membership):
            return "Locked after 24 hours"
        url = reverse("contacts:conversation_edit", args=[record.organisation.slug, record.pk])
        return format_html(
            '<a href="{}">Change<span class="nhsuk-u-visually-hidden"> conversation of {}</span></a>',
            url,
            record.occurred_on.strftime("%-d %b %Y"),
        )


class ServiceTable(tables.Table):
    name = tables.Column(verbose_name="Service")
    topics = MaskColumn(content.TOPICS, verbose_name="Topics")
    determinants = MaskColumn(content.DETERMINANTS, verbose_name="Wider determinants")
    access = tables.Column(verbose_name="Access")
    times_signposted = tables.Column(verbose_name="Times your organisation signposted or referred")
    signposted_elsewhere = tables.Column(
        verbose_name="By other organisations (under 5 shown as <5, others to the nearest 5)"
    )
    owner = tables.Column(accessor="organisation__name", verbose_name="Run by", orderable=False)
    contact = tables.Column(empty_values=(), verbose_name="Phone, website and opening times", orderable=False)

    class Meta:
        model = Service
        fields = ["name", "topics", "determinants", "access", "times_signposted", "signposted_elsewhere"]
        sequence = ["name", "owner", "contact", "..."]
        empty_text = "No services match."

    def __init__(self, *args, organisation, can_manage, **kwargs):
        self.organisation, self.can_manage = organisation, can_manage
        super().__init__(*args, **kwargs)

    def render_name(self, record, value):
        if self.can_manage and record.organisation_id == self.organisation.pk:
            url = reverse("contacts:service_edit", args=[self.organisation.slug, record.pk])
            value = format_html('<a href="{}">{}</a>', url, value)
        if not record.is_active:
            return format_html('{} <strong class="nhsuk-tag nhsuk-tag--grey">Inactive</strong>', value)
        return value

    def render_signposted_elsewhere(self, value):
        return shown_outside(value)

    def value_signposted_elsewhere(self, value):
        return shown_outside(value)

    def render_contact(self, record):
        parts = [format_html("{}", record.phone)] if record.phone else []
        if record.website:
            parts.append(format_html('<a href="{}" rel="noopener">Website<span class="nhsuk-u-visually-hidden"> of {}'
                                     "</span></a>", record.website, record.name))  # fmt: skip
        if record.opening_times:
            parts.append(format_html("{}", record.opening_times))
        return format_html_join(mark_safe("<br>"), "{}", ((part,) for part in parts)) if parts else "Not given"

    def value_contact(self, record):
        return "; ".join(part for part in (record.phone, record.website, record.opening_times) if part)

    def render_owner(self, record, value):
        return "Your organisation" if record.organisation_id == self.organisation.pk else value
