"""What a commissioner's SC8 portfolio PDF says: the same readings as the dashboard, for the providers whose
contract the commissioner holds and who have accepted it, with activity totals hidden under 5 and
rounded to the nearest 5 above (common.suppression)."""

from django.utils import timezone

from common.suppression import SMALL_NUMBER, shown_outside
from contacts.selectors import conversation_totals
from evaluation import sc8
from evaluation.sc8_content import CLAUSE, INDICATORS, MEASURES_NOTE, STATUSES
from organisations.models import CommissioningContract


def gather(report) -> dict:
    commissioner = report.organisation
    contracts = {
        c.provider_id: c
        for c in CommissioningContract.objects.filter(commissioner=commissioner).consented().select_related("provider")
    }
    providers = sorted({c.provider for c in contracts.values()}, key=lambda p: p.name)
    thresholds = {pk: sc8.thresholds_for(c) for pk, c in contracts.items()}
    readings = sc8.readings(providers, thresholds, report.end)
    activity = conversation_totals([p.pk for p in providers], report.start, report.end)
    rows = [
        {
            "provider": provider,
            "contract": contracts[provider.pk],
            "readings": [(i, readings[provider.pk][i.code]) for i in INDICATORS],
            "reds": sum(1 for r in readings[provider.pk].values() if r.status == "red"),
            "conversations": shown_outside(activity.get(provider.pk, 0) or 0),
        }
        for provider in providers
    ]
    summary = [
        {
            "indicator": i,
            "counts": {s: sum(1 for p in providers if readings[p.pk][i.code].status == s) for s in STATUSES},
        }
        for i in INDICATORS
    ]
    return {
        "report": report,
        "organisation": commissioner,
        "team": None,
        "generated_at": timezone.now(),
        "clause": CLAUSE,
        "measures_note": MEASURES_NOTE,
        "indicators": INDICATORS,
        "statuses": STATUSES,
        "rows": rows,
        "summary": summary,
        "small_number": SMALL_NUMBER,
    }
