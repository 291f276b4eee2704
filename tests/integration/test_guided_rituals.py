"""Rituals and the calendar export against real storage, checked by expanding the file."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pytest
import recurring_ical_events
from icalendar import Calendar

from tending.domain.clock import FixedClock
from tending.domain.errors import InvalidInput, NotFound
from tending.domain.rituals import RitualKind
from tending.services.calendar import calendar_feed, export_calendar
from tending.services.people import add_person
from tending.services.rituals import (
    RitualRequest,
    add_ritual,
    list_rituals,
    plan_checks,
    remove_ritual,
    upcoming,
)
from tending.services.workspace import Workspace


def test_rituals_expand_in_their_zone_across_dst(workspace: Workspace, tmp_path: Path) -> None:
    add_person(workspace, "Alex")
    weekly = add_ritual(
        workspace,
        RitualRequest(
            RitualKind.WEEKLY_CHECK_IN,
            person="Alex",
            at=time(19, 0),
            first_day=date(2026, 3, 22),
            tzid="Europe/Berlin",
        ),
    )
    assert weekly.rrule == "FREQ=WEEKLY;BYDAY=SU" and weekly.person_name == "Alex"
    nightly = add_ritual(
        workspace, RitualRequest(RitualKind.NIGHTLY_GRATITUDE, tzid="America/New_York")
    )
    assert nightly.starts.time() == time(21, 30)
    target = tmp_path / "tending.ics"
    result = export_calendar(workspace, target, alarm_minutes=30)
    assert result.events == 2
    feed, events = calendar_feed(workspace, alarm_minutes=30, person="Alex")
    assert events == 1 and feed.count(b"BEGIN:VEVENT") == 1
    parsed = Calendar.from_ical(target.read_bytes())
    assert {str(tz["TZID"]) for tz in parsed.walk("VTIMEZONE")} == {
        "Europe/Berlin",
        "America/New_York",
    }
    found = recurring_ical_events.of(parsed).between(date(2026, 3, 22), date(2026, 4, 6))
    sundays = [e["DTSTART"].dt for e in found if "Weekly" in str(e["SUMMARY"])]
    assert [d.day for d in sundays] == [22, 29, 5]
    assert {d.hour for d in sundays} == {19}
    assert [d.utcoffset().total_seconds() for d in sundays] == [3600, 7200, 7200]
    assert all(e.walk("VALARM") for e in found)


def test_reexport_keeps_uids_and_replanning_keeps_the_same_event(
    workspace: Workspace, clock: FixedClock, tmp_path: Path
) -> None:
    add_person(workspace, "Kim")
    first = plan_checks(
        workspace,
        RitualRequest(
            RitualKind.CONNECTION_CHECK, person="Kim", tzid="UTC", first_day=date(2026, 2, 7)
        ),
    )
    assert first.rrule == "FREQ=MONTHLY;BYDAY=+1SA,+3SA"
    export_calendar(workspace, tmp_path / "a.ics")
    clock.advance(3600)
    again = plan_checks(
        workspace, RitualRequest(RitualKind.CONNECTION_CHECK, person="Kim", tzid="UTC", per_month=4)
    )
    assert again.uid == first.uid and len(list_rituals(workspace, "Kim")) == 1
    export_calendar(workspace, tmp_path / "b.ics")
    uids = [
        [str(e["UID"]) for e in Calendar.from_ical((tmp_path / name).read_bytes()).walk("VEVENT")]
        for name in ("a.ics", "b.ics")
    ]
    assert uids[0] == uids[1]
    events = [
        Calendar.from_ical((tmp_path / n).read_bytes()).walk("VEVENT")[0]
        for n in ("a.ics", "b.ics")
    ]
    assert int(events[1]["SEQUENCE"]) == int(events[0]["SEQUENCE"]) + 60
    starts = upcoming(again, workspace.now(), count=4)
    assert len(starts) == 4 and all(s.weekday() == 3 for s in starts)  # 15 Jan 2026 is a Thursday


def test_no_rituals_writes_no_file(workspace: Workspace, tmp_path: Path) -> None:
    target = tmp_path / "empty.ics"
    with pytest.raises(InvalidInput, match="no rituals"):
        export_calendar(workspace, target)
    assert not target.exists()
    with pytest.raises(InvalidInput, match="no rituals"):
        calendar_feed(workspace)


def test_bad_zone_rrule_and_ids_are_named(workspace: Workspace) -> None:
    with pytest.raises(InvalidInput, match="'Europe/Atlantis' does not exist"):
        add_ritual(workspace, RitualRequest(RitualKind.STATE_OF_US, tzid="Europe/Atlantis"))
    with pytest.raises(InvalidInput, match="not a valid RRULE"):
        add_ritual(
            workspace, RitualRequest(RitualKind.STATE_OF_US, tzid="UTC", rrule="FREQ=SOMETIMES")
        )
    with pytest.raises(NotFound, match="no ritual with id 99"):
        remove_ritual(workspace, 99)
    assert list_rituals(workspace) == []


def test_the_first_event_is_an_occurrence_of_the_rule(workspace: Workspace, tmp_path: Path) -> None:
    add_person(workspace, "Lee")
    planned = plan_checks(
        workspace,
        RitualRequest(
            RitualKind.CONNECTION_CHECK, person="Lee", tzid="UTC", first_day=date(2026, 2, 10)
        ),
    )
    assert planned.rrule == "FREQ=MONTHLY;BYDAY=+1TU,+3TU"
    assert planned.starts.date() == date(2026, 2, 17)  # the 10th is the second Tuesday
    export_calendar(workspace, tmp_path / "lee.ics")
    parsed = Calendar.from_ical((tmp_path / "lee.ics").read_bytes())
    days = [
        e["DTSTART"].dt.date()
        for e in recurring_ical_events.of(parsed).between(date(2026, 2, 1), date(2026, 4, 1))
    ]
    assert days == [date(2026, 2, 17), date(2026, 3, 3), date(2026, 3, 17)]


def test_an_occurrence_in_the_spring_forward_gap_is_shown_as_it_happens() -> None:
    """02:30 on 28 March 2027 does not exist in Berlin: 'ritual list' showed '02:30 CET'."""
    from datetime import UTC, datetime

    from tending.domain.rituals import Ritual
    from tending.services.rituals import upcoming

    ritual = Ritual(RitualKind.STATE_OF_US, datetime(2027, 2, 28, 2, 30), "Europe/Berlin",
                    "FREQ=MONTHLY;BYMONTHDAY=28", "u", datetime(2027, 1, 1, tzinfo=UTC))
    feb, mar, apr = upcoming(ritual, datetime(2027, 2, 1, tzinfo=UTC))
    assert (feb.hour, feb.minute, feb.tzname()) == (2, 30, "CET")
    assert (mar.day, mar.hour, mar.minute, mar.tzname()) == (28, 3, 30, "CEST")
    assert mar.astimezone(UTC) == datetime(2027, 3, 28, 1, 30, tzinfo=UTC)
    assert (apr.hour, apr.tzname()) == (2, "CEST")
