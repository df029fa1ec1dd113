"""An organisation admin downloads everything the service holds for the organisation (organisations.data)."""

import tempfile

from django.http import FileResponse
from django.shortcuts import render
from django.utils import timezone

from organisations import data
from organisations.access import organisation_view
from organisations.models import AuditEvent
from organisations.roles import Capability


@organisation_view(Capability.EXPORT_DATA)
def data_export(request):
    if request.method != "POST":
        return render(request, "organisations/data_export.html")
    archive = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it when the download ends
    counts = data.export_archive(request.organisation, archive)
    AuditEvent.record(
        AuditEvent.Kind.DATA_EXPORTED,
        f"{sum(counts.values()):,} records in {len(counts)} files",
        organisation=request.organisation,
        user=request.user,
    )
    archive.seek(0)
    name = f"mecc-{request.organisation.slug}-{timezone.localdate():%Y-%m-%d}.zip"
    response = FileResponse(archive, as_attachment=True, filename=name, content_type="application/zip")
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
