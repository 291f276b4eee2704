"""Small inline SVG charts for the chat report: lines and stacked bars over months.

Hand-written SVG keeps the report one self-contained file with no script and no network; the
charts scale with `viewBox`, so they stay readable on a phone. Every label is escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

# Drawn small and scaled by the page: at about 440 user units wide, a chart is shown near its
# own size both in the page's two columns on a wide screen and in one column on a phone, so
# its 12-unit labels stay about 10 to 12 pixels high (a 640-wide chart put them at 6 on a phone).
WIDTH = 440
HEIGHT = 210
LEFT, RIGHT, TOP, BOTTOM = 40, 10, 14, 34
LEGEND_ROW = 18
FONT = 12  # label size in user units
CHAR = 7  # the width of one character of a label, about, in user units
MONTH_LABELS = 6  # the most month labels under an axis ("2024-01" takes about 50 units)
PALETTE = ("#3b6ea8", "#d1793b", "#5a9a5a", "#a8485a", "#7a5aa8", "#8a8a3a", "#3a8a8a")


@dataclass(frozen=True, slots=True)
class Series:
    """One named line or bar layer; None where a month has no value."""

    name: str
    values: tuple[float | None, ...]


def line_chart(
    title: str,
    labels: Sequence[str],
    series: Sequence[Series],
    *,
    reference: float | None = None,
    reference_label: str = "",
    top: float | None = None,
    percent: bool = False,
) -> str:
    """A line per series over `labels`, with an optional dashed reference line."""
    highest = _highest(series, reference, top)
    parts = [_frame(title, labels, highest, percent)]
    if reference is not None:
        y = _y(reference, highest)
        parts.append(
            f'<line class="ref" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="#888" stroke-dasharray="4 3"/>'
            f'<text x="{WIDTH - RIGHT}" y="{y - 3:.1f}" text-anchor="end" font-size="{FONT}" '
            f'fill="#666">{escape(reference_label)}</text>'
        )
    for index, item in enumerate(series):
        parts.append(_polyline(item, len(labels), highest, PALETTE[index % len(PALETTE)]))
    legend, rows = _legend(series)
    parts.append(legend)
    return _svg(title, parts, rows)


def stacked_bars(title: str, labels: Sequence[str], series: Sequence[Series]) -> str:
    """One bar per label, stacked from the series (missing values count as 0)."""
    totals = [sum(s.values[i] or 0 for s in series) for i in range(len(labels))]
    highest = _nice(max(totals, default=0.0))
    parts = [_frame(title, labels, highest, False)]
    step = _step(len(labels))
    width = max(step * 0.7, 1.0)
    for i in range(len(labels)):
        base = 0.0
        for index, item in enumerate(series):
            value = item.values[i] or 0
            if value <= 0:
                continue
            y_top, y_base = _y(base + value, highest), _y(base, highest)
            parts.append(
                f'<rect x="{_x(i, len(labels)) - width / 2:.1f}" y="{y_top:.1f}" '
                f'width="{width:.1f}" height="{y_base - y_top:.1f}" '
                f'fill="{PALETTE[index % len(PALETTE)]}"><title>{escape(item.name)} '
                f"{escape(labels[i])}: {value:g}</title></rect>"
            )
            base += value
    legend, rows = _legend(series)
    parts.append(legend)
    return _svg(title, parts, rows)


def _svg(title: str, parts: list[str], legend_rows: int) -> str:
    height = HEIGHT + LEGEND_ROW * legend_rows + 6
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'role="img" aria-label="{escape(title)}" class="chart">'
        f"<title>{escape(title)}</title>{''.join(parts)}</svg>"
    )


def _highest(series: Sequence[Series], reference: float | None, top: float | None) -> float:
    if top is not None:
        return top
    values = [v for s in series for v in s.values if v is not None]
    if reference is not None:
        values.append(reference)
    return _nice(max(values, default=0.0))


def _nice(value: float) -> float:
    """A round upper bound for a count axis whose middle tick is a whole number too."""
    magnitude = 1.0
    while True:
        for factor in (2, 4, 6, 8, 10):
            if magnitude * factor >= value:
                return magnitude * factor
        magnitude *= 10


def _step(count: int) -> float:
    return (WIDTH - LEFT - RIGHT) / max(count, 1)


def _x(index: int, count: int) -> float:
    return LEFT + _step(count) * (index + 0.5)


def _y(value: float, highest: float) -> float:
    share = min(max(value / highest, 0.0), 1.0) if highest else 0.0
    return TOP + (HEIGHT - TOP - BOTTOM) * (1 - share)


def _frame(title: str, labels: Sequence[str], highest: float, percent: bool) -> str:
    """Axes, three gridlines with their values, and at most MONTH_LABELS month labels."""
    parts = []
    for share in (0.0, 0.5, 1.0):
        y = _y(highest * share, highest)
        value = highest * share
        tick = (
            f"{value * 100:.0f}%"
            if percent
            else f"{value:,.0f}"
            if value.is_integer()
            else f"{value:g}"
        )
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ddd"/>'
            f'<text x="{LEFT - 4}" y="{y + 4:.1f}" text-anchor="end" font-size="{FONT}" '
            f'fill="#555">{tick}</text>'
        )
    every = max(1, -(-len(labels) // MONTH_LABELS))
    for i, label in enumerate(labels):
        if i % every == 0:
            parts.append(
                f'<text x="{_x(i, len(labels)):.1f}" y="{HEIGHT - BOTTOM + 16}" '
                f'font-size="{FONT}" '
                f'text-anchor="middle" fill="#555">{escape(label)}</text>'
            )
    return "".join(parts)


def _polyline(item: Series, count: int, highest: float, colour: str) -> str:
    """The series as line segments; a missing value breaks the line, a lone value is a dot."""
    runs: list[list[str]] = [[]]
    for i, value in enumerate(item.values):
        if value is None:
            runs.append([])
        else:
            runs[-1].append(f"{_x(i, count):.1f},{_y(value, highest):.1f}")
    parts = []
    for run in runs:
        if len(run) > 1:
            parts.append(
                f'<polyline fill="none" stroke="{colour}" stroke-width="2" '
                f'points="{" ".join(run)}"/>'
            )
        elif run:
            x, y = run[0].split(",")
            parts.append(f'<circle cx="{x}" cy="{y}" r="3" fill="{colour}"/>')
    return f'<g class="series"><title>{escape(item.name)}</title>{"".join(parts)}</g>'


def _legend(series: Sequence[Series]) -> tuple[str, int]:
    """A colour key under the chart, wrapped onto more rows when the names do not fit one."""
    parts = []
    x, row = float(LEFT), 0
    for index, item in enumerate(series):
        width = 24 + CHAR * len(item.name)
        if x + width > WIDTH - RIGHT and x > LEFT:
            x, row = float(LEFT), row + 1
        y = HEIGHT + 6 + row * LEGEND_ROW
        colour = PALETTE[index % len(PALETTE)]
        parts.append(
            f'<rect x="{x:.1f}" y="{y}" width="10" height="10" fill="{colour}"/>'
            f'<text x="{x + 14:.1f}" y="{y + 10}" font-size="{FONT}" fill="#333">'
            f"{escape(item.name)}</text>"
        )
        x += width
    return "".join(parts), row + 1
