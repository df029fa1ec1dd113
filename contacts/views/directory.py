"""The signposting service directory: search it, and (for leads and admins) add and maintain entries."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django_tables2 import RequestConfig

from contacts.filters import ServiceFilter
from contacts.forms import ServiceForm
from contacts.models import Service
from contacts.selectors import directory_for, with_signposting_counts
from contacts.tables import ServiceTable
from organisations.access import organisation_view
from organisations.roles import Capability


@organisation_view(Capability.VIEW_DIRECTORY)
def service_list(request):
    services = with_signposting_counts(directory_for(request.organisation), request.organisation)
    service_filter = ServiceFilter(request.GET, queryset=services)
    can_manage = request.membership.can(Capability.MANAGE_DIRECTORY)
    table = ServiceTable(
        service_filter.qs, organisation=request.organisation, can_manage=can_manage, attrs={"id": "services"}
    )
    RequestConfig(request, paginate={"per_page": 50}).configure(table)
    context = {"table": table, "filter": service_filter, "can_manage": can_manage}
    return render(request, "contacts/service_list.html", context)


@organisation_view(Capability.MANAGE_DIRECTORY)
def service_create(request):
    form = ServiceForm(request.POST or None, organisation=request.organisation)
    if request.method == "POST" and form.is_valid():
        service = form.save()
        messages.success(request, f"'{service}' added to your directory")
        return redirect("contacts:services", request.organisation.slug)
    return render(request, "contacts/service_form.html", {"form": form, "service": None})


@organisation_view(Capability.MANAGE_DIRECTORY)
def service_edit(request, pk):
    service = get_object_or_404(Service.objects.for_organisation(request.organisation), pk=pk)
    form = ServiceForm(request.POST or None, instance=service, organisation=request.organisation)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"'{service}' saved and marked as reviewed today")
        return redirect("contacts:services", request.organisation.slug)
    return render(request, "contacts/service_form.html", {"form": form, "service": service})
