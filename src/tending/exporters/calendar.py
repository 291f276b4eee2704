"""Rituals as one iCalendar file: recurring VEVENTs with stable UIDs, VTIMEZONEs and VALARMs.

Built with the `icalendar` package (RRULE text is parsed by it, time zones are turned into
VTIMEZONE components by it), so no date arithmetic is done by hand.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from icalendar import Alarm, Calendar, Event, vRecur

from tending.domain.errors import InvalidInput
from tending.domain.rituals import Ritual
from tending.exporters.wording import counted

PRODID = "-//Tending//tend calendar export//EN"
UID_DOMAIN = "tending.local"


def event_uid(ritual: Ritual) -> str:
    """The UID of a ritual's event: the same on every export, so calendars update it in place."""
    return f"{ritual.uid}@{UID_DOMAIN}"


SEQUENCE_EPOCH = datetime(2020, 1, 1, tzinfo=UTC)


def sequence_of(ritual: Ritual) -> int:
    """The event's SEQUENCE: minutes from 2020 to the ritual's last change (grows with each)."""
    return max(0, int((ritual.created_at - SEQUENCE_EPOCH).total_seconds() // 60))


def _zone(ritual: Ritual) -> ZoneInfo:
    try:
        return ZoneInfo(ritual.tzid)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidInput(
            f"ritual {ritual.id} ({ritual.title}): no such time zone '{ritual.tzid}'"
        ) from None


def _alarm(minutes: int, title: str) -> Alarm:
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", f"{title} in {counted(minutes, 'minute')}")
    alarm.add("trigger", timedelta(minutes=-minutes))
    return alarm


def ritual_event(ritual: Ritual, stamp: datetime, alarm_minutes: int | None = None) -> Event:
    """One recurring VEVENT for `ritual` (alarm_minutes overrides the ritual's own reminder)."""
    event = Event()
    event.add("uid", event_uid(ritual))
    event.add("dtstamp", stamp.astimezone(UTC))
    # Re-planning a ritual stores it anew (same UID, later created_at), so the time of that
    # change orders the versions: calendars that compare SEQUENCE take the newer one.
    event.add("last-modified", ritual.created_at.astimezone(UTC))
    event.add("sequence", sequence_of(ritual))
    event.add("dtstart", ritual.starts.replace(tzinfo=_zone(ritual)))
    event.add("duration", timedelta(minutes=ritual.minutes))
    event.add("summary", ritual.title)
    event.add("description", f"Tending ritual: {ritual.kind.value}")
    event.add("rrule", vRecur.from_ical(ritual.rrule))
    event.add("categories", ["Tending"])
    minutes = ritual.alarm_minutes if alarm_minutes is None else alarm_minutes
    if minutes > 0:
        event.add_component(_alarm(minutes, ritual.title))
    return event


def build_calendar(
    rituals: Sequence[Ritual], stamp: datetime, alarm_minutes: int | None = None
) -> Calendar:
    """The VCALENDAR holding every ritual, with the VTIMEZONEs their events refer to."""
    if not rituals:
        raise InvalidInput("there are no rituals to export; add one with `tend ritual add`")
    if alarm_minutes is not None and alarm_minutes < 0:
        raise InvalidInput(f"reminder minutes must be 0 or more (got {alarm_minutes})")
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", "Tending rituals")
    for ritual in rituals:
        calendar.add_component(ritual_event(ritual, stamp, alarm_minutes))
    calendar.add_missing_timezones()
    return calendar


def calendar_bytes(
    rituals: Sequence[Ritual], stamp: datetime, alarm_minutes: int | None = None
) -> bytes:
    """The iCalendar text (CRLF lines, folded) of `build_calendar`."""
    data: bytes = build_calendar(rituals, stamp, alarm_minutes).to_ical()
    return data
