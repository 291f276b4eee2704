"""Reading --at/--due/--review values: the forms people type, and clear refusals."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from tending.cli.when import parse_day, parse_time
from tending.domain.clock import FixedClock
from tending.domain.errors import InvalidInput

CLOCK = FixedClock(datetime(2026, 1, 15, 9, 0, tzinfo=timezone(timedelta(hours=2))))
ZONE = timezone(timedelta(hours=2))


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("now", datetime(2026, 1, 15, 9, 0, tzinfo=ZONE)),
        ("Yesterday", datetime(2026, 1, 14, 9, 0, tzinfo=ZONE)),
        ("3 days ago", datetime(2026, 1, 12, 9, 0, tzinfo=ZONE)),
        ("2 hours ago", datetime(2026, 1, 15, 7, 0, tzinfo=ZONE)),
        ("in 2 weeks", datetime(2026, 1, 29, 9, 0, tzinfo=ZONE)),
        ("2026-01-14 19:30", datetime(2026, 1, 14, 19, 30, tzinfo=ZONE)),
        ("14 Jan 2026 19:30", datetime(2026, 1, 14, 19, 30, tzinfo=ZONE)),
        ("2026-01-14T18:00:00+00:00", datetime(2026, 1, 14, 18, 0, tzinfo=UTC)),
        ("2026-01-10", datetime(2026, 1, 10, 9, 0, tzinfo=ZONE)),
    ],
)
def test_forms_people_type(typed: str, expected: datetime) -> None:
    parsed = parse_time(typed, CLOCK)
    assert parsed == expected and parsed.tzinfo is not None


@pytest.mark.parametrize("typed", ["the other day", "2026-13-45", "2 days", "in 3 days ago", ""])
def test_unreadable_values_name_the_option_and_value(typed: str) -> None:
    with pytest.raises(InvalidInput, match=f"--due: cannot read '{typed}'"):
        parse_day(typed, CLOCK, "--due")


def test_days() -> None:
    assert parse_day("tomorrow", CLOCK, "--due") == date(2026, 1, 16)


def test_a_time_typed_without_seconds_has_none() -> None:
    """The seconds of the moment it was typed leaked in: '19:30' was stored as 19:30:17.68."""
    clock = FixedClock(datetime(2026, 1, 15, 9, 0, 17, 683301, tzinfo=ZONE))
    assert parse_time("2026-01-14 19:30", clock) == datetime(2026, 1, 14, 19, 30, tzinfo=ZONE)
    assert parse_time("19:30", clock) == datetime(2026, 1, 15, 19, 30, tzinfo=ZONE)
    assert parse_time("2026-01-14T19:30:05", clock).second == 5  # seconds typed are kept


def test_the_system_clock_knows_daylight_saving(monkeypatch: pytest.MonkeyPatch) -> None:
    """With TZ=Europe/Berlin, '2024-07-14 19:30' is summer time (17:30 UTC) whatever the season
    it is typed in; the clock's fixed offset of the day made it 18:30 UTC in winter."""
    from zoneinfo import ZoneInfo

    from tending.domain.clock import SystemClock, local_zone

    monkeypatch.setenv("TZ", "Europe/Berlin")
    local_zone.cache_clear()
    try:
        assert local_zone() == ZoneInfo("Europe/Berlin")
        clock = SystemClock()
        summer = parse_time("2024-07-14 19:30", clock)
        winter = parse_time("2024-01-14 19:30", clock)
        assert summer.astimezone(UTC) == datetime(2024, 7, 14, 17, 30, tzinfo=UTC)
        assert winter.astimezone(UTC) == datetime(2024, 1, 14, 18, 30, tzinfo=UTC)
    finally:
        local_zone.cache_clear()


@pytest.mark.parametrize(
    ("rule", "winter", "summer"),
    [
        ("CET-1CEST,M3.5.0,M10.5.0/3", 18, 17),  # Berlin's rules, written out
        ("EST5EDT,M3.2.0,M11.1.0", 0, 23),  # New York's (19:30 is the next day in UTC)
        ("UTC+3", 22, 22),  # POSIX: three hours west of UTC, as `date` reads it
    ],
)
def test_a_posix_tz_rule_keeps_its_daylight_saving(
    monkeypatch: pytest.MonkeyPatch, rule: str, winter: int, summer: int
) -> None:
    """With TZ='CET-1CEST,M3.5.0,M10.5.0/3' the clock fell back to the offset of the day, so
    '2024-07-14 19:30' typed in winter was stored an hour off."""
    from tending.domain.clock import SystemClock, local_zone

    monkeypatch.setenv("TZ", rule)
    local_zone.cache_clear()
    try:
        clock = SystemClock()
        january = parse_time("2024-01-14 19:30", clock).astimezone(UTC)
        july = parse_time("2024-07-14 19:30", clock).astimezone(UTC)
        assert (january.hour, january.minute) == (winter, 30)
        assert (july.hour, july.minute) == (summer, 30)
    finally:
        local_zone.cache_clear()


@pytest.mark.parametrize("typed", ["999999999 weeks ago", "in 99999999999 days"])
def test_a_time_beyond_any_date_is_refused_not_a_traceback(typed: str) -> None:
    with pytest.raises(InvalidInput, match=f"--at: '{typed}' is further away than any date"):
        parse_time(typed, CLOCK)
