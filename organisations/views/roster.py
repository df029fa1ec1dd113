"""The staff roster: who works here, with or without an account; the denominator of coverage (issue 21)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django_tables2 import RequestConfig

from organisations import roster
from organisations.access import organisation_view
from organisations.filters import StaffFilter
from organisations.forms import RosterImportForm, StaffMemberForm
from organisations.models import StaffMember
from organisations.roles import Capability
from organisations.tables import StaffTable


@organisation_view(Capability.VIEW_MEMBERS)
def roster_list(request):
    people = StaffMember.objects.for_organisation(request.organisation).select_related("team", "organisation")
    staff_filter = StaffFilter(request.GET, queryset=people, organisation=request.organisation)
    can_manage = request.membership.can(Capability.MANAGE_ROSTER)
    table = StaffTable(staff_filter.qs, can_manage=can_manage, attrs={"id": "roster"})
    RequestConfig(request, paginate={"per_page": 50}).configure(table)
    today = timezone.localdate()
    in_post = people.in_post_on(today)
    context = {
        "table": table,
        "filter": staff_filter,
        "can_manage": can_manage,
        "in_post": in_post.count(),
        "frontline": in_post.frontline().count(),
    }
    return render(request, "organisations/roster_list.html", context)


@organisation_view(Capability.MANAGE_ROSTER)
def roster_add(request):
    return _edit(request, StaffMember(organisation=request.organisation))


@organisation_view(Capability.MANAGE_ROSTER)
def roster_edit(request, pk):
    return _edit(request, get_object_or_404(StaffMember.objects.for_organisation(request.organisation), pk=pk))


def _edit(request, person):
    form = StaffMemberForm(request.POST or None, instance=person, organisation=request.organisation)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"{person.name} saved on the staff roster")
        return redirect("organisations:roster", request.organisation.slug)
    return render(request, "organisations/roster_edit.html", {"form": form, "person": person})


@organisation_view(Capability.MANAGE_ROSTER)
def roster_import(request):
    form = RosterImportForm(request.POST or None, request.FILES or None)
    outcome = None
    if request.method == "POST" and form.is_valid():
        try:
            outcome = roster.import_roster(request.organisation, form.cleaned_data["file"])
        except ValidationError as error:
            form.add_error("file", error)
        else:
            if outcome.saved:
                messages.success(
                    request,
                    f"Staff roster imported: {outcome.added} added, {outcome.updated} updated, "
                    f"{outcome.unchanged} unchanged",
                )
                return redirect("organisations:roster", request.organisation.slug)
    return render(request, "organisations/roster_import.html", {"form": form, "outcome": outcome})


@organisation_view(Capability.MANAGE_ROSTER)
def roster_template(request):
    response = HttpResponse(roster.template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="staff-roster-template.csv"'
    return response
