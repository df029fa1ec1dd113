"""The commissioner's SC8 progress-measures dashboard, a provider drill-down, per-contract targets, and the
provider's own SC8 page. Commissioners see consenting providers only, and aggregates only."""

import django_tables2 as tables
from django.contrib import messages
from django.db.models import Case, When
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from common import periods
from common.exports import SafeTableExport
from evaluation import provider_figures, sc8, sc8_services
from evaluation.forms import PortfolioFilter, ThresholdsForm
from evaluation.models import EvaluationReport, SC8Snapshot
from evaluation.sc8_content import CLAUSE, DEFAULT_THRESHOLDS, INDICATORS, MEASURES_NOTE, STATUSES, TARGET_SOURCES
from evaluation.tables import PortfolioTable
from organisations.access import organisation_view
from organisations.models import CommissioningContract
from organisations.roles import Capability
from organisations.selectors import predecessor_organisations

_consented = provider_figures.consented


@organisation_view(Capability.VIEW_PROVIDER_PORTFOLIO)
def portfolio(request):
    today = timezone.localdate()
    contracts = {c.provider_id: c for c in _consented(request.organisation)}
    providers = sorted({c.provider for c in contracts.values()}, key=lambda p: p.name)
    thresholds = {pk: sc8.thresholds_for(c) for pk, c in contracts.items()}
    by_provider = sc8.readings(providers, thresholds, today)
    rows = []
    for provider in providers:
        statuses = {code: reading.status for code, reading in by_provider[provider.pk].items()}
        rows.append({"provider": provider.name, "provider_id": provider.pk, "ods_code": provider.ods_code,
                     "reds": sum(1 for s in statuses.values() if s == "red"), **statuses})  # fmt: skip
    filters = PortfolioFilter(request.GET or None)
    if filters.is_valid():
        query, status = filters.cleaned_data["q"].lower(), filters.cleaned_data["status"]
        rows = [r for r in rows if query in r["provider"].lower()]
        if status:
            rows = [r for r in rows if status in [r[i.code] for i in INDICATORS]]
    table = PortfolioTable(rows, commissioner_slug=request.organisation.slug)
    tables.RequestConfig(request, paginate=False).configure(table)
    export = request.GET.get("_export")
    if SafeTableExport.is_valid_format(export):
        return SafeTableExport(export, table, exclude_columns=()).response(f"sc8-portfolio-{today}.{export}")
    query = request.GET.copy()
    query.pop("_export", None)
    own_targets = [(c, sc8.rules(thresholds[c.provider_id])) for c in contracts.values() if c.thresholds]
    context = {"table": table, "filters": filters, "clause": CLAUSE, "rules": sc8.rules(DEFAULT_THRESHOLDS),
               "defaults": DEFAULT_THRESHOLDS, "sources": TARGET_SOURCES, "own_targets": own_targets,
               "measures_note": MEASURES_NOTE, "query": query.urlencode(), "today": today,
               "portfolio_reports": EvaluationReport.objects.for_organisation(request.organisation)
               .filter(kind=EvaluationReport.Kind.SC8_PORTFOLIO)[:5]}  # fmt: skip
    return render(request, "evaluation/sc8_portfolio.html", context)


@organisation_view(Capability.VIEW_PROVIDER_PORTFOLIO)
def provider_detail(request, provider_pk):
    contract = _consented(request.organisation).filter(provider_id=provider_pk).first()
    if contract is None:
        raise Http404("No consenting provider")
    return _indicator_page(request, contract.provider, contract, commissioner=request.organisation)


@organisation_view(Capability.VIEW_OWN_SC8)
def own_position(request):
    """The provider's own SC8 page, with the default thresholds (each commissioner may set its own)."""
    return _indicator_page(request, request.organisation, None, commissioner=None)


def _indicator_page(request, provider, contract, commissioner):
    today, outside = timezone.localdate(), commissioner is not None
    figures = provider_figures.provider_figures(provider, contract, today, outside)
    thresholds, readings, quarters = figures["thresholds"], figures["readings"], figures["quarters"]
    snapshots, merged = {}, []
    if commissioner is not None:
        # A provider formed by a merger carries its predecessors' quarters (ODS successors), its own first.
        merged = list(predecessor_organisations(provider))
        stored = SC8Snapshot.objects.filter(
            commissioner=commissioner, provider__in=[provider, *merged], quarter__in=quarters
        ).order_by(Case(When(provider=provider, then=1), default=0))
        snapshots = {(s.indicator, s.quarter): s.status for s in stored}
    indicators = [
        {
            "indicator": i,
            "rule": i.rule.format(**thresholds),
            "reading": readings[i.code],
            "trend": [STATUSES.get(snapshots.get((i.code, q)), "Not recorded") for q in quarters],
        }
        for i in INDICATORS
    ]
    context = {
        "provider": provider,
        "contract": contract,
        "indicators": indicators,
        "quarters": quarters,
        "quarter_names": [periods.quarter_of(q).name for q in quarters],
        "quarter_headings": [periods.quarter_of(q).name + (" (so far)" if q == quarters[-1] else "") for q in quarters],
        "clause": CLAUSE,
        "topics": figures["topics"],
        "outcomes": figures["outcomes"],
        "is_commissioner": commissioner is not None,
        "merged": merged,
        "measures_note": MEASURES_NOTE,
        "weekly_spc": figures["weekly_spc"],
        "own_targets": bool(contract and contract.thresholds),
        "can_set_targets": commissioner is not None and request.membership.can(Capability.SET_SC8_TARGETS),
    }
    return render(request, "evaluation/sc8_provider.html", context)


@organisation_view(Capability.SET_SC8_TARGETS)
def contract_thresholds(request, pk):
    contract = get_object_or_404(
        CommissioningContract.objects.filter(commissioner=request.organisation).select_related("provider"), pk=pk
    )
    form = ThresholdsForm(request.POST or None, initial=sc8.thresholds_for(contract))
    if request.method == "POST" and form.is_valid():
        sc8_services.set_thresholds(contract, changed_by=request.user, **form.cleaned_data)
        messages.success(request, f"Targets for {contract.provider} saved")
        return redirect("evaluation:sc8", request.organisation.slug)
    context = {
        "form": form,
        "contract": contract,
        "defaults": DEFAULT_THRESHOLDS,
        "sources": TARGET_SOURCES,
        "history": sc8_services.target_history(contract)[:20],
    }
    return render(request, "evaluation/sc8_thresholds.html", context)
