"""Publishing scoring schemes: the shipped one, copies, and a new version carrying the official scoring sheet's
weights, each with its citation. Assessments keep the scheme they were scored with."""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction

from assessment import content
from assessment.models import FactorLevel, SchemeFactor, ScoringScheme
from common.sheets import lines_of

SHEET_COLUMNS = ("factor", "level", "weight", "source")


def install_shipped_scheme(Scheme=ScoringScheme, Factor=SchemeFactor, Level=FactorLevel):  # noqa: N803
    """Create the scheme in assessment/content.py if it is missing, as current. The migration passes its
    historical models; tests whose database is flushed between them call it with the real ones."""
    if Scheme.objects.filter(version=content.SCHEME_VERSION).exists():
        return
    Scheme.objects.filter(is_current=True).update(is_current=False)
    scheme = Scheme.objects.create(version=content.SCHEME_VERSION, is_current=True, notes=content.__doc__)
    for spec in content.FACTORS:
        factor = Factor.objects.create(
            scheme=scheme,
            number=spec.number,
            domain=spec.domain,
            label=spec.label,
            name=spec.name,
            question=spec.question,
            suggestion=spec.suggestion,
            checklist_actions=list(spec.checklist_actions),
        )
        weights = content.level_weights(spec)
        Level.objects.bulk_create(
            [
                Level(
                    factor=factor,
                    level=level,
                    description=description,
                    description_provenance="provisional",
                    weight=weights[level],
                    weight_provenance="verified" if weights[level] is not None else "not_known",
                    weight_source=content.WEIGHT_SOURCE if weights[level] is not None else "",
                )
                for level, description in zip(content.LEVELS, spec.descriptions, strict=True)
            ]
        )


@transaction.atomic
def copy_scheme(scheme: ScoringScheme, version: str, notes: str | None = None) -> ScoringScheme:
    copy = ScoringScheme.objects.create(
        version=version, is_current=False, notes=scheme.notes if notes is None else notes
    )
    for factor in scheme.factors.prefetch_related("levels"):
        levels = list(factor.levels.all())
        factor.pk, factor.scheme = None, copy
        factor.save()
        FactorLevel.objects.bulk_create(
            [
                FactorLevel(
                    factor=factor,
                    level=lv.level,
                    description=lv.description,
                    description_provenance=lv.description_provenance,
                    weight=lv.weight,
                    weight_provenance=lv.weight_provenance,
                    weight_source=lv.weight_source,
                )
                for lv in levels
            ]
        )
    return copy


def read_sheet(lines) -> list[dict]:
    """Rows of a scoring sheet CSV (factor, level, weight, source), checked; a ValidationError lists every bad row
    by its line number, and nothing is published."""
    rows, errors, seen = [], [], set()
    for line, raw in lines_of(lines, SHEET_COLUMNS):
        factor, level, source = raw["factor"], raw["level"].lower(), raw["source"]
        problems = []
        if not factor.isdigit() or not 1 <= int(factor) <= len(content.FACTORS):
            problems.append(f"factor must be a number from 1 to {len(content.FACTORS)}")
        if level not in content.LEVELS:
            problems.append("level must be a, b, c or d")
        try:
            weight = Decimal(raw["weight"])
            if weight < 0 or weight != weight.quantize(Decimal("0.1")) or weight >= 1000:
                raise InvalidOperation
        except InvalidOperation:
            problems.append("weight must be a number from 0 with at most one decimal place")
            weight = None
        if not source:
            problems.append("source must cite where the weight comes from")
        if (factor, level) in seen:
            problems.append("this factor and level appear twice")
        seen.add((factor, level))
        if problems:
            errors.append(f"Line {line}: {'; '.join(problems)}.")
        else:
            rows.append({"factor": int(factor), "level": level, "weight": weight, "source": source[:300]})
    if errors:
        raise ValidationError(errors)
    if not rows:
        raise ValidationError("The sheet has no rows.")
    return rows


@transaction.atomic
def publish_weights(rows: list[dict], version: str, notes: str = "") -> ScoringScheme:
    """A new current scheme: a copy of the current one with these weights verified and cited. Weights the sheet
    does not give keep what they were (not known, unless verified before)."""
    if ScoringScheme.objects.filter(version=version).exists():
        raise ValidationError(f"Version {version} already exists; choose a new version name.")
    current = ScoringScheme.current()
    scheme = copy_scheme(current, version, notes=notes or current.notes)
    levels = {
        (lv.factor.number, lv.level): lv
        for lv in FactorLevel.objects.filter(factor__scheme=scheme).select_related("factor")
    }
    for row in rows:
        level = levels[(row["factor"], row["level"])]
        level.weight, level.weight_provenance, level.weight_source = row["weight"], "verified", row["source"]
    FactorLevel.objects.bulk_update(levels.values(), ["weight", "weight_provenance", "weight_source"])
    scheme.is_current = True
    scheme.save()
    return scheme
