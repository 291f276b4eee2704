"""Micro-commitments made after a chat."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

DEFAULT_COMMITMENT_DAYS = 7


@dataclass(frozen=True)
class Commitment:
    person_id: int
    text: str
    created_at: datetime
    due: date
    done_at: datetime | None = None
    id: int | None = None

    def is_overdue(self, today: date) -> bool:
        """Not done and past its due date."""
        return self.done_at is None and today > self.due
