"""The Individual and Team Skills Assessment pages: a member rates their own skills; the team and organisation
profiles show everyone's latest answers, never one person's."""

from django.contrib import messages
from django.shortcuts import redirect, render

from common.suppression import SMALL_NUMBER
from organisations.access import organisation_view
from organisations.models import Team
from organisations.roles import Capability
from training import content, skills
from training.forms import SkillsForm


@organisation_view(Capability.ASSESS_OWN_SKILLS)
def own_skills(request):
    form = SkillsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        skills.record(request.membership, form.ratings())
        messages.success(request, "Your skills self-assessment is saved. Only you see your answers.")
        return redirect("training:skills", request.organisation.slug)
    latest = skills.latest_own(request.membership)
    rows = []
    if latest:
        rows = [
            {"name": name, **{aspect: latest.ratings.get(code, {}).get(aspect) for aspect, _ in content.SKILL_ASPECTS}}
            for code, name, _ in content.SKILL_STAGES
        ]
    context = {
        "form": form,
        "latest": latest,
        "rows": rows,
        "source": content.SKILL_SOURCE,
        "need_at_most": content.DEVELOPMENT_NEED_AT_MOST,
        "can_see_profiles": request.membership.can(Capability.VIEW_TRAINING),
    }
    return render(request, "training/skills.html", context, status=400 if form.errors else 200)


@organisation_view(Capability.VIEW_TRAINING)
def skills_profile(request):
    organisation, membership = request.organisation, request.membership
    if membership.sees_only_own_team():
        profiles = [(membership.team.name, skills.profile(organisation, membership.team))]
    elif membership.has_no_team_to_see():
        profiles = []
    else:
        profiles = [("Whole organisation", skills.profile(organisation))] + [
            (team.name, skills.profile(organisation, team)) for team in Team.objects.for_organisation(organisation)
        ]
    context = {
        "profiles": profiles,
        "small_number": SMALL_NUMBER,
        "need_at_most": content.DEVELOPMENT_NEED_AT_MOST,
        "source": content.SKILL_SOURCE,
    }
    return render(request, "training/skills_profile.html", context)
