"""SVG charts drawn from Django templates (templates/charts/), shared by pages and PDF reports.

Each function returns an <svg> element with role="img" and a label; the page shows the same figures in a table
beside it. No script and no style attribute (the Content Security Policy forbids inline styles): colours and sizes
are SVG presentation attributes, which browsers and WeasyPrint both read. The viewBox is 360 units wide, so at a
360 px phone every label is drawn at 12 px or more; on a wider screen the chart scales up to 640 px. Labels are
escaped by the template engine (a team called "Ward $x$ <b>" is text, nothing else).
"""

import math

from django.template.loader import render_to_string

NHS_BLUE = "#005eb8"
PALE_BLUE = "#aecce8"
TEXT = "#212b32"
GRID = "#d8dde0"
WIDTH = 360
LEFT, RIGHT = 40, 352  # plot area of the charts over time
FONT = 12


def nice_top(largest: float) -> tuple[float, float]:
    """(top of the axis, step between gridlines) for values up to `largest`: steps of 1, 2 or 5 times a power of 10."""
    if largest <= 0:
        return 1, 1
    raw = largest / 4
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    if step < 1 and float(largest).is_integer():
        step = 1
    return step * math.ceil(largest / step), step


def _number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def _gridlines(top: float, step: float, plot_top: int, plot_bottom: int) -> list[dict]:
    lines, value = [], 0.0
    while value <= top + 1e-9:
        y = plot_bottom - (plot_bottom - plot_top) * value / top
        lines.append({"y": round(y, 1), "label": _number(value)})
        value += step
    return lines


def horizontal_bars(labels: list[str], values: list[int], label: str) -> str:
    """One bar per item, its label on the line above it and its value after it."""
    row, bar_left, bar_room = 34, 4, 290
    largest = max(values or [0]) or 1
    rows = []
    for index, (name, value) in enumerate(zip(labels, values, strict=True)):
        top = index * row
        width = round(bar_room * value / largest, 1)
        rows.append({"label": _fit(name), "title": name, "value": f"{value:,}", "label_y": top + 13, "bar_y": top + 17,
                     "width": width, "value_x": round(bar_left + width + 4, 1), "value_y": top + 27})  # fmt: skip
    context = {"label": label, "rows": rows, "height": max(len(rows), 1) * row + 4, "bar_left": bar_left}
    return _render("charts/horizontal_bars.svg", context)


def columns_over_time(
    labels: list[str], values: list[int], label: str, every: int = 1, partial_last: bool = False
) -> str:
    """One column per period; `partial_last` draws the last one pale and dashed (a period not yet over)."""
    plot_top, plot_bottom = 8, 150
    top, step = nice_top(max(values or [0]))
    slot = (RIGHT - LEFT) / max(len(values), 1)
    columns = []
    for index, (name, value) in enumerate(zip(labels, values, strict=True)):
        height = (plot_bottom - plot_top) * value / top
        columns.append({
            "x": round(LEFT + index * slot + slot * 0.1, 1), "width": round(slot * 0.8, 1),
            "y": round(plot_bottom - height, 1), "height": round(height, 1),
            "partial": partial_last and index == len(values) - 1,
            "label": name if index % every == 0 else "", "label_x": round(LEFT + index * slot + slot / 2, 1),
            "title": f"{name}: {value:,}",
        })  # fmt: skip
    context = {"label": label, "columns": columns, "grid": _gridlines(top, step, plot_top, plot_bottom),
               "plot_bottom": plot_bottom, "left": LEFT, "right": RIGHT, "height": plot_bottom + 40,
               "partial_last": partial_last and bool(values)}  # fmt: skip
    return _render("charts/columns.svg", context)


def line_over_time(labels: list[str], values: list[float], label: str) -> str:
    """A line through one point per period."""
    plot_top, plot_bottom = 8, 150
    top, step = nice_top(max(values or [0]))
    slot = (RIGHT - LEFT) / max(len(values), 1)
    points = [
        {"x": round(LEFT + index * slot + slot / 2, 1), "y": round(plot_bottom - (plot_bottom - plot_top) * v / top, 1),
         "label": name, "title": f"{name}: {_number(v)}"}
        for index, (name, v) in enumerate(zip(labels, values, strict=True))
    ]  # fmt: skip
    every = max(1, math.ceil(len(points) / 6))  # at most six labels fit under a 360-unit axis
    for index, point in enumerate(points):
        if index % every:
            point["label"] = ""
    context = {"label": label, "points": points, "path": " ".join(f"{p['x']},{p['y']}" for p in points),
               "grid": _gridlines(top, step, plot_top, plot_bottom), "plot_bottom": plot_bottom, "left": LEFT,
               "right": RIGHT, "height": plot_bottom + 40}  # fmt: skip
    return _render("charts/line.svg", context)


IMPROVEMENT, CONCERN = "#41b6e6", "#ed8b00"  # Making Data Count: blue improvement, orange concern


def spc_chart(result, label: str) -> str:
    """An XmR chart (common.spc.xmr): the points and line, the mean, the two process limits (dashed), special-cause
    points coloured blue (improvement) or orange (concern), and the variation and assurance in words beneath."""
    plot_top, plot_bottom = 8, 150
    values = [p.value for p in result.points]
    limits = [result.upper, result.lower] if result.enough else []
    highest = max(values + [v for v in limits + [result.target] if v is not None] or [0])
    top, step = nice_top(highest)
    slot = (RIGHT - LEFT) / max(len(values), 1)

    def y(value):
        return round(plot_bottom - (plot_bottom - plot_top) * max(value, 0) / top, 1)

    every = max(1, math.ceil(len(values) / 6))
    points = []
    for index, point in enumerate(result.points):
        colour, title = NHS_BLUE, f"{point.label}: {_number(point.value)}"
        if point.is_special:
            improving = (point.value > result.mean) == result.higher_is_better
            colour = IMPROVEMENT if improving else CONCERN
            title += f" (special cause: {', '.join(sorted(point.special))})"
        points.append(
            {
                "x": round(LEFT + index * slot + slot / 2, 1),
                "y": y(point.value),
                "colour": colour,
                "label": point.label if index % every == 0 else "",
                "title": title,
            }
        )
    lines = []
    if result.enough:
        lines = [
            {"y": y(result.mean), "dash": "", "name": f"mean {_number(result.mean)}"},
            {"y": y(result.upper), "dash": "6 4", "name": f"upper limit {_number(result.upper)}"},
            {"y": y(max(result.lower, 0)), "dash": "6 4", "name": f"lower limit {_number(result.lower)}"},
        ]
    if result.target is not None:
        lines.append({"y": y(result.target), "dash": "2 3", "name": f"target {_number(result.target)}"})
    summary = [result.variation] + ([result.assurance] if result.assurance else [])
    if not result.enough:
        summary = [f"Fewer than 15 points: no process limits yet ({len(values)} so far)"]
    context = {
        "label": label,
        "points": points,
        "path": " ".join(f"{p['x']},{p['y']}" for p in points),
        "lines": lines,
        "grid": _gridlines(top, step, plot_top, plot_bottom),
        "plot_bottom": plot_bottom,
        "left": LEFT,
        "right": RIGHT,
        "summary": summary,
        "height": plot_bottom + 28 + 16 * len(summary),
    }
    return _render("charts/spc.svg", context)


def _fit(text: str, room: int = 52) -> str:
    """A label that fits one line of the 360-unit chart (about 52 characters of 12 px Arial); the full text is in
    the bar's tooltip and the table beside the chart."""
    return text if len(text) <= room else text[: room - 1].rstrip() + "…"


def _plain(value):
    """Numbers as the short strings SVG wants, before the template sees them: the template engine would otherwise
    localise every coordinate (a third of a chart's rendering time went on that), and "12.0" is just "12"."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int | float):
        return f"{round(value, 1):g}"
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def _render(template: str, context: dict) -> str:
    colours = {"blue": NHS_BLUE, "pale": PALE_BLUE, "text": TEXT, "grid_colour": GRID, "font": FONT, "width": WIDTH}
    return render_to_string(template, _plain({**colours, **context})).strip()
