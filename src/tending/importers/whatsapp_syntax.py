"""The line syntax of WhatsApp exports: the header that starts a message, its date and time.

One pattern covers the variants the apps write: Android `13/06/18, 14:05 - `, iOS
`[13/06/2018, 14:05:33] `, year first `2018/06/13, 14:05 - `, dotted `13.06.18, 14:05 - `, dashed
dates, 12-hour clocks (`AM`, `am`, `a. m.`, `p.m.`, with U+202F before them), U+200E marks, and
Finnish `13.6.2018 klo 14.05 - `, French `13/06/2018 à 14:05 - `, and the Chinese, Japanese and
Korean forms with the half of the day before the time (`2018/6/13 下午2:05 - `,
`2018. 6. 13. 오후 2:05 - `).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from enum import StrEnum

_SPACE = "[\\x20\\u00a0\\u202f]"
HEADER = re.compile(
    rf"""[\u200e\u200f\ufeff]*
    (?P<open>\[)?
    (?P<a>\d{{1,4}})(?P<sep>[./-])\x20?(?P<b>\d{{1,2}})(?P=sep)\x20?(?P<c>\d{{1,4}})\.?
    ,?{_SPACE}*(?:(?:klo|à){_SPACE}+)?
    (?P<pre>上午|下午|午前|午後|오전|오후)?{_SPACE}*
    (?P<h>\d{{1,2}})[:.](?P<m>\d{{2}})(?:[:.](?P<s>\d{{2}}))?
    (?:{_SPACE}*(?P<ampm>[AaPp]\.?{_SPACE}?[Mm]\.?))?
    (?(open)\]{_SPACE}*|{_SPACE}*[-–]{_SPACE})
    """,
    re.VERBOSE,
)


class DateOrder(StrEnum):
    DMY = "dmy"
    MDY = "mdy"
    YMD = "ymd"


DEFAULT_ORDER = DateOrder.DMY


def order_evidence(match: re.Match[str]) -> DateOrder | None:
    """The date order this one header proves, or None when it fits more than one."""
    a, b = match["a"], match["b"]
    if len(a) == 4:
        return DateOrder.YMD
    first, second = int(a), int(b)
    if first > 12 and second <= 12:
        return DateOrder.DMY
    if second > 12 and first <= 12:
        return DateOrder.MDY
    return None


_AFTERNOON = frozenset(
    {"下午", "午後", "오후"}
)  # written before the time in Chinese, Japanese, Korean


def _hour(text: str, ampm: str | None) -> int:
    hour = int(text)
    if ampm is None:
        return hour
    if hour > 12:
        raise ValueError(f"hour {hour} with {ampm.strip()}")
    afternoon = ampm[0] in "Pp" or ampm in _AFTERNOON
    return (hour % 12) + (12 if afternoon else 0)


def _year(text: str) -> int:
    if len(text) == 2:
        return 2000 + int(text)
    if len(text) == 4:
        return int(text)
    raise ValueError(f"year '{text}'")


def _day(a: str, b: str, c: str, order: DateOrder) -> tuple[int, int, int]:
    if len(a) == 4 or order is DateOrder.YMD:
        year, month, day = _year(a), int(b), int(c)
    elif order is DateOrder.MDY:
        month, day, year = int(a), int(b), _year(c)
    else:
        day, month, year = int(a), int(b), _year(c)
    date(year, month, day)  # raises ValueError naming what is out of range
    return year, month, day


# the values of the hours, minutes and seconds headers write (other digits, such as Arabic-Indic
# ones the pattern's \d also takes, go through int())
_NUMBERS = {f"{n:02d}": n for n in range(100)} | {str(n): n for n in range(10)}


class HeaderClock:
    """Reads the moment of headers in one date order, remembering the days already seen
    (a chat has many messages a day, so most headers cost one dictionary look-up for the date)."""

    _MAX_DAYS = 50_000  # a cap so a hostile file cannot grow the memory without bound

    def __init__(self, order: DateOrder) -> None:
        self.order = order
        self._days: dict[tuple[str, str, str], tuple[int, int, int]] = {}

    def time(self, match: re.Match[str]) -> datetime:
        """The moment a header names; ValueError (naming the offending part) when none is real."""
        _, a, _, b, c, pre, h, m, s, ampm = match.groups()  # one call: this runs per message
        key = (a, b, c)
        day = self._days.get(key)
        if day is None:
            if len(self._days) >= self._MAX_DAYS:
                self._days.clear()
            day = self._days[key] = _day(a, b, c, self.order)
        number = _NUMBERS.get  # two digits: a look-up is cheaper than int()
        if ampm is None and pre is None:
            hour = number(h)
            if hour is None:
                hour = int(h)
        else:
            hour = _hour(h, ampm or pre)
        minute = number(m)
        if minute is None:
            minute = int(m)
        second = 0
        if s:
            found = number(s)
            second = int(s) if found is None else found
        return datetime(day[0], day[1], day[2], hour, minute, second)


# HeaderClock.time unpacks the groups by position: the pattern must keep this order.
assert tuple(HEADER.groupindex) == ("open", "a", "sep", "b", "c", "pre", "h", "m", "s", "ampm")
