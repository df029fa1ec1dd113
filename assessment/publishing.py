"""Publishing a corrected scoring scheme: copy a scheme, correct the copy, then make it current."""

from django.db import transaction

from assessment import content
from assessment.models import FactorLevel, SchemeFactor, ScoringScheme


def install_shipped_scheme(Scheme=ScoringScheme, Factor=SchemeFactor, Level=FactorLevel):  # noqa: N803
    """Create the scheme in assessment/content.py if it is missing, as current. The migration passes its
    historical models; tests whose database is flushed between them call it with the real ones."""
    if Scheme.objects.filter(version=content.SCHEME_VERSION).exists():
        return
    Scheme.objects.filter(is_current=True).update(is_current=False)
    scheme = Scheme.objects.create(
        version=content.SCHEME_VERSION,
        is_current=True,
        threshold=content.THRESHOLD,
        threshold_provenance=content.THRESHOLD_PROVENANCE,
        notes=content.__doc__,
    )
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
                    weight=weights[level][0],
                    weight_provenance="verified" if weights[level][1] else "provisional",
                )
                for level, description in zip(content.LEVELS, spec.descriptions, strict=True)
            ]
        )


@transaction.atomic
def copy_scheme(scheme: ScoringScheme, version: str) -> ScoringScheme:
    copy = ScoringScheme.objects.create(
        version=version,
        is_current=False,
        threshold=scheme.threshold,
        threshold_provenance=scheme.threshold_provenance,
        notes=scheme.notes,
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
                )
                for lv in levels
            ]
        )
    return copy
