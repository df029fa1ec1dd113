"""Training pages: resources and their quality-marker evaluations, sessions with attendance and surveys, staff
training records with a CSV import, and coverage."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from common.charts import line_over_time
from common.uploads import private_download
from organisations.access import organisation_view
from organisations.roles import Capability
from training import checklists, content, selectors, services
from training.forms import AttendanceForm, EvaluationForm, RecordImportForm, ResourceForm, SessionForm, SurveyForm
from training.models import MarkerEvidenceFile, QualityEvaluation, TrainingRecord, TrainingResource, TrainingSession


@organisation_view(Capability.VIEW_TRAINING, post=Capability.MANAGE_TRAINING)
def resource_list(request):
    form = ResourceForm(request.POST or None, organisation=request.organisation)
    if request.method == "POST" and form.is_valid():
        resource = form.save()
        messages.success(request, f"'{resource}' added")
        return redirect("training:resource", request.organisation.slug, resource.pk)
    resources = TrainingResource.objects.for_organisation(request.organisation).prefetch_related("evaluations")
    rows = []
    for resource in resources:
        done = [e for e in resource.evaluations.all() if e.is_complete]
        latest = max(done, key=lambda e: e.completed_at) if done else None
        rows.append({"resource": resource, "latest": latest,
                     "results": selectors.evaluation_results(latest) if latest else None})  # fmt: skip
    return render(request, "training/resources.html", {"rows": rows, "form": form, "can_manage": request.can_post})


def _resource(request, pk):
    return get_object_or_404(TrainingResource.objects.for_organisation(request.organisation), pk=pk)


@organisation_view(Capability.VIEW_TRAINING, post=Capability.MANAGE_TRAINING)
def resource_detail(request, pk):
    resource = _resource(request, pk)
    if request.method == "POST":
        evaluation = services.start_evaluation(resource, request.user)
        return redirect("training:evaluation", request.organisation.slug, evaluation.pk)
    evaluations = resource.evaluations.select_related("evaluator")
    context = {"resource": resource, "evaluations": evaluations, "can_manage": request.can_post}
    return render(request, "training/resource.html", context)


def _evaluation(request, pk):
    return get_object_or_404(
        QualityEvaluation.objects.for_organisation(request.organisation).select_related("resource"), pk=pk
    )


@organisation_view(Capability.MANAGE_TRAINING)
def evaluation_edit(request, pk):
    evaluation = _evaluation(request, pk)
    if evaluation.is_complete:
        return redirect("training:evaluation_results", request.organisation.slug, pk)
    ratings = list(evaluation.ratings.prefetch_related("files"))
    checklist = checklists.for_version(evaluation.checklist_version)
    form = EvaluationForm(request.POST or None, request.FILES or None, ratings=ratings, markers=checklist.markers)
    problems = []
    if request.method == "POST" and form.is_valid():
        services.save_ratings(evaluation, form.answers(), form.uploads)
        if "complete" not in request.POST:
            messages.success(request, "Evaluation saved as a draft")
            return redirect("training:evaluation", request.organisation.slug, pk)
        try:
            services.complete_evaluation(evaluation)
        except ValidationError:
            problems = services.completion_problems(evaluation)
            form = EvaluationForm(ratings=list(evaluation.ratings.prefetch_related("files")), markers=checklist.markers)
        else:
            messages.success(request, "Evaluation complete. It is now read-only.")
            return redirect("training:evaluation_results", request.organisation.slug, pk)
    context = {
        "evaluation": evaluation,
        "form": form,
        "problems": problems,
        "content": content,
        "checklist": checklist,
    }
    return render(request, "training/evaluation.html", context, status=400 if problems else 200)


@organisation_view(Capability.VIEW_TRAINING)
def evaluation_results(request, pk):
    evaluation = _evaluation(request, pk)
    if not evaluation.is_complete:
        return redirect("training:evaluation", request.organisation.slug, pk)
    context = {
        "evaluation": evaluation,
        "results": selectors.evaluation_results(evaluation),
        "comparison": selectors.compare_with_previous(evaluation),
        "evidence_files": MarkerEvidenceFile.objects.filter(rating__evaluation=evaluation),
        "content": content,
        "checklist": checklists.for_version(evaluation.checklist_version),
    }
    return render(request, "training/evaluation_results.html", context)


@organisation_view(Capability.VIEW_TRAINING, post=Capability.MANAGE_TRAINING)
def session_list(request):
    form = SessionForm(request.POST or None, organisation=request.organisation)
    if request.method == "POST" and form.is_valid():
        form.instance.organisation = request.organisation
        session = form.save()
        messages.success(request, "Session added: now record who attended")
        return redirect("training:session", request.organisation.slug, session.pk)
    sessions = TrainingSession.objects.for_organisation(request.organisation).select_related("resource", "team")
    return render(
        request, "training/sessions.html", {"sessions": sessions, "form": form, "can_manage": request.can_post}
    )


def _session(request, pk):
    return get_object_or_404(
        TrainingSession.objects.for_organisation(request.organisation).select_related("resource", "trainer"), pk=pk
    )


@organisation_view(Capability.VIEW_TRAINING, post=Capability.MANAGE_TRAINING)
def session_detail(request, pk):
    session = _session(request, pk)
    others = "\n".join(person.staff_number or person.email for person in session.roster_attendees.all())
    form = AttendanceForm(
        request.POST or None, organisation=request.organisation, session=session,
        initial={"attendees": session.attendees.all(), "others": others},
    )  # fmt: skip
    if request.method == "POST" and form.is_valid():
        added = services.set_attendance(session, form.cleaned_data["attendees"], form.cleaned_data["others"])
        messages.success(request, f"Attendance saved; {added} new training record{'s' if added != 1 else ''}")
        return redirect("training:session", request.organisation.slug, pk)
    survey_urls = {
        stage: request.build_absolute_uri(reverse("training:survey", args=[request.organisation.slug, pk, stage]))
        for stage in ("pre", "post")
    }
    context = {
        "session": session,
        "form": form,
        "results": selectors.survey_results(session),
        "survey_urls": survey_urls,
        "can_manage": request.can_post,
    }
    return render(request, "training/session.html", context)


@organisation_view(Capability.MANAGE_TRAINING)
@require_POST
def survey_cards(request, pk):
    """New answer cards, shown once on the page this POST returns: print them or send each link to one attendee."""
    session = _session(request, pk)
    try:
        count = int(request.POST.get("count", ""))
        codes = services.make_cards(session, count)
    except (ValueError, ValidationError):
        messages.error(request, f"Enter how many answer cards to make, from 1 to {services.MAX_CARDS}")
        return redirect("training:session", request.organisation.slug, pk)
    links = [request.build_absolute_uri(reverse("survey_card", args=[code, "pre"])) for code in codes]
    return render(request, "training/survey_cards.html", {"session": session, "links": links})


def survey_by_card(request, code, stage):
    """An attendee answers from an answer card's link, without signing in; the card allows one answer each stage."""
    card = services.card_for(code)
    if card is None or stage not in ("pre", "post"):
        raise Http404("No such answer card")
    session = card.session
    form = SurveyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.submit_by_card(card, stage, form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            after = reverse("survey_card", args=[code, "post"]) if stage == "pre" else None
            return render(request, "training/survey_thanks.html", {"session": session, "stage": stage, "after": after})
    context = {"session": session, "stage": stage, "form": form, "anonymous": True}
    return render(request, "training/survey.html", context)


@organisation_view()
def survey(request, pk, stage):
    """Any member answers from a link on their phone; the answers are stored under a pseudonymous key."""
    session = _session(request, pk)
    if stage not in ("pre", "post"):
        raise Http404("No such survey")
    form = SurveyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.submit_survey(session, request.user, stage, form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return render(request, "training/survey_thanks.html", {"session": session, "stage": stage})
    return render(request, "training/survey.html", {"session": session, "stage": stage, "form": form})


@organisation_view(Capability.VIEW_TRAINING, post=Capability.MANAGE_TRAINING)
def records(request):
    form = RecordImportForm(request.POST or None, request.FILES or None)
    outcome = None
    if request.method == "POST" and form.is_valid():
        try:
            outcome = services.import_records(request.organisation, form.cleaned_data["file"])
        except ValidationError as error:
            form.add_error("file", error)
    rows = TrainingRecord.objects.for_organisation(request.organisation).select_related(
        "membership__user", "membership__team", "staff_member__team", "resource"
    )[:200]
    context = {"records": rows, "form": form, "outcome": outcome, "can_manage": request.can_post}
    return render(request, "training/records.html", context)


@organisation_view(Capability.VIEW_TRAINING)
def coverage(request):
    today = timezone.localdate()
    trained, staff = selectors.coverage(request.organisation, today)
    history = selectors.coverage_over_time(request.organisation, 12, today)
    chart = None
    if any(value is not None for _, value in history):
        chart = line_over_time(
            [day.strftime("%b %y") for day, _ in history],
            [value or 0 for _, value in history],
            "Is training coverage rising? Frontline staff trained (%) at the end of each month",
        )
    context = {
        "trained": trained,
        "staff": staff,
        "percent": selectors.percent(trained, staff),
        "teams": selectors.coverage_by_team(request.organisation, today),
        "history": history,
        "chart": chart,
    }
    return render(request, "training/coverage.html", context)


@organisation_view(Capability.VIEW_TRAINING)
def evidence_download(request, pk):
    evidence = get_object_or_404(MarkerEvidenceFile.objects.for_organisation(request.organisation), pk=pk)
    return private_download(evidence)
