"""Things not yet said to someone.

Private: readable by their author alone, never exported to others.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

MIN_WEIGHT = 1
MAX_WEIGHT = 5


@dataclass(frozen=True)
class Unsaid:
    person_id: int
    text: str
    weight: int  # 1 (light) .. 5 (heavy)
    created_at: datetime
    said_at: datetime | None = None
    how_it_went: str | None = None
    id: int | None = None


DAYS_PER_WEEK = 7


@dataclass(frozen=True)
class AgedUnsaid:
    """An unsaid thing with how long it has waited and how urgently it asks to be said."""

    item: Unsaid
    age_days: float
    score: float


def aging_score(weight: int, age_days: float) -> float:
    """How much an unsaid thing presses: weight x (1 + age in weeks).

    A fresh thing counts its weight; every week it waits adds its weight again, so a heavy thing
    rises fast and a light one that has waited long still comes up (weight 1 after four weeks
    equals weight 5 fresh). Ties go to the older one.
    """
    return weight * (1 + max(age_days, 0.0) / DAYS_PER_WEEK)


def age(item: Unsaid, now: datetime) -> AgedUnsaid:
    """The unsaid thing aged to `now` (until it was said, if it was)."""
    end = item.said_at or now
    days = (end - item.created_at).total_seconds() / 86400
    return AgedUnsaid(item=item, age_days=days, score=aging_score(item.weight, days))


def most_pressing_first(items: list[Unsaid], now: datetime) -> list[AgedUnsaid]:
    """Highest aging score first; equal scores: the older first."""
    aged = [age(item, now) for item in items]
    return sorted(aged, key=lambda entry: (-entry.score, entry.item.created_at))
