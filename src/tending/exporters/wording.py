"""How numbers are written for people, the same in the terminal and in files: counts with their
nouns, shares as percentages, waits in the largest unit that fits."""

from __future__ import annotations

NOTHING = "–"  # shown where a figure has no value yet


def counted(count: int, singular: str, plural: str | None = None) -> str:
    """'1 event', '2 events', '1 person', '3 people': a count with the right form of its noun."""
    return f"{count} {singular if count == 1 else (plural or singular + 's')}"


def percent(value: float | None) -> str:
    """0.25 → '25%'; no value → '–'."""
    return NOTHING if value is None else f"{value * 100:.0f}%"


def duration(seconds: int | None) -> str:
    """A latency in the largest unit that fits: 45 s, 12 min, 3.5 h."""
    if seconds is None:
        return NOTHING
    if seconds < 60:
        return f"{seconds} s"
    if seconds < 3600:
        return f"{seconds // 60} min"
    return f"{seconds / 3600:.1f} h"
