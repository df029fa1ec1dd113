"""The Open Referral UK feed (public, read-only, JSON) and the directory's page for publishing and importing one."""

from django.contrib import messages
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from contacts import openreferral
from contacts.forms import DirectoryImportForm, PublishDirectoryForm
from organisations.access import organisation_view
from organisations.models import Organisation
from organisations.roles import Capability


def _feed(slug: str) -> Organisation:
    organisation = Organisation.objects.filter(slug=slug, publishes_directory=True).first()
    if organisation is None:
        raise Http404("No Open Referral UK feed here")
    return organisation


def _json(data, status=200) -> JsonResponse:
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"  # the UK profile's compliance rules ask for open CORS
    return response


@require_GET
def feed_root(request, slug):
    _feed(slug)
    return _json({"version": openreferral.VERSION, "profile": openreferral.PROFILE,
                  "openapi_url": openreferral.OPENAPI_URL})  # fmt: skip


@require_GET
def feed_services(request, slug):
    organisation = _feed(slug)
    try:
        number = int(request.GET.get("page", 1))
        size = int(request.GET.get("per_page", openreferral.PER_PAGE))
    except ValueError:
        return _json({"error": "page and per_page are whole numbers"}, status=400)
    if number < 1 or not 1 <= size <= openreferral.MAX_PER_PAGE:
        return _json({"error": f"page from 1; per_page from 1 to {openreferral.MAX_PER_PAGE}"}, status=400)
    services = openreferral.filtered(
        openreferral.published(organisation),
        search=request.GET.get("search", "").strip()[:100],
        taxonomy_term_id=request.GET.get("taxonomy_term_id", ""),
        taxonomy_id=request.GET.get("taxonomy_id", ""),
    )
    return _json(openreferral.page(services, number, size))


@require_GET
def feed_service(request, slug, service_id):
    service = openreferral.find(_feed(slug), service_id)
    if service is None:
        raise Http404("No such service in this feed")
    return _json(openreferral.full(service))


@organisation_view(Capability.MANAGE_DIRECTORY)
def directory_feed(request):
    """Publish the shared entries as a feed (or stop), and import a feed saved to disk."""
    organisation = request.organisation
    publish = PublishDirectoryForm(
        request.POST if "save_publishing" in request.POST else None,
        initial={"publish": organisation.publishes_directory},
    )
    upload = DirectoryImportForm(
        request.POST if "import" in request.POST else None, request.FILES if "import" in request.POST else None
    )
    outcome = None
    if publish.is_bound and publish.is_valid():
        organisation.publishes_directory = publish.cleaned_data["publish"]
        organisation.save(update_fields=["publishes_directory"])
        messages.success(request, "Feed published" if organisation.publishes_directory else "Feed no longer published")
        return redirect("contacts:directory_feed", organisation.slug)
    if upload.is_bound and upload.is_valid():
        file = upload.cleaned_data["file"]
        try:
            services = openreferral.read_feed(file)
        except openreferral.FeedProblem as error:
            upload.add_error("file", str(error))
        else:
            origin = upload.cleaned_data["origin"] or file.name
            outcome = openreferral.import_feed(organisation, services, origin[:200])
    feed_url = request.build_absolute_uri(reverse("openreferral_root", args=[organisation.slug]))
    context = {"publish": publish, "upload": upload, "outcome": outcome, "feed_url": feed_url}
    return render(request, "contacts/directory_feed.html", context)
