"""NHS organisation reference data (ODS), loaded from the files NHS England's Organisation Data Service publishes
(issue 20): nothing is fetched at run time; platform staff download a file and run
`manage.py load_ods_reference <file.csv|file.zip> [--successors succ.csv]`.

The publications (for example `etr` NHS trusts, `eccg`/`eortn` commissioners, `epraccur` GP practices) are CSV files
without a header whose first columns are: code, name, national grouping, high-level health geography, five address
lines, postcode, open date and close date (YYYYMMDD). The successor file (`succ`) names, per row, an old code, its
successor, the reason and the date it took effect. Once the list is loaded, an organisation's ODS code must be in it;
a merged organisation's successor lets SC8 history carry across the merger (evaluation/views/sc8.py).
Kept beside organisations.models (which imports this module at its end).
"""

import csv
import datetime
import io
import zipfile
from dataclasses import dataclass

from django.db import models, transaction

CODE, NAME, POSTCODE, OPENED, CLOSED = 0, 1, 9, 10, 11
OLD, NEW, REASON, EFFECTIVE = 0, 1, 2, 3


class OdsOrganisation(models.Model):
    """One organisation of the national ODS list: reference data, no organisation's own."""

    code = models.CharField(max_length=10, unique=True)
    name = models.CharField(max_length=200)
    postcode = models.CharField(max_length=10, blank=True)
    opened_on = models.DateField(null=True, blank=True)
    closed_on = models.DateField(null=True, blank=True)
    successor_code = models.CharField(max_length=10, blank=True)
    succeeded_on = models.DateField(null=True, blank=True)
    source = models.CharField(max_length=100, blank=True)
    loaded_at = models.DateTimeField(auto_now=True)

    in_audit_trail = False  # national reference data, not an organisation's record

    class Meta:
        ordering = ["code"]
        verbose_name = "ODS organisation"

    def __str__(self):
        return f"{self.code} {self.name}"


def known(code: str) -> bool | None:
    """Whether the code is in the loaded list; None when no list has been loaded (format checks only)."""
    if not OdsOrganisation.objects.exists():
        return None
    return OdsOrganisation.objects.filter(code=code).exists()


def predecessors(code: str) -> list[str]:
    """Every code that became this one through mergers, however many steps back."""
    found, frontier = [], [code]
    while frontier:
        older = list(
            OdsOrganisation.objects.filter(successor_code__in=frontier).exclude(code__in=found + [code])
            .values_list("code", flat=True)
        )  # fmt: skip
        found += older
        frontier = older
    return found


@dataclass
class Loaded:
    added: int = 0
    updated: int = 0
    successors: int = 0
    skipped: int = 0


def _day(value: str) -> datetime.date | None:
    value = (value or "").strip()
    try:
        return datetime.datetime.strptime(value, "%Y%m%d").date() if value else None
    except ValueError:
        return None


def _rows(path: str):
    """The CSV rows of a file, or of every CSV inside a ZIP, as the publications come."""
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                if name.lower().endswith(".csv"):
                    with archive.open(name) as member:
                        yield from csv.reader(io.TextIOWrapper(member, encoding="utf-8-sig", errors="replace"))
        return
    with open(path, encoding="utf-8-sig", errors="replace", newline="") as handle:
        yield from csv.reader(handle)


@transaction.atomic
def load(path: str, source: str) -> Loaded:
    result = Loaded()
    existing = {o.code: o for o in OdsOrganisation.objects.all()}
    for row in _rows(path):
        if len(row) <= NAME or not row[CODE].strip() or not row[NAME].strip():
            result.skipped += 1
            continue
        code = row[CODE].strip().upper()
        values = {
            "name": row[NAME].strip()[:200],
            "postcode": row[POSTCODE].strip()[:10] if len(row) > POSTCODE else "",
            "opened_on": _day(row[OPENED]) if len(row) > OPENED else None,
            "closed_on": _day(row[CLOSED]) if len(row) > CLOSED else None,
            "source": source[:100],
        }
        found = existing.get(code)
        if found is None:
            existing[code] = OdsOrganisation.objects.create(code=code, **values)
            result.added += 1
        else:
            for name, value in values.items():
                setattr(found, name, value)
            found.save()
            result.updated += 1
    return result


@transaction.atomic
def load_successors(path: str) -> int:
    count = 0
    for row in _rows(path):
        if len(row) <= NEW or not row[OLD].strip() or not row[NEW].strip():
            continue
        effective = _day(row[EFFECTIVE]) if len(row) > EFFECTIVE else None
        count += OdsOrganisation.objects.filter(code=row[OLD].strip().upper()).update(
            successor_code=row[NEW].strip().upper(), succeeded_on=effective
        )
    return count
