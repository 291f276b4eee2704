"""Things not yet said to someone. Private: readable by their author alone, never exported to others."""

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
