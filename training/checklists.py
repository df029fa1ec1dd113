"""Versions of the quality marker checklist: the shipped one (training/content.py) and versions platform staff publish
from the official checklist (`manage.py publish_quality_checklist`), the same way as the assessment's scoring sheet.
Evaluations are rated, shown and compared against the version they started with."""

import re
from dataclasses import asdict, dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from common.sheets import lines_of
from training import content
from training.content import Marker
from training.models import QualityChecklist

SHEET_COLUMNS = ("section", "marker", "indicators", "source")


@dataclass(frozen=True)
class Checklist:
    version: str
    sections: tuple[tuple[str, str], ...]
    markers: tuple[Marker, ...]

    def in_section(self, code: str) -> list[Marker]:
        return [m for m in self.markers if m.section == code]

    @property
    def provenances(self) -> set[str]:
        return {m.provenance for m in self.markers}


def _from_row(row) -> Checklist:
    return Checklist(
        version=row.version,
        sections=tuple((code, name) for code, name in row.sections),
        markers=tuple(Marker(**marker) for marker in row.markers),
    )


def current() -> Checklist:
    row = QualityChecklist.objects.filter(is_current=True).order_by("-published_at").first()
    return _from_row(row) if row else shipped()


def for_version(version: str) -> Checklist:
    row = QualityChecklist.objects.filter(version=version).first()
    return _from_row(row) if row else shipped()


def shipped() -> Checklist:
    return Checklist(content.CHECKLIST_VERSION, content.SECTIONS, content.MARKERS)


def install_shipped(Model=QualityChecklist):  # noqa: N803 - the migration passes its historical model
    if Model.objects.filter(version=content.CHECKLIST_VERSION).exists():
        return
    Model.objects.create(
        version=content.CHECKLIST_VERSION,
        is_current=not Model.objects.filter(is_current=True).exists(),
        notes=content.__doc__,
        sections=[list(section) for section in content.SECTIONS],
        markers=[asdict(marker) for marker in content.MARKERS],
    )


def read_sheet(lines) -> list[dict]:
    """Rows of an official checklist CSV (section, marker, indicators, source), in order; a ValidationError names
    every bad line and nothing is published."""
    rows, errors = [], []
    for line, row in lines_of(lines, SHEET_COLUMNS):
        problems = [f"{column} is empty" for column in ("section", "marker", "source") if not row[column]]
        if len(row["marker"]) > 500 or len(row["indicators"]) > 2000 or len(row["section"]) > 150:
            problems.append("a cell is too long (section 150, marker 500, indicators 2,000 characters)")
        if problems:
            errors.append(f"Line {line}: {'; '.join(problems)}.")
        else:
            rows.append(row)
    if errors:
        raise ValidationError(errors)
    if not rows:
        raise ValidationError("The sheet has no markers.")
    return rows


@transaction.atomic
def publish(rows: list[dict], version: str, notes: str = "") -> Checklist:
    """A new current version made of the sheet's sections and markers, each marked as the official wording with its
    citation. Evaluations already started keep their version."""
    if QualityChecklist.objects.filter(version=version).exists():
        raise ValidationError(f"Version {version} already exists; choose a new version name.")
    sections: dict[str, str] = {}
    markers = []
    for number, row in enumerate(rows, start=1):
        name = row["section"]
        if name not in sections:
            sections[name] = re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")[:30] or f"section_{len(sections) + 1}"
        markers.append(
            Marker(f"m{number}", sections[name], row["marker"], row["indicators"], "verbatim", row["source"][:300])
        )
    QualityChecklist.objects.filter(is_current=True).update(is_current=False)
    row = QualityChecklist.objects.create(
        version=version,
        is_current=True,
        notes=notes,
        sections=[[code, name] for name, code in sections.items()],
        markers=[asdict(marker) for marker in markers],
    )
    return _from_row(row)
