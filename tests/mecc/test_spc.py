"""XmR charts against series worked out by hand: mean, process limits, each special-cause rule, and the variation
and assurance summaries in the NHS "Making Data Count" style."""

import pytest

from common.charts import spc_chart
from common.spc import MINIMUM_POINTS, xmr


def chart(values, **options):
    return xmr([f"W{n}" for n in range(len(values))], values, **options)


def flagged(result) -> dict[int, set[str]]:
    return {index: point.special for index, point in enumerate(result.points) if point.special}


def test_a_stable_series_has_common_cause_variation_only():
    # mean 171 / 15 = 11.4; moving ranges 2,1,2,3 (x3) then 2,1: 27 / 14 = 1.9286; limits 11.4 ± 2.66 x 1.9286.
    result = chart([10, 12, 11, 13] * 3 + [10, 12, 11])
    assert result.mean == pytest.approx(11.4)
    assert (result.upper, result.lower) == (pytest.approx(16.53, abs=0.005), pytest.approx(6.27, abs=0.005))
    assert flagged(result) == {} and result.variation == "common cause variation"


def test_a_point_outside_the_limits():
    # The last 11 becomes 20: mean 180 / 15 = 12; ranges 34 / 14 = 2.4286; upper limit 12 + 6.46 = 18.46 < 20.
    result = chart([10, 12, 11, 13] * 3 + [10, 12, 20])
    assert result.upper == pytest.approx(18.46, abs=0.005)
    assert flagged(result) == {14: {"outside the limits"}}
    assert result.variation == "special cause improvement"
    assert chart([10, 12, 11, 13] * 3 + [10, 12, 20], higher_is_better=False).variation == "special cause concern"


def test_a_run_of_seven_on_one_side_of_the_mean():
    # mean 158.5 / 15 = 10.567; the last seven (11, 11.5, ...) all sit above it; nothing is near a limit.
    result = chart([12, 8] * 4 + [11, 11.5, 11, 11.5, 11, 11.5, 11])
    assert result.mean == pytest.approx(10.5667, abs=0.0001)
    assert flagged(result) == {index: {"run on one side of the mean"} for index in range(8, 15)}
    six_only = chart([12, 8] * 4 + [10, 11, 11.5, 11, 11.5, 11, 11.5])  # the first of them falls below the mean
    assert not any("run on one side of the mean" in s for s in flagged(six_only).values())


def test_a_trend_of_six_rising_points():
    # 9, 9.5, 10, 10.5, 11, 11.5 each higher than the one before; mean 10.633, limits 14.34 and 6.93.
    result = chart([10, 12] * 4 + [10, 9, 9.5, 10, 10.5, 11, 11.5])
    assert (result.upper, result.lower) == (pytest.approx(14.338, abs=0.001), pytest.approx(6.928, abs=0.001))
    assert flagged(result) == {index: {"trend"} for index in range(9, 15)}
    five = chart([10, 12] * 4 + [10, 12, 9, 9.5, 10, 10.5, 11])
    assert not any("trend" in s for s in flagged(five).values())


def test_two_of_three_beyond_two_sigma_on_one_side():
    # mean 10.867; ranges 15.6 / 14 = 1.1143; sigma 0.9878; two sigma above the mean 12.84; upper limit 13.83.
    result = chart([10, 11] * 6 + [10, 13.4, 13.6])
    assert flagged(result) == {13: {"two of three near a limit"}, 14: {"two of three near a limit"}}


@pytest.mark.parametrize(
    ("target", "assurance"),
    [
        (5, "consistently passing the target"),
        (8, "hit and miss: the target lies within the process limits"),
        (30, "consistently failing the target"),
    ],
)
def test_assurance_against_a_target(target, assurance):
    assert chart([10, 11] * 6 + [10, 13.4, 13.6], target=target).assurance == assurance


def test_fewer_than_fifteen_points_give_no_limits_and_the_chart_says_so():
    result = chart([3] * (MINIMUM_POINTS - 1))
    assert not result.enough and result.variation == "not enough points"
    svg = spc_chart(result, "Conversations per week")
    assert "Fewer than 15 points" in svg and "stroke-dasharray" not in svg


def test_the_spc_chart_draws_mean_limits_and_highlights_special_causes():
    result = chart([10, 12, 11, 13] * 3 + [10, 12, 20])
    svg = spc_chart(result, "Conversations per week")
    assert svg.count('stroke-dasharray="6 4"') == 2  # the two process limits
    assert svg.count("<circle") == 15 and svg.count('fill="#ed8b00"') == 0  # higher is better: improvement
    assert svg.count('fill="#41b6e6"') == 1 and "special cause improvement" in svg
    assert "style=" not in svg and 'viewBox="0 0 360 ' in svg
