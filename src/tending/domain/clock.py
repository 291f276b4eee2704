"""The clock is passed in everywhere, so tests control time."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, tzinfo
from functools import lru_cache
from typing import Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


class Clock(Protocol):
    """Something that tells the current time as an aware datetime."""

    def now(self) -> datetime: ...


LOCALTIME = "/etc/localtime"  # a link into the zoneinfo folder on Linux and macOS
UTC_NAMES = frozenset(
    {"Etc/UTC", "Etc/UCT", "Etc/Universal", "Etc/Zulu", "UCT", "Universal", "Zulu"}
)


def system_zone_name() -> str | None:
    """The IANA name of the machine's zone, read from where /etc/localtime links to ('UTC' for
    any name of UTC); None when it is no link into a zoneinfo folder or names no known zone."""
    try:
        target = os.path.join(os.path.dirname(LOCALTIME), os.readlink(LOCALTIME))
    except OSError:
        return None
    _, marker, name = os.path.normpath(target).partition("/zoneinfo/")
    if not marker or not name:
        return None
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None
    return "UTC" if name in UTC_NAMES else name


@lru_cache(maxsize=1)
def local_zone() -> tzinfo:
    """The machine's time zone with its rules: TZ when it names an IANA zone or is a POSIX rule
    ('CET-1CEST,M3.5.0,M10.5.0/3'), else the zone of /etc/localtime; failing both, the fixed
    offset in force now.

    A fixed offset (what `datetime.astimezone()` gives) is right for today only: read with it,
    '2026-07-14 19:30' typed in a Berlin winter was stored an hour off (CET instead of CEST).
    """
    name = os.environ.get("TZ", "").removeprefix(":")
    if name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):  # a POSIX rule like 'CET-1CEST,...'
            return _posix_rule(name) or _offset_now()
    try:
        with open("/etc/localtime", "rb") as handle:
            return ZoneInfo.from_file(handle, key="localtime")
    except (OSError, ValueError):
        return _offset_now()


def _posix_rule(text: str) -> tzinfo | None:
    """The zone a POSIX TZ rule describes, read as the C library reads it ('UTC+3' is three
    hours west); None when it is no such rule. The one import outside the standard library in
    this layer: zoneinfo reads such a rule only inside a compiled zone file."""
    from dateutil.tz import tzstr

    try:
        return tzstr(text, posix_offset=True)
    except ValueError:
        return None


def _offset_now() -> tzinfo:
    zone = datetime.now(UTC).astimezone().tzinfo
    assert zone is not None
    return zone


class SystemClock:
    """The real clock, in the machine's local time zone (with its daylight-saving rules)."""

    def now(self) -> datetime:
        return datetime.now(UTC).astimezone(local_zone())


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
