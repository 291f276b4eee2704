"""Rituals per relationship: what recurs, from when, in which time zone, and by which RRULE.

The recurrence is kept as RFC 5545 RRULE text; building and expanding it is left to
python-dateutil / icalendar in the layers above (no date arithmetic by hand here).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

DEFAULT_ALARM_MINUTES = 15


class RitualKind(StrEnum):
    WEEKLY_CHECK_IN = "weekly-check-in"
    NIGHTLY_GRATITUDE = "nightly-gratitude"
    STATE_OF_US = "state-of-us"  # the monthly state of the relationship
    CONNECTION_CHECK = "connection-check"


# How long each ritual lasts (minutes) when nothing else is said.
DEFAULT_MINUTES: dict[RitualKind, int] = {
    RitualKind.WEEKLY_CHECK_IN: 20,
    RitualKind.NIGHTLY_GRATITUDE: 5,
    RitualKind.STATE_OF_US: 60,
    RitualKind.CONNECTION_CHECK: 30,
}

# The recurrence of each kind when nothing else is said (weekly, nightly, monthly).
DEFAULT_RRULES: dict[RitualKind, str] = {
    RitualKind.WEEKLY_CHECK_IN: "FREQ=WEEKLY",
    RitualKind.NIGHTLY_GRATITUDE: "FREQ=DAILY",
    RitualKind.STATE_OF_US: "FREQ=MONTHLY",
    RitualKind.CONNECTION_CHECK: "FREQ=MONTHLY;BYDAY=+1SA,+3SA",
}

TITLES: dict[RitualKind, str] = {
    RitualKind.WEEKLY_CHECK_IN: "Weekly check-in",
    RitualKind.NIGHTLY_GRATITUDE: "Nightly gratitude",
    RitualKind.STATE_OF_US: "State of us",
    RitualKind.CONNECTION_CHECK: "Connection Check",
}


@dataclass(frozen=True)
class Ritual:
    """A recurring ritual. `starts` is a naive wall-clock time read in `tzid`.

    `uid` is made once when the ritual is added and kept, so re-exporting the calendar
    updates the same events instead of adding copies.
    """

    kind: RitualKind
    starts: datetime
    tzid: str
    rrule: str
    uid: str
    created_at: datetime
    person_id: int | None = None
    person_name: str | None = None
    minutes: int = 30
    alarm_minutes: int = DEFAULT_ALARM_MINUTES
    id: int | None = None

    @property
    def title(self) -> str:
        """The event title: the ritual, and with whom."""
        base = TITLES[self.kind]
        return f"{base} with {self.person_name}" if self.person_name else base
