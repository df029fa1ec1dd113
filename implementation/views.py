"""Implementation pages: the checklist and its items (with evidence files and history), SMART objectives, and the
team roll-out schedule and plans."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from assessment.selectors import latest_complete
from common.uploads import private_download
from implementation import content, selectors, services
from implementation.forms import (
    BarrierForm,
    ChecklistItemForm,
    EvidenceFileForm,
    LocalActionForm,
    ObjectiveForm,
    TeamPlanForm,
    TeamPriorityForm,
)
from implementation.models import ChecklistItem, EvidenceFile, Objective, TeamPlan, TeamPriority
from implementation.programme import programme_overview
from implementation.suggestions import accept, suggestions
from organisations.access import deny_unless, organisation_view
from organisations.models import Team
from organisations.roles import Capability


@organisation_view(Capability.VIEW_CHECKLIST, post=Capability.EDIT_CHECKLIST)
def checklist(request):
    organisation = request.organisation
    can_edit = request.can_post
    form = LocalActionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.add_local_action(organisation, changed_by=request.user, **form.cleaned_data)
        messages.success(request, f"Local action '{form.cleaned_data['title']}' added")
        return redirect("implementation:checklist", organisation.slug)
    items = list(selectors.visible_items(organisation))
    said = suggestions(organisation, items)
    for item in items:
        item.data_shows = said.get(item.pk, "")
    phases = [
        {"number": n, "name": name, "summary": summary, "items": [i for i in items if i.phase == n]}
        for n, name, summary in content.PHASES
    ]
    context = {
        "overview": selectors.overview(organisation),
        "phases": phases,
        "form": form,
        "can_edit": can_edit,
        "source": content.SOURCE,
        "source_note": content.SOURCE_NOTE,
        "baseline_phase": content.BASELINE_PHASE,
        "baseline": latest_complete([organisation.pk]).get(organisation.pk),
        "can_view_assessment": request.membership.can(Capability.VIEW_ASSESSMENT),
    }
    return render(request, "implementation/checklist.html", context)


def _item(request, pk):
    return get_object_or_404(
        ChecklistItem.objects.for_organisation(request.organisation).select_related("owner", "organisation"), pk=pk
    )


@organisation_view(Capability.VIEW_CHECKLIST, post=Capability.EDIT_CHECKLIST)
def item_detail(request, pk):
    item = _item(request, pk)
    can_edit = request.can_post
    form = ChecklistItemForm(request.POST or None, instance=item)
    # One form for the edits and a file: choosing a file first no longer loses the status, owner, date and
    # evidence typed above it (walkthrough bug 2).
    file_form = EvidenceFileForm(request.POST or None, request.FILES or None, required=False)
    if request.method == "POST":
        if form.is_valid() and file_form.is_valid():
            upload = file_form.cleaned_data["file"]
            services.save_action(item, changes=form.changes(), upload=upload, changed_by=request.user,
                                 content_type=getattr(file_form, "content_type", ""))  # fmt: skip
            added = f" with {upload.name} as evidence" if upload else ""
            messages.success(request, f"'{item.title}' saved{added}")
            return redirect("implementation:item", request.organisation.slug, item.pk)
        item.refresh_from_db()  # the page shows what is saved, beside the form's rejected values
    context = {
        "item": item,
        "form": form,
        "file_form": file_form,
        "can_edit": can_edit,
        "linked": selectors.linked_records(item, request.membership),
        "data_shows": suggestions(request.organisation, [item]).get(item.pk, ""),
        "contingency_steps": content.CONTINGENCY_STEPS if item.code == content.CONTINGENCY else (),
        "changes": item.changes.select_related("changed_by")[:50],
    }
    return render(request, "implementation/item.html", context)


@organisation_view(Capability.EDIT_CHECKLIST)
@require_POST
def item_accept(request, pk):
    """The lead accepts what the data shows and the action becomes achieved; without a suggestion, nothing happens."""
    item = _item(request, pk)
    said = suggestions(request.organisation, [item]).get(item.pk)
    if said:
        accept(item, said, changed_by=request.user)
        messages.success(request, f"'{item.title}' marked achieved: {said}")
    return redirect("implementation:item", request.organisation.slug, item.pk)


@organisation_view(Capability.EDIT_CHECKLIST)
@require_POST
def item_upload(request, pk):
    item = _item(request, pk)
    form = EvidenceFileForm(request.POST, request.FILES)
    if form.is_valid():
        services.add_evidence_file(
            item, form.cleaned_data["file"], content_type=form.content_type, uploaded_by=request.user
        )
        messages.success(request, f"{form.cleaned_data['file'].name} added as evidence")
        return redirect("implementation:item", request.organisation.slug, item.pk)
    context = {
        "item": item,
        "form": ChecklistItemForm(instance=item),
        "file_form": form,
        "can_edit": True,
        "linked": selectors.linked_records(item, request.membership),
        "contingency_steps": content.CONTINGENCY_STEPS if item.code == content.CONTINGENCY else (),
        "changes": item.changes.select_related("changed_by")[:50],
    }
    return render(request, "implementation/item.html", context, status=400)


@organisation_view(Capability.VIEW_CHECKLIST)
def evidence_download(request, pk):
    evidence = get_object_or_404(EvidenceFile.objects.for_organisation(request.organisation), pk=pk)
    return private_download(evidence)


@organisation_view(Capability.VIEW_CHECKLIST, post=Capability.EDIT_CHECKLIST)
def objective_list(request):
    organisation = request.organisation
    can_edit = request.can_post
    form = ObjectiveForm(request.POST or None, organisation=organisation, initial=_example(request.GET.get("example")))
    if request.method == "POST" and form.is_valid():
        form.instance.organisation = organisation
        form.save()
        messages.success(request, "Objective added")
        return redirect("implementation:objectives", organisation.slug)
    objectives = Objective.objects.for_organisation(organisation).select_related("owner", "signed_off_by")
    rows = [{"objective": o, "progress": selectors.objective_progress(o)} for o in objectives]
    context = {
        "rows": rows,
        "form": form,
        "can_edit": can_edit,
        "can_sign_off": request.membership.can(Capability.SIGN_OFF_OBJECTIVES),
        "examples": [
            (label, [(f"{term}-{index}", text) for index, (text, _) in enumerate(content.EXAMPLE_OBJECTIVES[term])])
            for term, label in Objective.Term.choices
        ],
        "source": content.SOURCE,
    }
    return render(request, "implementation/objectives.html", context)


def _example(choice: str | None) -> dict:
    """The form's starting values for one of the guide's example objectives, chosen as "<term>-<index>"."""
    term, _, index = (choice or "").partition("-")
    examples = content.EXAMPLE_OBJECTIVES.get(term, ())
    if not index.isdigit() or int(index) >= len(examples):
        return {}
    statement, area = examples[int(index)]
    return {"term": term, "statement": statement, "area": area}


@organisation_view(Capability.EDIT_CHECKLIST)
def objective_edit(request, pk):
    objective = get_object_or_404(Objective.objects.for_organisation(request.organisation), pk=pk)
    form = ObjectiveForm(request.POST or None, instance=objective, organisation=request.organisation)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Objective saved")
        return redirect("implementation:objectives", request.organisation.slug)
    return render(request, "implementation/objective_edit.html", {"form": form, "objective": objective})


@organisation_view(Capability.SIGN_OFF_OBJECTIVES)
@require_POST
def objective_sign_off(request, pk):
    objective = get_object_or_404(Objective.objects.for_organisation(request.organisation), pk=pk)
    services.sign_off(objective, request.user)
    messages.success(request, "Objective signed off")
    return redirect("implementation:objectives", request.organisation.slug)


@organisation_view(Capability.VIEW_CHECKLIST)
def rollout(request):
    teams = Team.objects.for_organisation(request.organisation)
    priorities = {p.team_id: p for p in TeamPriority.objects.for_organisation(request.organisation)}
    plans = {p.team_id: p for p in TeamPlan.objects.for_organisation(request.organisation)}
    rows = [{"team": t, "priority": priorities.get(t.pk), "plan": plans.get(t.pk)} for t in teams]
    scored = sorted((r for r in rows if r["priority"]), key=lambda r: (-r["priority"].score, r["team"].name))
    unscored = [r for r in rows if not r["priority"]]
    context = {"scored": scored, "unscored": unscored, "can_edit": request.membership.can(Capability.EDIT_CHECKLIST)}
    return render(request, "implementation/rollout.html", context)


def _team(request, team_pk):
    return get_object_or_404(Team.objects.for_organisation(request.organisation), pk=team_pk)


@organisation_view(Capability.EDIT_CHECKLIST)
def team_priority(request, team_pk):
    team = _team(request, team_pk)
    priority = TeamPriority.objects.filter(team=team).first() or TeamPriority(
        organisation=request.organisation, team=team
    )
    form = TeamPriorityForm(request.POST or None, instance=priority)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"Priority of {team} saved")
        return redirect("implementation:rollout", request.organisation.slug)
    return render(request, "implementation/team_priority.html", {"form": form, "team": team})


@organisation_view(Capability.VIEW_CHECKLIST, post=Capability.EDIT_TEAM_PLANS)
def team_plan(request, team_pk):
    team = _team(request, team_pk)
    plan = TeamPlan.objects.filter(team=team).first()
    can_edit = request.membership.can_edit_plan(team)
    initial = {"monitoring": plan.monitoring, "team_lead": plan.team_lead_id} if plan else {}
    form = TeamPlanForm(request.POST or None, initial=initial, organisation=request.organisation)
    barrier_form = BarrierForm(request.POST or None, prefix="barrier")
    if request.method == "POST":
        deny_unless(can_edit, "A team manager can change only their own team's plan")
        plan = plan or TeamPlan.objects.create(organisation=request.organisation, team=team)
        if "remove_barrier" in request.POST:  # walkthrough 28: a barrier once added could not be taken away
            removed = plan.barriers.filter(pk=request.POST.get("remove_barrier") or 0).delete()[0]
            if removed:
                plan.signed_off_by = plan.signed_off_at = None  # a changed plan needs signing off again
                plan.save(update_fields=["signed_off_by", "signed_off_at"])
                messages.success(request, "Barrier removed. The plan needs signing off again.")
            return redirect("implementation:team_plan", request.organisation.slug, team.pk)
        if "add_barrier" in request.POST:
            if barrier_form.is_valid():
                barrier_form.instance.organisation, barrier_form.instance.plan = request.organisation, plan
                barrier_form.save()
                plan.signed_off_by = plan.signed_off_at = None  # a changed plan needs signing off again
                plan.save(update_fields=["signed_off_by", "signed_off_at"])
                messages.success(request, "Barrier added")
                return redirect("implementation:team_plan", request.organisation.slug, team.pk)
            form = TeamPlanForm(initial=initial, organisation=request.organisation)
        elif form.is_valid():
            plan.monitoring, plan.team_lead = form.cleaned_data["monitoring"], form.cleaned_data["team_lead"]
            plan.signed_off_by = plan.signed_off_at = None  # a changed plan needs signing off again
            plan.save()
            messages.success(request, f"Plan for {team} saved")
            return redirect("implementation:team_plan", request.organisation.slug, team.pk)
    context = {
        "team": team,
        "plan": plan,
        "form": form,
        "barrier_form": barrier_form
        if request.method == "POST" and "add_barrier" in request.POST
        else BarrierForm(prefix="barrier"),
        "can_edit": can_edit,
        "can_sign_off": request.membership.can(Capability.EDIT_CHECKLIST),
    }
    return render(request, "implementation/team_plan.html", context)


@organisation_view(Capability.EDIT_CHECKLIST)
@require_POST
def team_plan_sign_off(request, team_pk):
    plan = get_object_or_404(TeamPlan.objects.for_organisation(request.organisation), team_id=team_pk)
    plan.signed_off_by, plan.signed_off_at = request.user, timezone.now()
    plan.save(update_fields=["signed_off_by", "signed_off_at"])
    messages.success(request, f"Plan for {plan.team} signed off")
    return redirect("implementation:team_plan", request.organisation.slug, team_pk)


@organisation_view(Capability.VIEW_CHECKLIST)
def programme(request):
    """The programme at a glance, framed by the guide's three core components and staff health and wellbeing."""
    today = timezone.localdate()
    context = {
        "areas": programme_overview(request.organisation, request.membership, today),
        "source": content.SOURCE,
        "can_edit": request.membership.can(Capability.EDIT_CHECKLIST),
    }
    return render(request, "implementation/programme.html", context)
