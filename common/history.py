"""Rows as they stood at the end of a past day, from the audit history every tenant-owned model keeps
(django-simple-history), so that a report for a past period says what was true then, not what is true now: a report
rebuilt next year for Q2 shows the same numbers as the one built the day after Q2 ended (issue 21).
"""

import datetime

from django.utils import timezone


def end_of(day: datetime.date) -> datetime.datetime:
    """The last moment of the day, in the service's time zone."""
    start_of_next = datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min)
    return timezone.make_aware(start_of_next) - datetime.timedelta(microseconds=1)


def as_at(model, day: datetime.date | None):
    """The model's rows as they stood at the end of `day`: its history's latest version of each row by then, rows
    deleted by then left out; today, a later day or None: the rows as they are. Filter it by field
    (`organisation_id__in=...`): the history's query set has the model's fields but not its query set's methods."""
    if day is None or day >= timezone.localdate():
        return model._default_manager.all()
    return model.history.as_of(end_of(day))
