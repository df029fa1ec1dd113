"""Results of an assessment against the scheme it was scored with.

The primary result is the A-D profile, per factor and per domain, as the Sustainability Model's own bar chart and
portal diagram show it. A weighted score is added only over the factors whose chosen weight and maximum are both
verified, and says which factors it covers. The factors rated lowest are ranked by level, never by weights.
"""

from dataclasses import dataclass
from decimal import Decimal

from assessment import content

ZERO = Decimal("0")
LEVEL_RANK = {"a": 4, "b": 3, "c": 2, "d": 1}  # for ordering and the profile chart; not a score
CHART_ROW, CHART_UNIT, CHART_LEFT = 42, 75, 4


@dataclass
class FactorResult:
    factor: object
    rating: object
    level: object  # FactorLevel or None

    @property
    def letter(self) -> str:
        return self.level.level.upper() if self.level else ""

    @property
    def rank(self) -> int:
        return LEVEL_RANK[self.level.level] if self.level else 0

    @property
    def weight(self) -> Decimal | None:
        return self.level.weight if self.level is not None and self.level.is_verified else None

    @property
    def maximum(self) -> Decimal | None:
        return self.factor.maximum

    @property
    def weighed(self) -> bool:
        return self.weight is not None and self.maximum is not None


def level_counts(factors) -> dict[str, int]:
    """{"A": n, "B": n, "C": n, "D": n}: how many of these factors sit at each level (unrated ones at none)."""
    return {letter.upper(): sum(1 for f in factors if f.letter == letter.upper()) for letter in content.LEVELS}


@dataclass
class DomainProfile:
    code: str
    label: str
    factors: list[FactorResult]

    @property
    def counts(self) -> dict[str, int]:
        return level_counts(self.factors)


@dataclass
class WeightedScore:
    covered: list[FactorResult]
    of: int  # how many factors the assessment has

    @property
    def total(self) -> Decimal:
        return sum((f.weight for f in self.covered), ZERO)

    @property
    def maximum(self) -> Decimal:
        return sum((f.maximum for f in self.covered), ZERO)

    @property
    def complete(self) -> bool:
        return len(self.covered) == self.of

    @property
    def sources(self) -> list[str]:
        cited = []
        for f in self.covered:
            for level in (f.level, next(lv for lv in f.factor.levels.all() if lv.level == "a")):
                if level.weight_source and level.weight_source not in cited:
                    cited.append(level.weight_source)
        return cited


@dataclass
class Result:
    factors: list[FactorResult]
    domains: list[DomainProfile]
    rated: int

    @property
    def counts(self) -> dict[str, int]:
        return level_counts(self.factors)

    @property
    def strong(self) -> int:
        """Factors rated A or B: the count objectives and trends follow."""
        return sum(1 for f in self.factors if f.rank >= LEVEL_RANK["b"])

    @property
    def weighted(self) -> WeightedScore | None:
        covered = [f for f in self.factors if f.weighed]
        return WeightedScore(covered, len(self.factors)) if covered else None

    @property
    def lowest(self) -> list[FactorResult]:
        """Up to three factors below A, the lowest level first (ties by factor number)."""
        below = [f for f in self.factors if f.level is not None and f.rank < LEVEL_RANK["a"]]
        return sorted(below, key=lambda f: (f.rank, f.factor.number))[:3]

    def factor(self, number: int) -> FactorResult:
        return next(f for f in self.factors if f.factor.number == number)

    # Geometry of the level-profile chart (assessment/level_profile_chart.html): a 360-unit-wide viewBox, so its text
    # is drawn at about its own size on a phone; each factor is a label line above a bar of 75 units per level.
    @property
    def chart_rows(self) -> list[dict]:
        rows = []
        for index, factor in enumerate(self.factors):
            top, width = index * CHART_ROW, factor.rank * CHART_UNIT
            rows.append(
                {
                    "factor": factor,
                    "label_y": top + 14,
                    "bar_y": top + 20,
                    "width": width,
                    "text_x": CHART_LEFT + width + 6,
                    "text_y": top + 32,
                }
            )
        return rows

    @property
    def chart_plot_height(self) -> int:
        return len(self.factors) * CHART_ROW

    @property
    def chart_axis_y(self) -> int:
        return self.chart_plot_height + 14

    @property
    def chart_height(self) -> int:
        return self.chart_plot_height + 20

    @property
    def chart_axis(self) -> list[tuple[int, str]]:
        return [
            (CHART_LEFT + rank * CHART_UNIT, letter.upper())
            for letter, rank in sorted(LEVEL_RANK.items(), key=lambda i: i[1])
        ]


def score(assessment) -> Result:
    ratings = list(
        assessment.ratings.select_related("factor", "level")
        .prefetch_related("factor__levels")
        .order_by("factor__number")
    )
    factors = [FactorResult(factor=rating.factor, rating=rating, level=rating.level) for rating in ratings]
    domains = [
        DomainProfile(code, label, [f for f in factors if f.factor.domain == code]) for code, label in content.DOMAINS
    ]
    return Result(factors=factors, domains=domains, rated=sum(1 for f in factors if f.level is not None))


def complete_total(result: Result) -> Decimal | None:
    """The weighted total to store with a completed assessment: only when it covers every factor."""
    weighted = result.weighted
    return weighted.total if weighted is not None and weighted.complete else None
