"""Reading a published sheet (a CSV platform staff load to publish a new version of some content, such as a scoring
sheet or a checklist): columns checked first, then each line with its number, and a management command's way of
turning a file into a published version or a plain list of what is wrong."""

import csv
from collections.abc import Callable, Iterator
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError


def lines_of(handle, columns: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, {column: stripped text}) for each row; a sheet missing a column is refused before any row."""
    reader = csv.DictReader(handle)
    missing = [c for c in columns if c not in (reader.fieldnames or [])]
    if missing:
        raise ValidationError(f"The sheet needs the columns {', '.join(columns)}; missing: {', '.join(missing)}.")
    for line, raw in enumerate(reader, start=2):
        yield line, {column: (raw.get(column) or "").strip() for column in columns}


def publish_from_file(path: Path, read: Callable, publish: Callable, version: str, notes: str):
    """read(lines) -> rows, then publish(rows, version, notes); any problem becomes a CommandError that lists every
    bad line, and nothing is published."""
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            rows = read(handle)
        return rows, publish(rows, version, notes)
    except OSError as error:
        raise CommandError(f"Cannot read {path}: {error.strerror}") from error
    except ValidationError as error:
        raise CommandError("Nothing was published.\n" + "\n".join(error.messages)) from error
