"""The conversation log as a spreadsheet: CSV streamed straight from the database to the browser, XLSX built by a
Celery worker with xlsxwriter (organisations.exports), both a row at a time, so memory stays flat whatever the
number of rows.

Both carry the log table's columns (contacts.tables.ConversationTable) under its headings, the date as a date
(a date cell in XLSX, ISO 8601 in CSV) and every text cell through the project's one formula guard.
"""

import csv
import datetime
from collections.abc import Iterator

import xlsxwriter
from django.http import QueryDict, StreamingHttpResponse
from django.utils import timezone

from common.exports import neutralise_formula
from contacts import content, selectors
from contacts.filters import ConversationFilter
from contacts.models import Conversation
from contacts.tables import ConversationTable
from organisations import exports as organisation_exports
from organisations.models import ExportJob
from organisations.roles import Capability

# The most rows one download may hold: a CSV streams inside the request (gunicorn's 30-second limit), an XLSX is
# built by a worker and stops short of Excel's 1,048,576 rows a sheet.
LIMITS = {"csv": 500_000, "xlsx": 1_000_000}
BATCH = 1000  # CSV rows handed to the server at a time
FIELDS = ConversationTable.Meta.fields
MASKS = {"topics": content.TOPICS, "determinants": content.DETERMINANTS, "outcomes": content.OUTCOMES}
CHOICES = ("intervention_level", "setting", "contact_type", "readiness")


def too_many(export_format: str) -> str:
    return f"A download holds at most {LIMITS[export_format]:,} conversations: narrow the dates or filters."


def headings() -> list[str]:
    # The organisation's ODS code last, on every row, so analysts can join the rows to other NHS data.
    return [str(ConversationTable.base_columns[name].verbose_name) for name in FIELDS] + ["Organisation ODS code"]


def rows(queryset, ods_code: str = "") -> Iterator[list]:
    """The log's rows as plain values, newest first, read from the database a few thousand at a time."""
    labels = {name: dict(Conversation._meta.get_field(name).flatchoices) for name in CHOICES}
    defaults = {name: ConversationTable.base_columns[name].default or "" for name in CHOICES}
    columns = ["occurred_on", "team__name", *MASKS, *CHOICES]
    ordered = queryset.order_by("-occurred_on", "-pk").values_list(*columns)
    for occurred_on, team, *values in ordered.iterator(chunk_size=2000):
        masks, choices = values[: len(MASKS)], values[len(MASKS) :]
        labelled = [", ".join(content.label(items, c) for c in content.from_mask(items, mask))
                    for items, mask in zip(MASKS.values(), masks, strict=True)]  # fmt: skip
        chosen = [
            labels[name].get(value, value) or defaults[name] for name, value in zip(CHOICES, choices, strict=True)
        ]
        yield [occurred_on, team or "", *labelled, *chosen, ods_code]


class _Echo:
    """csv.writer's file: hands back each line instead of storing it."""

    def write(self, value):
        return value


def _csv_cell(value):
    return value.isoformat() if isinstance(value, datetime.date) else neutralise_formula(value)


def csv_lines(queryset, ods_code: str = "") -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield writer.writerow([neutralise_formula(h) for h in headings()])
    batch = []
    for row in rows(queryset, ods_code):
        batch.append(writer.writerow([_csv_cell(v) for v in row]))
        if len(batch) == BATCH:
            yield "".join(batch)
            batch = []
    if batch:
        yield "".join(batch)


def csv_response(queryset, organisation) -> StreamingHttpResponse:
    response = StreamingHttpResponse(csv_lines(queryset, organisation.ods_code), content_type="text/csv; charset=utf-8")
    name = f"conversations-{organisation.slug}-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _filtered(job: ExportJob, membership):
    queryset = selectors.visible_conversations(membership)
    filters = ConversationFilter(QueryDict(job.query), queryset=queryset, organisation=job.organisation,
                                 membership=membership)  # fmt: skip
    return filters.qs


def write_xlsx(job: ExportJob, membership, handle, progress) -> tuple[str, int]:
    options = {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    workbook = xlsxwriter.Workbook(handle, options)
    sheet = workbook.add_worksheet("Conversations")
    bold, date = workbook.add_format({"bold": True}), workbook.add_format({"num_format": "d mmm yyyy"})
    sheet.set_column(0, 0, 12)
    sheet.set_column(1, len(FIELDS), 24)
    for column, heading in enumerate(headings()):
        sheet.write_string(0, column, neutralise_formula(heading), bold)
    written = 0
    for written, row in enumerate(rows(_filtered(job, membership), job.organisation.ods_code), start=1):
        sheet.write_datetime(written, 0, row[0], date)
        for column, value in enumerate(row[1:], start=1):
            sheet.write_string(written, column, neutralise_formula(str(value)))
        if written % organisation_exports.PROGRESS_EVERY == 0:
            progress(written)
    workbook.close()
    return f"conversations-{job.organisation.slug}-{timezone.localdate():%Y-%m-%d}.xlsx", written


organisation_exports.register(
    ExportJob.Kind.CONVERSATIONS,
    organisation_exports.Builder(
        capability=Capability.VIEW_CONVERSATIONS,
        extension="xlsx",
        expected_rows=lambda job, membership: _filtered(job, membership).count(),
        write=write_xlsx,
    ),
)
