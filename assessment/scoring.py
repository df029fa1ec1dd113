"""Scores of an assessment against the scheme it was scored with: per factor, per domain and in total."""

from dataclasses import dataclass
from decimal import Decimal

from assessment import content

ZERO = Decimal("0")


@dataclass
class FactorResult:
    factor: object
    rating: object
    level: object  # FactorLevel or None
    score: Decimal
    maximum: Decimal
    provisional: bool  # the score or the maximum rests on a provisional weight

    @property
    def room(self) -> Decimal:
        return self.maximum - self.score

    @property
    def percent(self) -> int:
        return round(100 * self.score / self.maximum) if self.maximum else 0


@dataclass
class DomainResult:
    code: str
    label: str
    score: Decimal
    maximum: Decimal

    @property
    def percent(self) -> int:
        return round(100 * self.score / self.maximum) if self.maximum else 0


@dataclass
class Result:
    factors: list[FactorResult]
    domains: list[DomainResult]
    total: Decimal
    maximum: Decimal
    threshold: Decimal
    threshold_provisional: bool
    rated: int

    @property
    def uses_provisional(self) -> bool:
        return self.threshold_provisional or any(f.provisional for f in self.factors)

    @property
    def hopeful(self) -> bool:
        return self.total >= self.threshold

    @property
    def most_room(self) -> list[FactorResult]:
        """The three factors with most room to improve (ties broken by factor number)."""
        return sorted(self.factors, key=lambda f: (-f.room, f.factor.number))[:3]

    def factor(self, number: int) -> FactorResult:
        return next(f for f in self.factors if f.factor.number == number)


def score(assessment) -> Result:
    ratings = list(
        assessment.ratings.select_related("factor", "level")
        .prefetch_related("factor__levels")
        .order_by("factor__number")
    )
    factors = []
    for rating in ratings:
        levels = list(rating.factor.levels.all())
        top = max(levels, key=lambda lv: lv.weight)
        chosen = rating.level
        factors.append(
            FactorResult(
                factor=rating.factor,
                rating=rating,
                level=chosen,
                score=chosen.weight if chosen else ZERO,
                maximum=top.weight,
                provisional=top.provisional or (chosen is not None and chosen.provisional),
            )
        )
    domains = [
        DomainResult(
            code,
            label,
            sum((f.score for f in factors if f.factor.domain == code), ZERO),
            sum((f.maximum for f in factors if f.factor.domain == code), ZERO),
        )
        for code, label in content.DOMAINS
    ]
    scheme = assessment.scheme
    return Result(
        factors=factors,
        domains=domains,
        total=sum((f.score for f in factors), ZERO),
        maximum=sum((f.maximum for f in factors), ZERO),
        threshold=scheme.threshold,
        threshold_provisional=scheme.threshold_provenance == "provisional",
        rated=sum(1 for f in factors if f.level is not None),
    )
