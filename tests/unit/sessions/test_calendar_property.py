"""Two independent expanders agree: dateutil on the stored RRULE, and recurring-ical-events on
the exported file, for random rituals in zones with and without daylight saving."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import recurring_ical_events
from hypothesis import example, given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from tending.domain.rituals import Ritual, RitualKind
from tending.exporters.calendar import calendar_bytes
from tending.services.rituals import default_rule, upcoming

ZONES = ["Europe/Berlin", "America/New_York", "Australia/Sydney", "Asia/Kolkata", "UTC"]
STAMP = datetime(2026, 1, 1, tzinfo=UTC)


@settings(max_examples=60, deadline=None)
# a nightly ritual at 02:30 through the Berlin spring gap and the New York autumn fold
@example(RitualKind.NIGHTLY_GRATITUDE, "Europe/Berlin", date(2026, 3, 27), 2, 30, 1)
@example(RitualKind.NIGHTLY_GRATITUDE, "America/New_York", date(2026, 10, 30), 1, 30, 1)
@given(
    kind=st.sampled_from(list(RitualKind)),
    zone=st.sampled_from(ZONES),
    day=st.dates(min_value=date(2026, 1, 1), max_value=date(2026, 12, 31)),
    hour=st.integers(min_value=0, max_value=23),
    minute=st.sampled_from([0, 15, 30, 45]),
    per_month=st.integers(min_value=1, max_value=4),
)
def test_exported_occurrences_match_the_rule(
    kind: RitualKind, zone: str, day: date, hour: int, minute: int, per_month: int
) -> None:
    start = datetime(day.year, day.month, day.day, hour, minute)
    ritual = Ritual(
        kind=kind,
        starts=start,
        tzid=zone,
        rrule=default_rule(kind, start, per_month),
        uid="p",
        created_at=STAMP,
    )
    expected = upcoming(
        ritual, datetime(day.year, day.month, day.day, tzinfo=UTC) - timedelta(days=2), count=6
    )
    parsed = Calendar.from_ical(calendar_bytes([ritual], STAMP))
    window_end = expected[-1] + timedelta(minutes=1)
    found = recurring_ical_events.of(parsed).between(expected[0], window_end)
    got = sorted(event["DTSTART"].dt for event in found)
    assert [moment.astimezone(UTC) for moment in got] == [m.astimezone(UTC) for m in expected]
