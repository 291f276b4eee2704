"""Reading times and dates typed on the command line (--at, --due, --review, --surprised).

Accepted: 'now', 'today', 'yesterday', 'tomorrow', 'N days ago', 'in N days' (also hours and
weeks), ISO 8601 and the usual written forms ('2026-01-14 19:30', '14 Jan 19:30'). A time without
a zone is in the clock's zone; a date without a time keeps the current time of day. Anything else
is refused with a message naming the option and the value.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from dateutil import parser

from tending.domain.clock import Clock
from tending.domain.errors import InvalidInput

_RELATIVE = re.compile(
    r"^(?:(?P<in>in)\s+)?(?P<count>\d+)\s*(?P<unit>minute|hour|day|week)s?(?:\s+(?P<ago>ago))?$"
)
_WORDS = {"now": 0, "today": 0, "yesterday": -1, "tomorrow": 1}
_UNITS = {"minute": "minutes", "hour": "hours", "day": "days", "week": "weeks"}
HINT = "try 2026-01-14 19:30, yesterday, '3 days ago' or 'in 2 weeks'"


def _relative(text: str, now: datetime) -> datetime | None:
    if text in _WORDS:
        return now + timedelta(days=_WORDS[text])
    match = _RELATIVE.match(text)
    if match is None or bool(match["in"]) == bool(match["ago"]):
        return None
    step = timedelta(**{_UNITS[match["unit"]]: int(match["count"])})
    return now + step if match["in"] else now - step


def parse_time(value: str, clock: Clock, option: str = "--at") -> datetime:
    """An aware datetime for what a person typed; InvalidInput naming `option` and the value."""
    now = clock.now()
    text = " ".join(value.strip().lower().split())
    try:
        found = _relative(text, now)
    except OverflowError:  # '999999999 weeks ago': before the year 1
        raise InvalidInput(f"{option}: '{value}' is further away than any date; {HINT}") from None
    if found is not None:
        return found
    # What the text does not name comes from now, but never its seconds: '19:30' is 19:30:00.
    default = now.replace(second=0, microsecond=0, tzinfo=None)
    try:
        parsed = parser.parse(text, default=default)
    except (parser.ParserError, OverflowError, ValueError):
        raise InvalidInput(f"{option}: cannot read '{value}' as a date or time; {HINT}") from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=now.tzinfo)
    return parsed


def parse_day(value: str, clock: Clock, option: str) -> date:
    """A calendar date for what a person typed (same forms as parse_time)."""
    return parse_time(value, clock, option).date()


def maybe_time(value: str | None, clock: Clock, option: str = "--at") -> datetime | None:
    """parse_time, or None when the option was not given."""
    return None if value is None else parse_time(value, clock, option)


def maybe_day(value: str | None, clock: Clock, option: str) -> date | None:
    """parse_day, or None when the option was not given."""
    return None if value is None else parse_day(value, clock, option)
