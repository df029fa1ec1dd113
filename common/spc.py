"""Statistical process control in the NHS "Making Data Count" style: an XmR (individuals and moving range) chart's
mean and process limits, the special-cause rules, and the variation and assurance summaries.

- Process limits: mean ± 2.66 × the mean moving range (2.66 = 3 / d2, d2 = 1.128 for ranges of two points).
- Special cause, by the usual rules: a point outside the limits; a run of 7 or more points on one side of the mean;
  a trend of 6 or more points each higher (or lower) than the one before; two of three points in a row beyond two
  sigma on the same side of the mean (sigma = mean moving range / 1.128).
- Fewer than MINIMUM_POINTS points give no limits: the chart says so instead of guessing.
"""

from dataclasses import dataclass, field

MINIMUM_POINTS = 15
LIMIT_FACTOR = 2.66
D2 = 1.128
RUN, TREND = 7, 6


@dataclass
class Point:
    label: str
    value: float
    special: set[str] = field(default_factory=set)  # the rules this point takes part in

    @property
    def is_special(self) -> bool:
        return bool(self.special)


@dataclass
class XmR:
    points: list[Point]
    mean: float | None
    upper: float | None
    lower: float | None
    higher_is_better: bool = True
    target: float | None = None

    @property
    def enough(self) -> bool:
        return self.mean is not None

    @property
    def variation(self) -> str:
        """Common cause, or special cause improvement / concern, judged by the latest point's signals."""
        if not self.enough:
            return "not enough points"
        latest = self.points[-1]
        if not latest.is_special:
            return "common cause variation"
        above = latest.value > self.mean
        return "special cause improvement" if above == self.higher_is_better else "special cause concern"

    @property
    def assurance(self) -> str | None:
        """Whether the process will meet the target: only while the target lies outside the process limits."""
        if not self.enough or self.target is None:
            return None
        if self.lower <= self.target <= self.upper:
            return "hit and miss: the target lies within the process limits"
        passes = self.lower > self.target if self.higher_is_better else self.upper < self.target
        return "consistently passing the target" if passes else "consistently failing the target"


def xmr(labels: list[str], values: list[float], higher_is_better: bool = True, target: float | None = None) -> XmR:
    points = [Point(label, float(value)) for label, value in zip(labels, values, strict=True)]
    if len(points) < MINIMUM_POINTS:
        return XmR(points, None, None, None, higher_is_better, target)
    numbers = [p.value for p in points]
    mean = sum(numbers) / len(numbers)
    moving = [abs(b - a) for a, b in zip(numbers, numbers[1:], strict=False)]
    mean_range = sum(moving) / len(moving)
    upper, lower = mean + LIMIT_FACTOR * mean_range, mean - LIMIT_FACTOR * mean_range
    sigma = mean_range / D2
    _outside(points, upper, lower)
    _runs(points, mean)
    _trends(points)
    _near_limits(points, mean, sigma)
    return XmR(points, mean, upper, lower, higher_is_better, target)


def _outside(points, upper, lower):
    for point in points:
        if point.value > upper or point.value < lower:
            point.special.add("outside the limits")


def _runs(points, mean):
    """RUN or more consecutive points on the same side of the mean (a point on the mean breaks the run)."""
    start = 0
    while start < len(points):
        side = _side(points[start].value, mean)
        end = start
        while side and end + 1 < len(points) and _side(points[end + 1].value, mean) == side:
            end += 1
        if side and end - start + 1 >= RUN:
            for point in points[start : end + 1]:
                point.special.add("run on one side of the mean")
        start = end + 1


def _side(value, other) -> int:
    return (value > other) - (value < other)


def _trends(points):
    """TREND or more consecutive points each higher (or each lower) than the one before; a repeat breaks it."""
    start = 0
    while start < len(points) - 1:
        step = _side(points[start + 1].value, points[start].value)
        if not step:
            start += 1
            continue
        end = start + 1
        while end + 1 < len(points) and _side(points[end + 1].value, points[end].value) == step:
            end += 1
        if end - start + 1 >= TREND:
            for point in points[start : end + 1]:
                point.special.add("trend")
        start = end  # a turning point may begin the next trend


def _near_limits(points, mean, sigma):
    """Two of three consecutive points beyond two sigma, on the same side of the mean."""
    for index in range(len(points) - 2):
        window = points[index : index + 3]
        for side in (1, -1):
            beyond = [p for p in window if side * (p.value - mean) > 2 * sigma]
            if len(beyond) >= 2:
                for point in beyond:
                    point.special.add("two of three near a limit")
