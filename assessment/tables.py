"""django-tables2 table of an organisation's assessments."""

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html

from assessment.models import Assessment


class AssessmentTable(tables.Table):
    started_at = tables.DateColumn(verbose_name="Started", format="j M Y")
    scope = tables.Column(empty_values=(), verbose_name="Covers", order_by=("team__name",))
    status = tables.Column(verbose_name="Status")
    completed_at = tables.DateColumn(verbose_name="Completed", format="j M Y", default="–")
    total = tables.Column(verbose_name="Total score", default="–")

    class Meta:
        model = Assessment
        fields = ["started_at", "scope", "status", "completed_at", "total"]
        order_by = ("-started_at",)
        empty_text = "No assessments yet."

    def render_scope(self, record):
        url = reverse("assessment:detail", args=[record.organisation.slug, record.pk])
        return format_html('<a href="{}">{}</a>', url, record.scope_label)

    def render_status(self, record):
        colour = "green" if record.is_complete else "yellow"
        return format_html('<strong class="nhsuk-tag nhsuk-tag--{}">{}</strong>', colour, record.get_status_display())
