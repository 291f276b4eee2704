"""People one wants to be closer to."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum


class Tie(StrEnum):
    PARTNER = "partner"
    FRIEND = "friend"
    FAMILY = "family"
    COLLEAGUE = "colleague"
    OTHER = "other"


DEFAULT_CHECKS_PER_MONTH = 2


@dataclass(frozen=True)
class Person:
    """Someone in the tracker. `id` is None until stored."""

    name: str
    tie: Tie
    created_at: datetime
    checks_per_month: int = DEFAULT_CHECKS_PER_MONTH
    last_surprised: date | None = None
    archived: bool = False
    id: int | None = None
