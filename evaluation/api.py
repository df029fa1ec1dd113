"""The analysts' read-only JSON API, version 1 (issue 20), with its OpenAPI description at /api/v1/openapi.json.

Every figure comes from the selector the page showing it uses, never a copy: the conversation summary, training
coverage, the programme overview, the latest assessment's A-D profile, the SC8 measures, and for commissioners
their consenting providers' figures suppressed exactly as on the drill-down page (provider_figures). No endpoint
returns a conversation, a person or a free-text note. A token (organisations.api_tokens) reads only its own
organisation; anything else answers 404.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from ninja import NinjaAPI
from ninja.errors import HttpError
from ninja.security import HttpBearer
from ninja.throttling import SimpleRateThrottle

from assessment.scoring import score
from assessment.selectors import latest_complete
from evaluation import provider_figures, sc8, summary
from evaluation.sc8_content import INDICATORS
from implementation.selectors import overview
from organisations.api_tokens import ApiToken, token_hash
from organisations.models import Membership, Team
from organisations.roles import Capability
from training import selectors as training

MAX_DAYS = 3 * 366  # the summary page's own limit on a period
LAST_USED_EVERY = datetime.timedelta(minutes=1)


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        found = (
            ApiToken.objects.usable()
            .select_related("organisation", "created_by")
            .filter(key_hash=token_hash(token))
            .first()
        )
        if found is None:
            return None
        membership = (
            Membership.objects.active()
            .select_related("organisation")
            .filter(user=found.created_by, organisation=found.organisation)
            .first()
        )
        if membership is None or not membership.can(Capability.MANAGE_API_TOKENS):
            return None  # the creator has left, or no longer holds a role that may use a token
        now = timezone.now()
        if found.last_used_at is None or now - found.last_used_at > LAST_USED_EVERY:
            with transaction.atomic():
                ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        request.organisation, request.membership = found.organisation, membership
        return found


class TokenRateThrottle(SimpleRateThrottle):
    scope = "api-token"

    def __init__(self):
        super().__init__(settings.API_TOKEN_RATE)

    def get_cache_key(self, request):
        return f"throttle:api-token:{request.auth.pk}"


THROTTLE = TokenRateThrottle()
api = NinjaAPI(
    title="MECC Programme Manager: figures for analysts",
    version="1",
    description="Read-only aggregates of one organisation's MECC programme, the same figures as its pages. "
    "Authenticate with `Authorization: Bearer <token>`; an organisation admin or commissioner creates tokens on the "
    "organisation's *API tokens* page.",
    auth=TokenAuth(),
    throttle=[THROTTLE],
    urls_namespace="api",
    docs_url=None,  # the interactive docs load script from a CDN; the OpenAPI JSON is served instead
)


def _period(start: datetime.date | None, end: datetime.date | None) -> tuple[datetime.date, datetime.date]:
    today = timezone.localdate()
    end = end or today
    start = start or end - datetime.timedelta(days=90)
    if start > end:
        raise HttpError(400, "start must be on or before end")
    if (end - start).days > MAX_DAYS:
        raise HttpError(400, f"a period of at most {MAX_DAYS} days")
    return start, end


@api.get("/organisation", summary="The organisation the token reads")
def organisation(request):
    org = request.organisation
    return {"name": org.name, "ods_code": org.ods_code or None, "kind": org.get_kind_display()}


@api.get("/conversations", summary="Conversations in a period: total, by topic, wider determinant, outcome, team")
def conversations(request, start: datetime.date | None = None, end: datetime.date | None = None,
                  team_id: int | None = None):  # fmt: skip
    start, end = _period(start, end)
    team = None
    if team_id is not None:
        team = Team.objects.for_organisation(request.organisation).filter(pk=team_id).first()
        if team is None:
            raise Http404("No such team")
    figures = summary.summary_context(request.organisation, start, end, team)

    def rows(items):
        return [{"code": row["code"], "label": row["label"], "count": row["count"]} for row in items]

    return {
        "start": start,
        "end": end,
        "team": team.name if team else None,
        "total": figures["total"],
        "by_topic": rows(figures["topics"]),
        "by_determinant": rows(figures["determinants"]),
        "by_outcome": rows(figures["outcomes"]),
        "by_team": [{"team": row["label"], "count": row["count"]} for row in figures["by_team"]],
        "by_week": [{"week_starting": label, "count": count} for label, count in figures["weeks"]],
    }


@api.get("/coverage", summary="Frontline staff trained on a day, against the staff roster or establishment")
def coverage(request, on: datetime.date | None = None):
    on = on or timezone.localdate()
    trained, staff = training.coverage(request.organisation, on)
    return {
        "on": on,
        "trained": trained,
        "staff": staff or None,
        "percent": training.percent(trained, staff),
        "by_team": [
            {
                "team": row["team"].name,
                "trained": row["trained"],
                "staff": row["staff"] or None,
                "percent": row["percent"],
                "staff_figure_from": row["source"],
            }
            for row in training.coverage_by_team(request.organisation, on)
        ],  # fmt: skip
    }


@api.get("/checklist", summary="Implementation checklist progress per phase, as at a day")
def checklist(request, on: datetime.date | None = None):
    data = overview(request.organisation, on or timezone.localdate())
    return {
        "done": data["done"],
        "total": data["total"],
        "percent": data["percent"],
        "plan_approved": data["plan_approved"],
        "overdue": len(data["overdue"]),
        "phases": [
            {"number": p.number, "name": p.name, "done": p.done, "total": p.total, "percent": p.percent}
            for p in data["phases"]
        ],
    }


@api.get("/assessment", summary="The latest completed organisation-wide assessment's A-D profile")
def assessment(request):
    latest = latest_complete([request.organisation.pk]).get(request.organisation.pk)
    if latest is None:
        return {"completed_at": None, "factors": [], "at_a_or_b": None}
    result = score(latest)
    return {
        "completed_at": latest.completed_at,
        "at_a_or_b": result.strong,
        "levels": result.counts,
        "factors": [{"factor": f.factor.label, "level": f.letter or None} for f in result.factors],
    }


def _readings(readings) -> list[dict]:
    return [
        {"code": i.code, "measure": i.title, "status": readings[i.code].status, "value": readings[i.code].value,
         "evidence": readings[i.code].evidence}
        for i in INDICATORS
    ]  # fmt: skip


@api.get("/sc8", summary="This service's own measures of progress on the SC8 MECC requirement, today")
def own_sc8(request):
    org = request.organisation
    readings = sc8.readings([org], {org.pk: sc8.thresholds_for(None)}, timezone.localdate(), outside=False)
    return {"measures": _readings(readings[org.pk])}


def _commissioner(request):
    if not request.organisation.commissions:
        raise HttpError(403, "Only an organisation that commissions has providers")


@api.get("/providers", summary="A commissioner's consenting providers")
def providers(request):
    _commissioner(request)
    contracts = provider_figures.consented(request.organisation)
    return [
        {"id": c.provider.pk, "name": c.provider.name, "ods_code": c.provider.ods_code or None, "contract": c.reference}
        for c in contracts
    ]


@api.get("/providers/{provider_id}", summary="One consenting provider's figures, suppressed as on the drill-down page")
def provider(request, provider_id: int):
    _commissioner(request)
    contract = provider_figures.consented(request.organisation).filter(provider_id=provider_id).first()
    if contract is None:
        raise Http404("No consenting provider")
    today = timezone.localdate()
    figures = provider_figures.provider_figures(contract.provider, contract, today, outside=True)
    names = [f"{q:%Y-%m-%d}" for q in figures["quarters"]]
    weekly = figures["weekly_spc"]
    return {
        "name": contract.provider.name,
        "ods_code": contract.provider.ods_code or None,
        "counts_note": 'Counts from 1 to 4 are shown as "<5" and every other count is rounded to the nearest 5.',
        "measures": _readings(figures["readings"]),
        "quarters_starting": names,
        "by_topic": [{"code": r["code"], "label": r["label"], "counts": r["counts"]} for r in figures["topics"]],
        "by_outcome": [{"code": r["code"], "label": r["label"], "counts": r["counts"]} for r in figures["outcomes"]],
        "weekly": None
        if weekly["chart"] is None
        else [{"week_starting": monday, "count": count} for monday, count in weekly["points"]],
    }
