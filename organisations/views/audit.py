"""Organisation admins read and export the audit trail: who changed which record, how and when."""

import django_tables2 as tables
from django import forms
from django.shortcuts import render
from django.utils import timezone

from common.exports import SafeTableExport
from organisations import audit
from organisations.access import organisation_view
from organisations.roles import Capability


class AuditFilter(forms.Form):
    record_type = forms.ChoiceField(label="Kind of record", required=False)
    since = forms.DateField(
        label="From", required=False, input_formats=["%d/%m/%Y", "%Y-%m-%d"], help_text="For example, 01/04/2026",
        error_messages={"invalid": "Enter the start date as a real date, for example 01/04/2026"},
    )  # fmt: skip
    until = forms.DateField(
        label="To", required=False, input_formats=["%d/%m/%Y", "%Y-%m-%d"], help_text="For example, 30/06/2026",
        error_messages={"invalid": "Enter the end date as a real date, for example 30/06/2026"},
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["record_type"].choices = [("", "All records"), *audit.record_types()]


class AuditTable(tables.Table):
    when = tables.DateTimeColumn(verbose_name="When", format="j M Y, H:i:s")
    who = tables.Column(verbose_name="Who")
    email = tables.Column(verbose_name="Email", visible=False)
    action = tables.Column(verbose_name="What happened")
    record_type = tables.Column(verbose_name="Kind of record")
    record = tables.Column(verbose_name="Record")
    changes = tables.Column(verbose_name="What changed", default="")

    class Meta:
        orderable = False
        attrs = {"id": "audit"}


@organisation_view(Capability.VIEW_AUDIT_TRAIL)
def audit_trail(request):
    filters = AuditFilter(request.GET or None)
    criteria = filters.cleaned_data if filters.is_valid() else {}
    rows = audit.entries(
        request.organisation, criteria.get("record_type", ""), criteria.get("since"), criteria.get("until")
    )
    table = AuditTable(rows)
    export = request.GET.get("_export")
    if SafeTableExport.is_valid_format(export):
        name = f"audit-{request.organisation.slug}-{timezone.localdate()}.{export}"
        return SafeTableExport(export, table, exclude_columns=()).response(name)
    tables.RequestConfig(request, paginate={"per_page": 50}).configure(table)
    query = request.GET.copy()
    query.pop("_export", None)
    query.pop("page", None)
    context = {"filters": filters, "table": table, "query": query.urlencode(), "limit": audit.LIMIT}
    return render(request, "organisations/audit_trail.html", context)
