"""Calendar periods in the person's own time zone.

Months and quarters are counted in the zone of the clock's `now()`, not in UTC: a chat logged
at 00:30 on 1 April in Berlin is a March chat in UTC but an April chat for the person who had it.
Every metric goes through these helpers so they all draw the same lines.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, tzinfo


@dataclass(frozen=True)
class Period:
    """A half-open range of local days: `start` included, `end` excluded."""

    start: date
    end: date

    def holds(self, day: date) -> bool:
        """Whether the local day falls inside the period."""
        return self.start <= day < self.end


def local_day(moment: datetime, zone: tzinfo | None) -> date:
    """The calendar day of `moment` in `zone` (naive datetimes are taken as already local)."""
    if moment.tzinfo is None or zone is None:
        return moment.date()
    return moment.astimezone(zone).date()


def month_start(day: date) -> date:
    """The first day of the month holding `day`."""
    return day.replace(day=1)


def add_months(first: date, months: int) -> date:
    """The first day of the month `months` after the month of `first` (may be negative)."""
    index = first.year * 12 + (first.month - 1) + months
    return date(index // 12, index % 12 + 1, 1)


def month_of(day: date) -> Period:
    """The calendar month holding `day`."""
    start = month_start(day)
    return Period(start, add_months(start, 1))


def quarter_of(day: date) -> Period:
    """The calendar quarter (Jan–Mar, Apr–Jun, Jul–Sep, Oct–Dec) holding `day`."""
    first_month = (day.month - 1) // 3 * 3 + 1
    start = date(day.year, first_month, 1)
    return Period(start, add_months(start, 3))


def days_in_month(day: date) -> int:
    """How many days the month holding `day` has."""
    period = month_of(day)
    return (period.end - period.start).days
