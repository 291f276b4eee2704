"""The line syntax of WhatsApp exports: the header that starts a message, its date and time.

One pattern covers the variants the apps write: Android `13/06/18, 14:05 - `, iOS
`[13/06/2018, 14:05:33] `, year first `2018/06/13, 14:05 - `, dotted `13.06.18, 14:05 - `, dashed
dates, 12-hour clocks (`AM`, `am`, `a. m.`, `p.m.`, with U+202F before them), U+200E marks, and
Finnish `13.6.2018 klo 14.05 - ` (and French `13/06/2018 à 14:05 - `).
"""

from __future__ import annotations

import re
from datetime import datetime
from enum import StrEnum

_SPACE = "[\\x20\\u00a0\\u202f]"
HEADER = re.compile(
    rf"""[\u200e\u200f\ufeff]*
    (?P<open>\[)?
    (?P<a>\d{{1,4}})(?P<sep>[./-])(?P<b>\d{{1,2}})(?P=sep)(?P<c>\d{{1,4}})\.?
    ,?{_SPACE}*(?:(?:klo|à){_SPACE}+)?
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


def _hour(match: re.Match[str]) -> int:
    hour = int(match["h"])
    ampm = match["ampm"]
    if ampm is None:
        return hour
    if not 1 <= hour <= 12 and hour != 0:
        raise ValueError(f"hour {hour} with {ampm.strip()}")
    afternoon = ampm[0] in "Pp"
    return (hour % 12) + (12 if afternoon else 0)


def _year(text: str) -> int:
    if len(text) == 2:
        return 2000 + int(text)
    if len(text) == 4:
        return int(text)
    raise ValueError(f"year '{text}'")


def header_time(match: re.Match[str], order: DateOrder) -> datetime:
    """The moment a header names, read in `order` (year first is always read year first).

    Raises ValueError (with the offending part) when it names no real moment.
    """
    a, b, c = match["a"], match["b"], match["c"]
    if len(a) == 4 or order is DateOrder.YMD:
        year, month, day = _year(a), int(b), int(c)
    elif order is DateOrder.MDY:
        month, day, year = int(a), int(b), _year(c)
    else:
        day, month, year = int(a), int(b), _year(c)
    second = int(match["s"]) if match["s"] else 0
    return datetime(year, month, day, _hour(match), int(match["m"]), second)
