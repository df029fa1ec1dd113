"""An organisation admin downloads everything the service holds for the organisation (organisations.data), and
anyone follows and fetches the downloads they asked for (organisations.exports)."""

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render

from organisations import exports
from organisations.access import organisation_view
from organisations.models import ExportJob
from organisations.roles import Capability


@organisation_view(Capability.EXPORT_DATA)
def data_export(request):
    if request.method == "POST":
        job = exports.request_export(request.membership, ExportJob.Kind.ARCHIVE)
        return redirect("organisations:export_detail", request.organisation.slug, job.pk)
    earlier = exports.for_person(request.organisation, request.user).filter(kind=ExportJob.Kind.ARCHIVE)[:5]
    return render(request, "organisations/data_export.html", {"earlier": earlier})


def _own_job(request, pk) -> ExportJob:
    job = get_object_or_404(exports.for_person(request.organisation, request.user), pk=pk)
    if not exports.may_have(job, request.membership):
        raise PermissionDenied("Your role no longer allows this download")
    return job


@organisation_view()
def export_detail(request, pk):
    return render(request, "organisations/export_detail.html", {"job": _own_job(request, pk)})


@organisation_view()
def export_download(request, pk):
    job = _own_job(request, pk)
    if job.status != ExportJob.Status.READY or not job.file or not job.file.storage.exists(job.file.name):
        raise Http404("This file is not ready, or has been deleted")
    content_type = "application/zip" if job.kind == ExportJob.Kind.ARCHIVE else (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )  # fmt: skip
    response = FileResponse(job.file.open("rb"), as_attachment=True, filename=job.file_name, content_type=content_type)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
