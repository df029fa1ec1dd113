"""django-tables2 tables of the top floor: the commissioner's SC8 portfolio."""

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html

from evaluation.sc8_content import INDICATORS, STATUSES

TAG = {"green": "green", "amber": "yellow", "red": "red", "none": "grey"}  # RAG status -> NHS.UK tag colour


class StatusColumn(tables.Column):
    def render(self, value):
        return format_html('<strong class="nhsuk-tag nhsuk-tag--{}">{}</strong>', TAG[value], STATUSES[value])

    def value(self, value):
        return STATUSES[value]

    def order(self, queryset, is_descending):
        return queryset, False  # dict rows: tables2 sorts them in Python


class PortfolioTable(tables.Table):
    """One row per consenting provider, one status column per SC8 measure."""

    provider = tables.Column(verbose_name="Provider")
    # In the exports only, beside the name, so analysts can join the rows to other NHS data.
    ods_code = tables.Column(verbose_name="ODS code", visible=False)
    reds = tables.Column(verbose_name="Red measures (this service's own)")

    class Meta:
        orderable = True
        attrs = {"id": "portfolio"}
        # Its own template reads each row's prepared cells: 500 cells through django-tables2's per-cell rendering
        # (a signature inspection each) were half of the page's time at 50 providers. Sorting and exports stay.
        template_name = "evaluation/portfolio_table.html"

    def __init__(self, rows, *, commissioner_slug):
        self.commissioner_slug = commissioner_slug
        for row in rows:
            row["link"] = reverse("evaluation:sc8_provider", args=[commissioner_slug, row["provider_id"]])
            row["cells"] = [(i.title, TAG[row[i.code]], STATUSES[row[i.code]]) for i in INDICATORS]
        super().__init__(rows, extra_columns=[(i.code, StatusColumn(verbose_name=i.title)) for i in INDICATORS])

    def render_provider(self, record, value):
        url = reverse("evaluation:sc8_provider", args=[self.commissioner_slug, record["provider_id"]])
        return format_html('<a href="{}">{}</a>', url, value)

    def value_provider(self, value):
        return value
