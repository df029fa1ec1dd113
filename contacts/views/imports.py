"""Bulk import of paper contact forms: upload, progress and the accepted and rejected rows."""

import hashlib

from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from common import queue
from contacts import imports
from contacts.forms import ImportForm
from contacts.models import ConversationImport
from contacts.tasks import run_conversation_import
from organisations.access import organisation_view
from organisations.roles import Capability


@organisation_view(Capability.IMPORT_CONVERSATIONS)
def import_start(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > imports.MAX_BYTES:
            form.add_error("file", "The file is larger than 20 MB. Split it into smaller files.")
        else:
            job = _queue(request, upload, form.cleaned_data["mode"])
            return redirect("contacts:import_detail", request.organisation.slug, job.pk)
    jobs = ConversationImport.objects.for_organisation(request.organisation)[:10]
    return render(request, "contacts/import_start.html", {"form": form, "jobs": jobs})


def _queue(request, upload, mode):
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    with transaction.atomic():
        job = ConversationImport.objects.create(
            organisation=request.organisation,
            uploaded_by=request.user,
            file=upload,
            original_name=upload.name[:200],
            sha256=digest.hexdigest(),
            mode=mode,
        )
        transaction.on_commit(lambda: _send(job))
    return job


def _send(job):
    if not queue.send(run_conversation_import, job.pk):
        job.status = ConversationImport.Status.FAILED
        job.message = "The file was not checked: the task queue is unavailable. Upload it again in a few minutes."
        job.save(update_fields=["status", "message"])


@organisation_view(Capability.IMPORT_CONVERSATIONS)
def import_detail(request, pk):
    job = get_object_or_404(ConversationImport.objects.for_organisation(request.organisation), pk=pk)
    page = Paginator(job.rejected, 50).get_page(request.GET.get("page"))
    return render(request, "contacts/import_detail.html", {"job": job, "rejected_page": page})


@organisation_view(Capability.IMPORT_CONVERSATIONS)
def import_template(request):
    response = HttpResponse(imports.template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="mecc-conversations-template.csv"'
    return response
