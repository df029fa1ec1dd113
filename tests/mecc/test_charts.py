"""The SVG charts drawn from templates: axes on round numbers, bars to scale, a period not yet over drawn as such,
labels escaped and legible at 360 px, and nothing the Content Security Policy would refuse."""

import re

import pytest

from common.charts import columns_over_time, horizontal_bars, line_over_time, nice_top


@pytest.mark.parametrize(
    ("largest", "top", "step"),
    [(0, 1, 1), (3, 3, 1), (7, 8, 2), (13, 15, 5), (20, 20, 5), (2500, 3000, 1000), (86, 100, 50)],
)
def test_the_axis_ends_on_a_round_number_just_above_the_largest_value(largest, top, step):
    assert nice_top(largest) == (top, step)


def test_bars_are_drawn_to_scale_with_their_values():
    svg = horizontal_bars(["Smoking", "Alcohol", "Diet"], [5, 10, 0], "Topics")
    widths = [float(w) for w in re.findall(r'<rect [^>]*width="([\d.]+)"', svg)]
    assert widths == [145.0, 290.0, 0.0]
    assert ">10<" in svg and ">Alcohol<" in svg and 'aria-label="Topics"' in svg


def test_a_long_label_is_shortened_on_the_chart_and_kept_whole_in_its_tooltip():
    name = "Said they intend to use a service, or know how to use one, and then some more words"
    svg = horizontal_bars([name], [3], "Outcomes")
    assert f"<title>{name}: 3</title>" in svg.replace("&#x27;", "'")
    shown = re.search(r'<text x="4" y="13">([^<]+)</text>', svg).group(1)
    assert shown.endswith("…") and len(shown) <= 52


def test_the_last_period_not_yet_over_is_drawn_pale_and_dashed_and_said_so():
    svg = columns_over_time(["1 Jan", "8 Jan", "15 Jan"], [10, 20, 5], "Per week", partial_last=True)
    rects = re.findall(r"<rect [^>]*>", svg)
    assert "stroke-dasharray" in rects[-1] and all("stroke-dasharray" not in r for r in rects[:-1])
    assert "(period not yet over)" in svg and "a period not yet over" in svg
    assert "stroke-dasharray" not in columns_over_time(["1 Jan"], [3], "Per week")


def test_labels_are_text_never_markup_and_nothing_is_styled_inline():
    team = 'Ward <b>7</b> & "$x^2$"'
    for svg in (
        horizontal_bars([team], [3], "Teams"),
        columns_over_time([team], [3], "Weeks"),
        line_over_time([team, "Nov"], [1.5, 3.0], "Trend"),
    ):
        assert "<b>" not in svg and "&lt;b&gt;7&lt;/b&gt; &amp;" in svg
        assert "style=" not in svg and "<style" not in svg and "<script" not in svg
        assert 'viewBox="0 0 360 ' in svg  # drawn for a 360 px phone: 12-unit text is 12 px there
        sizes = [int(size) for size in re.findall(r'font-size="(\d+)"', svg)]
        assert sizes and min(sizes) >= 12


def test_a_line_marks_every_point_and_labels_at_most_six():
    labels = [f"M{n}" for n in range(12)]
    svg = line_over_time(labels, list(range(12)), "Coverage")
    assert svg.count("<circle") == 12
    assert len(re.findall(r'<text [^>]*text-anchor="middle">M\d+</text>', svg)) == 6
