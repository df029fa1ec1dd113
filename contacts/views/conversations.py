"""Logging a conversation, the member's own log, and the team/organisation log with its exports."""

import datetime

from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django_tables2 import RequestConfig

from common import periods
from common.pagination import BoundedLazyPaginator
from contacts import exports, selectors, services
from contacts.filters import ConversationFilter
from contacts.forms import ConversationForm
from contacts.models import Conversation, ConversationChange
from contacts.tables import ConversationTable, MyConversationTable
from organisations import exports as organisation_exports
from organisations.access import deny_unless, organisation_view
from organisations.models import ExportJob
from organisations.roles import Capability

COUNTED_UP_TO = 10_000
KEPT_FOR_NEXT = ("setting", "team", "contact_type", "intervention_level")


@organisation_view(Capability.LOG_CONVERSATIONS)
def log_conversation(request):
    organisation, membership = request.organisation, request.membership
    if request.method == "POST":
        form = ConversationForm(request.POST, organisation=organisation, membership=membership)
        if form.is_valid():
            conversation, created = services.record_conversation(
                organisation=organisation,
                recorded_by=request.user,
                data=form.conversation_data(),
                services=form.cleaned_data["services"],
                client_key=form.cleaned_data["client_key"],
            )
            kept = {name: request.POST.get(name, "") for name in KEPT_FOR_NEXT}
            kept.update(saved=conversation.pk, **({} if created else {"again": "1"}))
            url = reverse("contacts:log", args=[organisation.slug])
            # To the confirmation itself: on a phone it is then in view (and focused, with JavaScript), so nobody
            # logs the same conversation twice because the page seemed not to change.
            return HttpResponseRedirect(f"{url}?{urlencode(kept)}#saved")
    else:
        initial = {name: request.GET[name] for name in KEPT_FOR_NEXT if request.GET.get(name)}
        form = ConversationForm(initial=initial, organisation=organisation, membership=membership)
    saved = _just_saved(request)
    context = {"form": form, "saved": saved, "again": request.GET.get("again") == "1",
               "can_undo": saved is not None and saved.editable_by(membership)}  # fmt: skip
    return render(request, "contacts/log.html", context)


def _date_presets(current) -> list[dict]:
    """One-tap date ranges for the log's filter, keeping the other filters chosen."""
    presets = []
    for name, start, end in periods.presets(timezone.localdate()):
        query = current.copy()
        for key in ("page", "date_from", "date_to", "_export"):
            query.pop(key, None)
        query["date_from"], query["date_to"] = start.isoformat(), end.isoformat()
        chosen = current.get("date_from") == start.isoformat() and current.get("date_to") == end.isoformat()
        presets.append({"name": name, "query": query.urlencode(), "current": chosen})
    return presets


def _just_saved(request):
    """The conversation the person has just saved, named in the address after saving; only their own."""
    try:
        pk = int(request.GET.get("saved", ""))
    except ValueError:
        return None
    mine = Conversation.objects.for_organisation(request.organisation).filter(recorded_by=request.user)
    return mine.filter(pk=pk).first()


@organisation_view(Capability.LOG_CONVERSATIONS)
def my_conversations(request):
    organisation = request.organisation
    mine = (
        Conversation.objects.for_organisation(organisation)
        .filter(recorded_by=request.user)
        .select_related("team", "organisation")
    )
    table = MyConversationTable(mine, membership=request.membership, attrs={"id": "my-conversations"})
    RequestConfig(request, paginate={"per_page": 25, "paginator_class": BoundedLazyPaginator}).configure(table)
    counts = selectors.member_counts(organisation, request.user, timezone.localdate())
    return render(request, "contacts/my_conversations.html", {"table": table, "counts": counts})


@organisation_view(Capability.VIEW_CONVERSATIONS)
def conversation_list(request):
    conversation_filter = ConversationFilter(
        request.GET,
        queryset=selectors.visible_conversations(request.membership),
        organisation=request.organisation,
        membership=request.membership,
    )
    export_format = request.GET.get("_export")
    if export_format in exports.LIMITS:
        query = request.GET.copy()
        query.pop("_export", None)
        query.pop("page", None)
        if conversation_filter.qs[exports.LIMITS[export_format] : exports.LIMITS[export_format] + 1].exists():
            messages.error(request, exports.too_many(export_format))
        elif export_format == "csv":
            return exports.csv_response(conversation_filter.qs, request.organisation)
        else:
            kind = ExportJob.Kind.CONVERSATIONS
            job = organisation_exports.request_export(request.membership, kind, query.urlencode())
            return redirect("organisations:export_detail", request.organisation.slug, job.pk)
    table = ConversationTable(conversation_filter.qs, attrs={"id": "conversations"})
    RequestConfig(request, paginate={"per_page": 50, "paginator_class": BoundedLazyPaginator}).configure(table)
    query = request.GET.copy()
    query.pop("page", None)
    # How many match, counted at most to COUNTED_UP_TO so a filter over millions of rows costs no more than that.
    matching = conversation_filter.qs.order_by()[: COUNTED_UP_TO + 1].count()
    context = {"table": table, "filter": conversation_filter, "query": query.urlencode(),
               "presets": _date_presets(request.GET), "matching": matching, "counted_up_to": COUNTED_UP_TO}  # fmt: skip
    return render(request, "contacts/conversation_list.html", context)


def _editable(request, pk):
    conversation = get_object_or_404(
        Conversation.objects.for_organisation(request.organisation).select_related("organisation", "team"), pk=pk
    )
    deny_unless(
        conversation.editable_by(request.membership),
        "Only organisation admins can change a conversation after 24 hours",
    )
    return conversation


@organisation_view(Capability.LOG_CONVERSATIONS)
def conversation_edit(request, pk):
    conversation = _editable(request, pk)
    initial = {
        "occurred_on": conversation.occurred_on,
        "team": conversation.team_id,
        "setting": conversation.setting,
        "contact_type": conversation.contact_type,
        "raised_by": conversation.raised_by,
        "intervention_level": conversation.intervention_level,
        "readiness": conversation.readiness,
        "pathway_stage": conversation.pathway_stage,
        "note": conversation.note,
        "services": list(conversation.services.values_list("pk", flat=True)),
        "client_key": conversation.client_key,
        **{field: conversation.codes(field, items) for field, items in services.MASK_FIELDS.items()},
    }
    form = ConversationForm(
        request.POST or None, initial=initial, organisation=request.organisation, membership=request.membership
    )
    if request.method == "POST" and form.is_valid():
        services.update_conversation(
            conversation, data=form.conversation_data(), services=form.cleaned_data["services"], changed_by=request.user
        )
        messages.success(request, "Conversation changed")
        return redirect("contacts:mine", request.organisation.slug)
    return render(request, "contacts/conversation_edit.html", {"form": form, "conversation": conversation})


@organisation_view(Capability.LOG_CONVERSATIONS)
def conversation_delete(request, pk):
    conversation = _editable(request, pk)
    if request.method == "POST":
        services.delete_conversation(conversation, deleted_by=request.user)
        if request.POST.get("undo"):  # "Undo" on the confirmation after saving: back to the form
            messages.success(request, "Conversation removed. The audit history keeps a copy.")
            return redirect("contacts:log", request.organisation.slug)
        messages.success(request, "Conversation deleted. The audit history keeps a copy.")
        return redirect("contacts:mine", request.organisation.slug)
    return render(request, "contacts/conversation_delete.html", {"conversation": conversation})


@organisation_view(Capability.LOG_CONVERSATIONS)
def conversation_history(request, pk):
    conversation = (
        Conversation.objects.for_organisation(request.organisation).select_related("import_job").filter(pk=pk).first()
    )
    changes = list(
        ConversationChange.objects.for_organisation(request.organisation)
        .filter(conversation_id=pk)
        .select_related("changed_by")
    )
    if conversation is None and not changes:
        raise Http404("No such conversation")
    recorder_id = conversation.recorded_by_id if conversation else changes[0].changed_by_id
    deny_unless(
        recorder_id == request.user.pk or request.membership.can(Capability.CHANGE_ANY_CONVERSATION),
        "Only the person who recorded it and organisation admins can see its history",
    )
    first = changes[0].snapshot if changes else {}
    try:
        day = datetime.date.fromisoformat(first.get("date", ""))
    except ValueError:
        day = conversation.occurred_on if conversation else None
    context = {"changes": changes, "entries": _history_entries(changes), "conversation": conversation, "day": day,
               "team": first.get("team", "")}  # fmt: skip
    return render(request, "contacts/conversation_history.html", context)


HISTORY_LABELS = {"nice outcomes": "NICE outcome measures", "onward stage": "Onward stage (Behaviour Change Pathway)"}


def _history_entries(changes) -> list[dict]:
    """Each change with what it held: everything when recorded, then only what each edit changed (before and
    after), and nothing more for a deletion."""
    entries, previous = [], None
    for change in changes:
        snapshot = change.snapshot
        if previous is None:
            rows = [(key, None, value) for key, value in snapshot.items()]
        elif change.action == ConversationChange.Action.DELETED:
            rows = []
        else:
            rows = [
                (key, previous.get(key, ""), value) for key, value in snapshot.items() if previous.get(key) != value
            ]
        labelled = [(HISTORY_LABELS.get(key, key.capitalize()), before, after) for key, before, after in rows]
        entries.append({"change": change, "rows": labelled})
        previous = snapshot
    return entries
