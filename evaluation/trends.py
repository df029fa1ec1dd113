"""Trends boards and commissioners read as statistical process control charts (common.spc), shared by the board
report and the SC8 provider page."""

import datetime

from django.utils import timezone

from common.charts import spc_chart
from common.spc import xmr
from common.suppression import is_small, rounded
from contacts import selectors


def weekly_spc(organisation, end: datetime.date, team=None, outside=False) -> dict:
    """The complete weeks of the 52 up to `end` as an XmR chart, the trend a board or commissioner reads. Not drawn
    when a week has 1 to 4 conversations: neither the report nor a commissioner's page shows a count under
    SMALL_NUMBER, and a point on a chart would."""
    start = end - datetime.timedelta(weeks=52) + datetime.timedelta(days=1)
    weeks = [
        (monday, count)
        for monday, count in selectors.weekly_totals(organisation, start, end, team)
        if monday >= start
        and monday + datetime.timedelta(days=6) <= end
        and monday + datetime.timedelta(days=6) < timezone.localdate()  # a week is complete once its Sunday is past
    ]
    while weeks and weeks[0][1] == 0:
        weeks.pop(0)  # the series starts with the first week anything was recorded, not with the calendar
    if any(is_small(count) for _, count in weeks):
        return {"chart": None, "weeks": len(weeks)}
    labels = [monday.strftime("%-d %b %Y") for monday, _ in weeks]
    title = (
        "Is the weekly number changing beyond normal variation? Conversations in each complete week of the year to "
        f"{end:%-d %B %Y}, with mean and process limits"
    )
    if outside:  # for a commissioner: each week rounded to the nearest 5, as every count shown outside
        weeks = [(monday, rounded(count)) for monday, count in weeks]
        title = title.replace("Conversations in", "Conversations (to the nearest 5) in")
    result = xmr(labels, [count for _, count in weeks])
    return {"chart": spc_chart(result, title), "weeks": len(weeks), "variation": result.variation, "points": weeks}
