"""The resource library: the toolkit's section 7 tools and the national resources, described in their sources'
words, beside the organisation's own files and links."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from common.uploads import private_download
from implementation import content, services
from implementation.forms import LibraryItemForm
from implementation.models import LibraryFile, LibraryItem
from organisations.access import organisation_view
from organisations.roles import Capability


@organisation_view(Capability.VIEW_LIBRARY, post=Capability.MANAGE_LIBRARY)
def library(request):
    organisation = request.organisation
    form = LibraryItemForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        item = services.add_library_item(
            organisation, title=data["title"], description=data["description"], entry=data["entry"],
            link=data["link"], upload=data["upload"] or None, content_type=form.content_type, added_by=request.user,
        )  # fmt: skip
        messages.success(request, f"'{item.title}' added to the library")
        return redirect("implementation:library", organisation.slug)
    own = list(LibraryItem.objects.for_organisation(organisation).select_related("file", "added_by"))
    versions = {}
    for item in own:
        if item.entry:
            versions.setdefault(item.entry, []).append(item)
    groups = [
        (label, [{"entry": e, "versions": versions.get(e.code, [])} for e in content.LIBRARY if e.group == group])
        for group, label in content.LIBRARY_GROUPS
    ]
    context = {
        "groups": groups,
        "own": [item for item in own if not item.entry],
        "form": form,
        "can_manage": request.can_post,
    }
    return render(request, "implementation/library.html", context, status=400 if form.errors else 200)


@organisation_view(Capability.VIEW_LIBRARY)
def library_download(request, pk):
    return private_download(get_object_or_404(LibraryFile.objects.for_organisation(request.organisation), item_id=pk))


@organisation_view(Capability.MANAGE_LIBRARY)
@require_POST
def library_remove(request, pk):
    item = get_object_or_404(LibraryItem.objects.for_organisation(request.organisation), pk=pk)
    services.remove_library_item(item)
    messages.success(request, f"'{item.title}' removed from the library")
    return redirect("implementation:library", request.organisation.slug)
