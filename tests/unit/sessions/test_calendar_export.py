"""The iCalendar exporter, checked by parsing and expanding what it writes."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import recurring_ical_events
from icalendar import Calendar

from tending.domain.errors import InvalidInput
from tending.domain.rituals import Ritual, RitualKind
from tending.exporters.calendar import calendar_bytes

STAMP = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def ritual(kind: RitualKind, rrule: str, starts: datetime, tzid: str, uid: str) -> Ritual:
    return Ritual(
        kind=kind, starts=starts, tzid=tzid, rrule=rrule, uid=uid, created_at=STAMP,
        person_id=1, person_name="Sam", minutes=30, alarm_minutes=15, id=1,
    )


def test_weekly_ritual_keeps_its_wall_time_across_the_dst_change() -> None:
    weekly = ritual(RitualKind.WEEKLY_CHECK_IN, "FREQ=WEEKLY;BYDAY=SU",
                    datetime(2026, 3, 1, 19, 0), "Europe/Berlin", "u-1")
    parsed = Calendar.from_ical(calendar_bytes([weekly], STAMP))
    assert parsed["PRODID"] and str(parsed["VERSION"]) == "2.0"
    assert [tz["TZID"] for tz in parsed.walk("VTIMEZONE")] == ["Europe/Berlin"]
    events = recurring_ical_events.of(parsed).between(date(2026, 3, 1), date(2026, 4, 6))
    starts = [event["DTSTART"].dt for event in events]
    assert len(starts) == 6
    assert {start.hour for start in starts} == {19}  # 19:00 local before and after 29 March
    offsets = {start.utcoffset().total_seconds() / 3600 for start in starts}
    assert offsets == {1.0, 2.0}
    alarm = parsed.walk("VALARM")[0]
    assert alarm["TRIGGER"].dt.total_seconds() == -15 * 60


def test_uids_are_stable_and_reminders_configurable() -> None:
    checks = ritual(RitualKind.CONNECTION_CHECK, "FREQ=MONTHLY;BYDAY=+1SA,+3SA",
                    datetime(2026, 3, 7, 10, 0), "America/New_York", "abc")
    first = Calendar.from_ical(calendar_bytes([checks], STAMP, alarm_minutes=60))
    again = Calendar.from_ical(calendar_bytes([checks], STAMP, alarm_minutes=60))
    uid = [str(event["UID"]) for event in first.walk("VEVENT")]
    assert uid == [str(event["UID"]) for event in again.walk("VEVENT")] == ["abc@tending.local"]
    assert first.walk("VALARM")[0]["TRIGGER"].dt.total_seconds() == -3600
    days = [e["DTSTART"].dt.day for e in
            recurring_ical_events.of(first).between(date(2026, 3, 1), date(2026, 5, 1))]
    assert days == [7, 21, 4, 18]
    silent = Calendar.from_ical(calendar_bytes([checks], STAMP, alarm_minutes=0))
    assert silent.walk("VALARM") == []


def test_nothing_to_export_and_unknown_zone_are_clear() -> None:
    with pytest.raises(InvalidInput, match="no rituals"):
        calendar_bytes([], STAMP)
    start = datetime(2026, 3, 1, 9)
    bad = ritual(RitualKind.STATE_OF_US, "FREQ=MONTHLY", start, "Mars/Olympus", "x")
    with pytest.raises(InvalidInput, match="Mars/Olympus"):
        calendar_bytes([bad], STAMP)
