"""The commissioner's SC8 compliance dashboard, a provider drill-down, per-contract thresholds, and the provider's
own SC8 page. Commissioners see consenting providers only, and aggregates only."""

import datetime

import django_tables2 as tables
from django import forms
from django.contrib import messages
from django.db.models import Sum
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.html import format_html

from evaluation import content, sc8, sc8_services
from evaluation.models import DailyConversationCount, EvaluationReport, SC8Snapshot
from evaluation.sc8_content import CLAUSE, DEFAULT_THRESHOLDS, INDICATORS, STATUSES
from evaluation.tables import SafeTableExport
from mecc.suppression import suppress
from organisations.access import organisation_view
from organisations.models import CommissioningContract
from organisations.roles import Capability

TAG = {"green": "green", "amber": "yellow", "red": "red", "none": "grey"}


class StatusColumn(tables.Column):
    def render(self, value):
        return format_html('<strong class="nhsuk-tag nhsuk-tag--{}">{}</strong>', TAG[value], STATUSES[value])

    def value(self, value):
        return STATUSES[value]

    def order(self, queryset, is_descending):
        return queryset, False  # dict rows: tables2 sorts them in Python


def portfolio_table(rows, commissioner_slug):
    columns = {i.code: StatusColumn(verbose_name=i.title) for i in INDICATORS}
    columns["provider"] = tables.Column(verbose_name="Provider")
    columns["reds"] = tables.Column(verbose_name="Red indicators")

    def render_provider(self, record, value):
        from django.urls import reverse

        url = reverse("evaluation:sc8_provider", args=[commissioner_slug, record["provider_id"]])
        return format_html('<a href="{}">{}</a>', url, value)

    columns["render_provider"] = render_provider
    columns["value_provider"] = lambda self, value: value
    meta = type("Meta", (), {"sequence": ("provider", "reds", *[i.code for i in INDICATORS]), "orderable": True})
    table_class = type("PortfolioTable", (tables.Table,), {**columns, "Meta": meta})
    return table_class(rows, attrs={"id": "portfolio"})


class PortfolioFilter(forms.Form):
    q = forms.CharField(label="Provider name contains", required=False)
    status = forms.ChoiceField(
        label="Show",
        required=False,
        choices=[("", "All providers"), ("red", "Providers with any red"), ("amber", "Providers with any amber")],
    )


def _consented(commissioner):
    return CommissioningContract.objects.filter(commissioner=commissioner).consented().select_related("provider")


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
        rows.append({"provider": provider.name, "provider_id": provider.pk,
                     "reds": sum(1 for s in statuses.values() if s == "red"), **statuses})  # fmt: skip
    filters = PortfolioFilter(request.GET or None)
    if filters.is_valid():
        query, status = filters.cleaned_data["q"].lower(), filters.cleaned_data["status"]
        rows = [r for r in rows if query in r["provider"].lower()]
        if status:
            rows = [r for r in rows if status in [r[i.code] for i in INDICATORS]]
    table = portfolio_table(rows, request.organisation.slug)
    tables.RequestConfig(request, paginate=False).configure(table)
    export = request.GET.get("_export")
    if SafeTableExport.is_valid_format(export):
        return SafeTableExport(export, table, exclude_columns=()).response(f"sc8-portfolio-{today}.{export}")
    query = request.GET.copy()
    query.pop("_export", None)
    context = {"table": table, "filters": filters, "clause": CLAUSE, "indicators": INDICATORS,
               "defaults": DEFAULT_THRESHOLDS, "query": query.urlencode(), "today": today,
               "portfolio_reports": EvaluationReport.objects.for_organisation(request.organisation)
               .filter(kind="sc8_portfolio")[:5]}  # fmt: skip
    return render(request, "evaluation/sc8_portfolio.html", context)


def _quarters(today, count=4):
    start = sc8_services.quarter_start(today)
    quarters = []
    for _ in range(count):
        quarters.append(start)
        start = sc8_services.quarter_start(start - datetime.timedelta(days=1))
    return list(reversed(quarters))


def _activity_by_quarter(provider, quarters, today, dimension, items):
    """Totals per value and quarter from one aggregate query, suppressed for showing outside the provider."""
    daily = (
        DailyConversationCount.objects.filter(
            organisation=provider, dimension=dimension, day__gte=quarters[0], day__lte=today
        )
        .values("value", "day")
        .annotate(n=Sum("count"))
    )
    totals = {}
    for row in daily:
        quarter = sc8_services.quarter_start(row["day"])
        totals[(row["value"], quarter)] = totals.get((row["value"], quarter), 0) + row["n"]
    return [
        {"label": item.label, "counts": [suppress(totals.get((item.code, q), 0)) for q in quarters]} for item in items
    ]


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
    today = timezone.localdate()
    thresholds = sc8.thresholds_for(contract)
    readings = sc8.readings([provider], {provider.pk: thresholds}, today)[provider.pk]
    quarters = _quarters(today)
    snapshots = {}
    if commissioner is not None:
        stored = SC8Snapshot.objects.filter(commissioner=commissioner, provider=provider, quarter__in=quarters)
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
        "clause": CLAUSE,
        "topics": _activity_by_quarter(provider, quarters, today, "topic", content.TOPICS),
        "outcomes": _activity_by_quarter(provider, quarters, today, "outcome", content.OUTCOMES),
        "is_commissioner": commissioner is not None,
    }
    return render(request, "evaluation/sc8_provider.html", context)


class ThresholdsForm(forms.Form):
    trained_target = forms.IntegerField(label="Target % of frontline staff trained", min_value=1, max_value=100)
    trained_amber_gap = forms.IntegerField(label="Amber within this many points below the target", min_value=0,
                                           max_value=100)  # fmt: skip
    activity_target = forms.IntegerField(label="Target conversations per 1,000 staff per quarter", min_value=1,
                                         max_value=100000)  # fmt: skip


@organisation_view(Capability.MANAGE_CONTRACTS)
def contract_thresholds(request, pk):
    contract = get_object_or_404(CommissioningContract.objects.filter(commissioner=request.organisation), pk=pk)
    form = ThresholdsForm(request.POST or None, initial=sc8.thresholds_for(contract))
    if request.method == "POST" and form.is_valid():
        sc8_services.set_thresholds(contract, **form.cleaned_data)
        messages.success(request, f"Thresholds for {contract.provider} saved")
        return redirect("evaluation:sc8", request.organisation.slug)
    return render(request, "evaluation/sc8_thresholds.html", {"form": form, "contract": contract})
