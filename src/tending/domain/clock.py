"""The clock is passed in everywhere, so tests control time."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    """Something that tells the current time as an aware datetime."""

    def now(self) -> datetime: ...


class SystemClock:
    """The real clock, in the machine's local time zone."""

    def now(self) -> datetime:
        return datetime.now(UTC).astimezone()


@dataclass
class FixedClock:
    """A clock for tests: it stands still until advanced."""

    current: datetime = field(
        default_factory=lambda: datetime(2026, 1, 15, 9, 0, tzinfo=UTC)
    )

    def now(self) -> datetime:
        return self.current

    def advance(self, seconds: float) -> None:
        self.current = self.current + timedelta(seconds=seconds)
