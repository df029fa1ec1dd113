"""One provider's SC8 figures as its page shows them: the measures, the last four quarters by topic and outcome, and
the weekly SPC points. The provider's own page, the commissioner's drill-down and the analysts' API all read them
here, so what a commissioner's token returns is suppressed by the same code as the page (issue 20)."""

import datetime

from common import periods
from common.suppression import shown_outside, suppress
from contacts import content
from contacts.selectors import daily_totals
from evaluation import sc8
from evaluation.trends import weekly_spc
from organisations.models import CommissioningContract


def consented(commissioner):
    return CommissioningContract.objects.filter(commissioner=commissioner).consented().select_related("provider")


def quarters_to(today, count=4):
    """The first days of this financial quarter and the `count - 1` before it, oldest first."""
    start = periods.quarter_of(today).start
    quarters = []
    for _ in range(count):
        quarters.append(start)
        start = periods.quarter_of(start - datetime.timedelta(days=1)).start
    return list(reversed(quarters))


def activity_by_quarter(provider, quarters, today, dimension, items, outside):
    """Totals per value and quarter from one aggregate query; suppressed and rounded for showing outside."""
    totals, show = {}, shown_outside if outside else suppress
    for row in daily_totals(provider, dimension, quarters[0], today):
        quarter = periods.quarter_of(row["day"]).start
        totals[(row["value"], quarter)] = totals.get((row["value"], quarter), 0) + row["n"]
    return [
        {"code": item.code, "label": item.label, "counts": [show(totals.get((item.code, q), 0)) for q in quarters]}
        for item in items
    ]


def provider_figures(provider, contract, today, outside: bool) -> dict:
    """`outside`: for a commissioner (counts 1 to 4 hidden, the rest rounded to 5), else the provider's own."""
    thresholds = sc8.thresholds_for(contract)
    quarters = quarters_to(today)
    return {
        "thresholds": thresholds,
        "readings": sc8.readings([provider], {provider.pk: thresholds}, today, outside=outside)[provider.pk],
        "quarters": quarters,
        "topics": activity_by_quarter(provider, quarters, today, "topic", content.TOPICS, outside),
        "outcomes": activity_by_quarter(provider, quarters, today, "outcome", content.OUTCOMES, outside),
        "weekly_spc": weekly_spc(provider, today, outside=outside),
    }
