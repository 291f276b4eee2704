"""Charts of the practice over time, drawn with matplotlib off-screen (no display needed).

The input is this module's own plain values, so exporters never depend on metrics: the service
that composes both turns monthly trend points into a `TrendChart`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from tending.domain.errors import InvalidInput
from tending.exporters.files import private_file

if TYPE_CHECKING:
    from matplotlib.figure import Figure

FORMATS = {".png": "png", ".svg": "svg"}


@dataclass(frozen=True)
class TrendLine:
    """One line of a panel; None marks a month without a value (drawn as a gap)."""

    label: str
    values: tuple[float | None, ...]


@dataclass(frozen=True)
class Panel:
    title: str
    lines: tuple[TrendLine, ...]
    target: float | None = None  # drawn as a dashed horizontal line
    target_label: str | None = None
    ceiling: float | None = None  # the top of a scale that has one (a share in %: 100)


NO_VALUES = "nothing logged in these months"


@dataclass(frozen=True)
class TrendChart:
    title: str
    months: tuple[date, ...]
    panels: tuple[Panel, ...]


def chart_format(path: Path) -> str:
    """The matplotlib format for `path`, from its suffix; anything but .png/.svg is refused."""
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        given = path.suffix or "a name without suffix"
        raise InvalidInput(f"{path}: a chart is written as .png or .svg, not {given}")
    return fmt


def _figure(chart: TrendChart) -> Figure:
    # matplotlib takes about half a second to import: only a command that draws pays for it.
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(8, 2.6 * max(1, len(chart.panels))), layout="constrained")
    FigureCanvasAgg(figure)
    labels = [month.strftime("%b %Y") for month in chart.months]
    positions = list(range(len(labels)))
    axes = figure.subplots(max(1, len(chart.panels)), 1, squeeze=False)[:, 0]
    for ax, panel in zip(axes, chart.panels, strict=False):
        highest = 0.0
        for line in panel.lines:
            values = [math.nan if v is None else float(v) for v in line.values]
            ax.plot(positions, values, marker="o", label=line.label, clip_on=False)
            highest = max([highest, *(v for v in line.values if v is not None)])
        if panel.target is not None:
            ax.axhline(panel.target, linestyle="--", color="grey", label=panel.target_label)
        if not any(v is not None for line in panel.lines for v in line.values):
            ax.text(0.5, 0.5, NO_VALUES, transform=ax.transAxes, ha="center", color="grey")
        # Every month on the axis (a month without a value is a gap, not a missing label), and
        # the scale from 0: counts, ratios and shares are never negative.
        ax.set_xticks(positions, labels)
        ax.set_xlim(-0.5, max(0.5, len(labels) - 0.5))
        top = panel.ceiling or max(1.0, highest, panel.target or 0.0) * 1.15
        ax.set_ylim(0, top)
        ax.set_title(panel.title, fontsize=10)
        ax.legend(loc="upper left", fontsize=8)
        ax.grid(alpha=0.3)
    figure.suptitle(chart.title)
    return figure


def draw_trends(chart: TrendChart, path: Path) -> Path:
    """Draw `chart` to `path` (PNG or SVG by suffix), replacing the file only once it is whole;
    the file is readable by its owner only."""
    from matplotlib import rc_context

    fmt = chart_format(path)
    with private_file(path, "trend.png") as temporary:
        figure = _figure(chart)
        # No date and a fixed id salt: the same data gives the same file.
        metadata = {"Date": None} if fmt == "svg" else {}
        with rc_context({"svg.hashsalt": "tending"}):
            figure.savefig(temporary, format=fmt, metadata=metadata)
    return path
