"""Members and teams of an organisation, managed by its organisation admins."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST
from django_tables2 import RequestConfig

from organisations import services
from organisations.access import organisation_view
from organisations.filters import MembershipFilter
from organisations.forms import MembershipForm, TeamForm
from organisations.models import Membership, Team
from organisations.roles import Capability
from organisations.tables import MembershipTable, TeamTable


@organisation_view(Capability.VIEW_MEMBERS)
def member_list(request):
    members = Membership.objects.for_organisation(request.organisation).select_related("user", "team", "organisation")
    member_filter = MembershipFilter(request.GET, queryset=members, organisation=request.organisation)
    table = MembershipTable(
        member_filter.qs, can_manage=request.membership.can(Capability.MANAGE_MEMBERS), attrs={"id": "members"}
    )
    RequestConfig(request, paginate={"per_page": 50}).configure(table)
    return render(request, "organisations/member_list.html", {"table": table, "filter": member_filter})


def _member(request, pk):
    return get_object_or_404(
        Membership.objects.for_organisation(request.organisation).select_related("user", "organisation"), pk=pk
    )


@organisation_view(Capability.MANAGE_MEMBERS)
def member_edit(request, pk):
    member = _member(request, pk)
    form = MembershipForm(request.POST or None, instance=member)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_membership(member, role=form.cleaned_data["role"], team=form.cleaned_data["team"])
        except ValidationError as error:
            form.add_error("role", error)
        else:
            messages.success(request, f"{member.user} is now {member.get_role_display()}")
            return redirect("organisations:members", request.organisation.slug)
    return render(request, "organisations/member_edit.html", {"form": form, "member": member})


@organisation_view(Capability.MANAGE_MEMBERS)
@require_POST
def member_set_active(request, pk):
    member = _member(request, pk)
    active = request.POST.get("active") == "true"
    if not active and request.POST.get("confirmed") != "yes":  # ending someone's access is confirmed first
        return render(request, "organisations/member_deactivate.html", {"member": member})
    try:
        services.set_membership_active(member, active)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect("organisations:member_edit", request.organisation.slug, member.pk)
    messages.success(request, f"{member.user} has been {'reactivated' if active else 'deactivated'}")
    return redirect("organisations:members", request.organisation.slug)


@organisation_view(Capability.VIEW_MEMBERS, post=Capability.MANAGE_MEMBERS)
def team_list(request):
    can_manage = request.can_post
    form = TeamForm(request.POST or None, organisation=request.organisation)
    if request.method == "POST" and form.is_valid():
        team = form.save()
        messages.success(request, f"Team '{team}' added")
        return redirect("organisations:teams", request.organisation.slug)
    teams = (
        Team.objects.for_organisation(request.organisation)
        .select_related("organisation")
        .annotate(members=Count("memberships", filter=Q(memberships__is_active=True)))
    )
    table = TeamTable(teams, can_manage=can_manage, attrs={"id": "teams"})
    RequestConfig(request, paginate={"per_page": 50}).configure(table)
    return render(request, "organisations/team_list.html", {"table": table, "form": form, "can_manage": can_manage})


@organisation_view(Capability.MANAGE_MEMBERS)
def team_edit(request, pk):
    team = get_object_or_404(Team.objects.for_organisation(request.organisation), pk=pk)
    form = TeamForm(request.POST or None, instance=team, organisation=request.organisation)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"Team '{team}' saved")
        return redirect("organisations:teams", request.organisation.slug)
    return render(request, "organisations/team_edit.html", {"form": form, "team": team})
