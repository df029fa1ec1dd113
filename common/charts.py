"""SVG charts drawn on the server with matplotlib, shared by pages and PDF reports.

Each function returns an <svg> element (text kept as text, sized by its viewBox so it shrinks on a phone) with
role="img" and a label; the page shows the same figures in a table beside it.
"""

import hashlib
import io
import logging
import re

import matplotlib
from django.core.cache import cache

matplotlib.use("svg")

from matplotlib import pyplot as plt  # noqa: E402 - the backend must be chosen first

NHS_BLUE = "#005eb8"
TEXT = "#212b32"
GRID = "#d8dde0"
plt.rcParams.update(
    {
        "svg.fonttype": "none",
        "text.parse_math": False,  # labels are people's words: a team called "Ward $x$" is text, not TeX (L5)
        "svg.hashsalt": "mecc",
        "font.family": ["Liberation Sans", "DejaVu Sans"],
        "font.size": 10,
        "text.color": TEXT,
        "axes.labelcolor": TEXT,
        "xtick.color": TEXT,
        "ytick.color": TEXT,
        "axes.edgecolor": GRID,
    }
)


logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)
CACHE_SECONDS = 24 * 60 * 60


def cached(draw):
    """Drawing takes ~0.1 s; the same figures give the same picture, so keep it in the cache."""

    def wrapper(*args, **kwargs):
        key = "chart:v2:" + hashlib.sha256(repr((draw.__name__, args, sorted(kwargs.items()))).encode()).hexdigest()
        svg = cache.get(key)
        if svg is None:
            svg = draw(*args, **kwargs)
            cache.set(key, svg, CACHE_SECONDS)
        return svg

    return wrapper


def _svg(figure, label: str) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(figure)
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r'\s(width|height)="[^"]*pt"', "", svg, count=2)
    svg = _without_inline_styles(svg)
    safe_label = label.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
    return svg.replace("<svg", f'<svg role="img" aria-label="{safe_label}" class="app-chart"', 1)


STYLE_ATTRIBUTE = re.compile(r'\sstyle="([^"]*)"')
STYLE_ELEMENT = re.compile(r"<style[^>]*>\*\{([^}]*)\}</style>")


def _without_inline_styles(svg: str) -> str:
    """matplotlib writes style="fill: …" and a <style> element; the Content Security Policy forbids inline styles,
    so each declaration becomes the SVG presentation attribute of the same name (which every renderer, WeasyPrint
    included, understands), and the <style> rule for every element moves onto the root, whence it is inherited."""

    def attributes(declarations: str) -> str:
        pairs = (d.split(":", 1) for d in declarations.split(";") if ":" in d)
        return "".join(f' {name.strip()}="{value.strip()}"' for name, value in pairs)

    root_rule = STYLE_ELEMENT.search(svg)
    svg = STYLE_ELEMENT.sub("", svg)
    svg = STYLE_ATTRIBUTE.sub(lambda match: attributes(match.group(1)), svg)
    if root_rule:
        svg = svg.replace("<svg", "<svg" + attributes(root_rule.group(1)), 1)
    return svg


@cached
def horizontal_bars(labels: list[str], values: list[int], label: str) -> str:
    height = 0.5 + 0.38 * max(len(labels), 1)
    figure, axes = plt.subplots(figsize=(6.4, height))
    positions = range(len(labels))
    axes.barh(list(positions), values, color=NHS_BLUE)
    axes.set_yticks(list(positions), labels)
    axes.invert_yaxis()
    axes.xaxis.grid(True, color=GRID)
    axes.set_axisbelow(True)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    for position, value in zip(positions, values, strict=True):
        axes.text(value, position, f" {value:,}", va="center", fontsize=9)
    if not any(values):
        axes.set_xlim(0, 1)
    return _svg(figure, label)


@cached
def columns_over_time(labels: list[str], values: list[int], label: str, every: int = 1) -> str:
    figure, axes = plt.subplots(figsize=(6.4, 2.6))
    positions = list(range(len(labels)))
    axes.bar(positions, values, color=NHS_BLUE, width=0.8)
    axes.set_xticks(positions[::every], labels[::every], rotation=0)
    axes.yaxis.grid(True, color=GRID)
    axes.set_axisbelow(True)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    if not any(values):
        axes.set_ylim(0, 1)
    return _svg(figure, label)


@cached
def line_over_time(labels: list[str], values: list[float], label: str, reference: float | None = None) -> str:
    figure, axes = plt.subplots(figsize=(6.4, 2.6))
    positions = list(range(len(labels)))
    axes.plot(positions, values, color=NHS_BLUE, marker="o")
    if reference is not None:
        axes.axhline(reference, color=TEXT, linestyle="--", linewidth=1)
        axes.text(0, reference, f" threshold {reference:g}", va="bottom", fontsize=8)
    axes.set_xticks(positions, labels)
    axes.yaxis.grid(True, color=GRID)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.set_ylim(bottom=0)
    return _svg(figure, label)
