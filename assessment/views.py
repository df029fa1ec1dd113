"""Organisational Assessment Tool pages: history and trend, start, rate one domain at a time, complete, results,
and comparing two assessments."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST
from django_tables2 import RequestConfig

from assessment import content, scoring, services
from assessment.forms import CompareForm, DomainRatingForm, StartAssessmentForm
from assessment.models import Assessment
from assessment.tables import AssessmentTable
from common.charts import line_over_time
from organisations.access import organisation_view
from organisations.roles import Capability

DOMAIN_LABELS = dict(content.DOMAINS)


def _assessment(request, pk):
    return get_object_or_404(
        Assessment.objects.for_organisation(request.organisation).select_related("scheme", "team", "organisation"),
        pk=pk,
    )


@organisation_view(Capability.VIEW_ASSESSMENT)
def assessment_list(request):
    assessments = Assessment.objects.for_organisation(request.organisation).select_related("team", "organisation")
    table = AssessmentTable(assessments, attrs={"id": "assessments"})
    RequestConfig(request, paginate={"per_page": 25}).configure(table)
    completed = [
        {"assessment": a, "result": scoring.score(a)}
        for a in assessments.order_by("completed_at")
        if a.is_complete and a.team_id is None
    ]
    trend = None
    if len(completed) > 1:
        trend = line_over_time(
            [row["assessment"].completed_at.strftime("%b %Y") for row in completed],
            [row["result"].strong for row in completed],
            "Is readiness improving? Factors rated A or B in each organisation-wide assessment",
        )
    context = {
        "table": table,
        "trend": trend,
        "trend_rows": completed,
        "compare_form": CompareForm(organisation=request.organisation),
        "can_run": request.membership.can(Capability.RUN_ASSESSMENT),
    }
    return render(request, "assessment/list.html", context)


@organisation_view(Capability.RUN_ASSESSMENT)
def assessment_start(request):
    form = StartAssessmentForm(request.POST or None, organisation=request.organisation)
    if request.method == "POST" and form.is_valid():
        try:
            assessment = services.start_assessment(
                organisation=request.organisation, started_by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("assessment:domain", request.organisation.slug, assessment.pk, content.DOMAINS[0][0])
    return render(request, "assessment/start.html", {"form": form})


@organisation_view(Capability.VIEW_ASSESSMENT)
def assessment_detail(request, pk):
    assessment = _assessment(request, pk)
    if assessment.is_complete:
        return redirect("assessment:results", request.organisation.slug, pk)
    result = scoring.score(assessment)
    progress = [
        {
            "code": code,
            "label": label,
            "rated": sum(1 for f in result.factors if f.factor.domain == code and f.level),
            "count": sum(1 for f in result.factors if f.factor.domain == code),
        }
        for code, label in content.DOMAINS
    ]
    missing = [f for f in result.factors if f.level is None] if request.GET.get("incomplete") else []
    context = {
        "assessment": assessment,
        "result": result,
        "progress": progress,
        "missing": missing,
        "can_run": request.membership.can(Capability.RUN_ASSESSMENT),
    }
    return render(request, "assessment/detail.html", context)


@organisation_view(Capability.RUN_ASSESSMENT)
def assessment_domain(request, pk, domain):
    assessment = _assessment(request, pk)
    if domain not in DOMAIN_LABELS:
        raise Http404("No such domain")
    if assessment.is_complete:
        messages.info(request, "This assessment is complete and read-only. Start a new one to change ratings.")
        return redirect("assessment:results", request.organisation.slug, pk)
    ratings = list(
        assessment.ratings.filter(factor__domain=domain)
        .select_related("factor", "level")
        .prefetch_related("factor__levels")
    )
    form = DomainRatingForm(request.POST or None, ratings=ratings)
    if request.method == "POST" and form.is_valid():
        services.save_ratings(assessment, form.ratings_to_save())
        next_domain = _next_domain(domain)
        if "continue" in request.POST and next_domain:
            return redirect("assessment:domain", request.organisation.slug, pk, next_domain)
        messages.success(request, f"{DOMAIN_LABELS[domain]} ratings saved")
        return redirect("assessment:detail", request.organisation.slug, pk)
    context = {
        "assessment": assessment,
        "form": form,
        "domain": domain,
        "domain_label": DOMAIN_LABELS[domain],
        "next_domain": _next_domain(domain),
        "domains": content.DOMAINS,
    }
    return render(request, "assessment/domain.html", context)


def _next_domain(domain):
    codes = [code for code, _ in content.DOMAINS]
    index = codes.index(domain)
    return codes[index + 1] if index + 1 < len(codes) else None


@organisation_view(Capability.RUN_ASSESSMENT)
def assessment_check(request, pk):
    """Check your answers before the one step that cannot be undone; an unrated factor sends you back to rate it."""
    assessment = _assessment(request, pk)
    if assessment.is_complete:
        return redirect("assessment:results", request.organisation.slug, pk)
    result = scoring.score(assessment)
    if result.rated < len(result.factors):
        return redirect(reverse("assessment:detail", args=[request.organisation.slug, pk]) + "?incomplete=1")
    return render(request, "assessment/check.html", {"assessment": assessment, "result": result})


@organisation_view(Capability.RUN_ASSESSMENT)
@require_POST
def assessment_complete(request, pk):
    assessment = _assessment(request, pk)
    try:
        services.complete_assessment(assessment, request.user)
    except ValidationError:
        # The overview lists each factor still to rate, in an error summary linking to it.
        return redirect(reverse("assessment:detail", args=[request.organisation.slug, pk]) + "?incomplete=1")
    messages.success(request, "Assessment complete. It is now read-only.")
    return redirect("assessment:results", request.organisation.slug, pk)


@organisation_view(Capability.VIEW_ASSESSMENT)
def assessment_results(request, pk):
    assessment = _assessment(request, pk)
    if not assessment.is_complete:
        return redirect("assessment:detail", request.organisation.slug, pk)
    return render(request, "assessment/results.html", {"assessment": assessment, "result": scoring.score(assessment)})


@organisation_view(Capability.VIEW_ASSESSMENT)
def assessment_compare(request):
    form = CompareForm(request.GET or None, organisation=request.organisation)
    comparison = None
    if form.is_bound and form.is_valid():
        first, second = scoring.score(form.cleaned_data["first"]), scoring.score(form.cleaned_data["second"])
        comparison = {
            "first": form.cleaned_data["first"],
            "second": form.cleaned_data["second"],
            "rows": [
                {"before": a, "after": b, "change": b.rank - a.rank}
                for a, b in zip(first.factors, second.factors, strict=True)
            ],
            "results": (first, second),
        }
    return render(request, "assessment/compare.html", {"form": form, "comparison": comparison})
