"""Rituals per relationship: add, list, remove, plan the Connection Checks, next occurrences.

Recurrences are built and expanded with python-dateutil's rrule (RFC 5545), in the ritual's
own IANA time zone, so a 19:00 ritual stays at 19:00 across a daylight-saving change.
"""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil.rrule import DAILY, MONTHLY, WEEKLY, rrule, rrulestr, weekday, weekdays

from tending.domain.clock import system_zone_name
from tending.domain.errors import InvalidInput, NotFound
from tending.domain.rituals import DEFAULT_ALARM_MINUTES, DEFAULT_MINUTES, Ritual, RitualKind
from tending.services.people import resolve_person
from tending.services.workspace import Workspace
from tending.storage.session_repository import RitualRepository

# Which weekday-of-the-month the checks fall on, for 1..4 checks a month.
CHECK_POSITIONS: dict[int, tuple[int, ...]] = {1: (1,), 2: (1, 3), 3: (1, 2, 4), 4: (1, 2, 3, 4)}
DEFAULT_TIMES: dict[RitualKind, time] = {
    RitualKind.WEEKLY_CHECK_IN: time(19, 0),
    RitualKind.NIGHTLY_GRATITUDE: time(21, 30),
    RitualKind.STATE_OF_US: time(19, 0),
    RitualKind.CONNECTION_CHECK: time(18, 0),
}


@dataclass(frozen=True)
class RitualRequest:
    """What `tend ritual add` asks for; None means the default of the kind."""

    kind: RitualKind
    person: str | None = None
    at: time | None = None
    first_day: date | None = None
    tzid: str | None = None
    rrule: str | None = None
    minutes: int | None = None
    alarm_minutes: int = DEFAULT_ALARM_MINUTES
    per_month: int | None = None  # Connection Checks only; default: the person's cadence


def zone(tzid: str) -> ZoneInfo:
    """The IANA zone `tzid`; InvalidInput naming it when it does not exist."""
    try:
        return ZoneInfo(tzid)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidInput(
            f"the time zone '{tzid}' does not exist; use an IANA name such as Europe/Berlin"
        ) from None


def default_zone_name() -> str:
    """TENDING_TZ or TZ when it names an IANA zone, else the machine's own zone (the one
    /etc/localtime links to, where most desktops keep it and TZ is not set), else UTC."""
    for name in (os.environ.get("TENDING_TZ"), os.environ.get("TZ")):
        if name:
            try:
                ZoneInfo(name)
            except (ZoneInfoNotFoundError, ValueError):
                continue
            return name
    return system_zone_name() or "UTC"


def default_rule(kind: RitualKind, start: datetime, per_month: int = 2) -> str:
    """The RRULE of `kind` starting at `start` (built by dateutil, returned as RRULE text)."""
    day: weekday = weekdays[start.weekday()]
    if kind is RitualKind.WEEKLY_CHECK_IN:
        rule = rrule(WEEKLY, byweekday=day, dtstart=start)
    elif kind is RitualKind.NIGHTLY_GRATITUDE:
        rule = rrule(DAILY, dtstart=start)
    elif kind is RitualKind.STATE_OF_US:
        rule = rrule(MONTHLY, bymonthday=start.day if start.day <= 28 else -1, dtstart=start)
    else:
        if per_month not in CHECK_POSITIONS:
            raise InvalidInput(f"Connection Checks can be planned 1 to 4 a month (got {per_month})")
        positions = [day(n) for n in CHECK_POSITIONS[per_month]]
        rule = rrule(MONTHLY, byweekday=positions, dtstart=start)
    return str(rule).split("RRULE:", 1)[1]


def first_occurrence(rule: str, start: datetime) -> datetime:
    """The first start the rule gives on or after `start`."""
    found: datetime | None = rrulestr(rule, dtstart=start).after(start, inc=True)
    assert found is not None, "check_rule and default_rule only give rules that happen"
    return found


def check_rule(text: str, start: datetime) -> str:
    """`text` as a valid RRULE with at least one occurrence from `start`, or InvalidInput."""
    clean = text.strip().removeprefix("RRULE:")
    try:
        rule = rrulestr(clean, dtstart=start)
    except (ValueError, TypeError) as error:
        raise InvalidInput(f"the recurrence '{text}' is not a valid RRULE ({error})") from None
    if rule.after(start, inc=True) is None:
        raise InvalidInput(f"the recurrence '{text}' never happens after {start:%Y-%m-%d}")
    return clean


def upcoming(ritual: Ritual, after: datetime, count: int = 3) -> list[datetime]:
    """The next `count` starts of `ritual` after `after`, in its own zone."""
    start = ritual.starts.replace(tzinfo=zone(ritual.tzid))
    rule = rrulestr(ritual.rrule, dtstart=start)
    found: list[datetime] = []
    moment = after
    while len(found) < count:
        following = rule.after(moment)
        if following is None:
            break
        # A wall-clock time in a daylight-saving gap (02:30 on the spring-forward night) does
        # not exist: shown as the instant calendars take it for (RFC 5545: the offset before
        # the gap), 03:30 summer time, not '02:30 CET'.
        found.append(following.astimezone(UTC).astimezone(start.tzinfo))
        moment = following
    return found


def _build(workspace: Workspace, request: RitualRequest, uid: str | None) -> Ritual:
    tzid = request.tzid or default_zone_name()
    local_now = workspace.now().astimezone(zone(tzid))
    first = request.first_day or local_now.date()
    start = datetime.combine(first, request.at or DEFAULT_TIMES[request.kind])
    if request.rrule is not None:
        rule = check_rule(request.rrule, start)
    else:
        rule = default_rule(request.kind, start, _per_month(workspace, request))
    # DTSTART must be an occurrence itself: calendars count it even when the rule would not.
    start = first_occurrence(rule, start)
    minutes = request.minutes or DEFAULT_MINUTES[request.kind]
    if not 0 < minutes <= 24 * 60 or request.alarm_minutes < 0:
        raise InvalidInput(
            f"length must be 1..1440 minutes and the reminder 0 or more "
            f"(got {minutes}, {request.alarm_minutes})"
        )
    return Ritual(
        kind=request.kind,
        starts=start,
        tzid=tzid,
        rrule=rule,
        uid=uid or uuid.uuid4().hex,
        created_at=workspace.now(),
        minutes=minutes,
        alarm_minutes=request.alarm_minutes,
    )


def _per_month(workspace: Workspace, request: RitualRequest) -> int:
    if request.per_month is not None:
        return request.per_month
    if request.kind is not RitualKind.CONNECTION_CHECK or request.person is None:
        return 2
    with workspace.unit_of_work() as uow:
        return resolve_person(uow, request.person).checks_per_month


def add_ritual(workspace: Workspace, request: RitualRequest) -> Ritual:
    """Store a new ritual (with its person when named)."""
    ritual = _build(workspace, request, None)
    with workspace.unit_of_work() as uow:
        if request.person is not None:
            ritual = replace(ritual, person_id=resolve_person(uow, request.person).id)
        stored = RitualRepository(uow.connection).add(ritual)
        uow.commit()
    return stored


def plan_checks(workspace: Workspace, request: RitualRequest) -> Ritual:
    """Plan the Connection Checks with a person; re-planning keeps the calendar UID."""
    if request.person is None:
        raise InvalidInput("planning Connection Checks needs a person")
    with workspace.unit_of_work() as uow:
        person = resolve_person(uow, request.person)
        existing = [
            r
            for r in RitualRepository(uow.connection).list(person.id)
            if r.kind is RitualKind.CONNECTION_CHECK
        ]
    request = replace(request, kind=RitualKind.CONNECTION_CHECK)
    ritual = replace(
        _build(workspace, request, existing[0].uid if existing else None), person_id=person.id
    )
    with workspace.unit_of_work() as uow:
        repository = RitualRepository(uow.connection)
        for old in existing:
            assert old.id is not None
            repository.remove(old.id)
        stored = repository.add(ritual)
        uow.commit()
    return stored


def list_rituals(workspace: Workspace, person: str | None = None) -> list[Ritual]:
    """Every ritual, or those of one person."""
    with workspace.unit_of_work() as uow:
        person_id = resolve_person(uow, person).id if person is not None else None
        return RitualRepository(uow.connection).list(person_id)


def remove_ritual(workspace: Workspace, ritual_id: int) -> Ritual:
    """Delete a ritual; NotFound naming the id when there is none."""
    with workspace.unit_of_work() as uow:
        try:
            removed = RitualRepository(uow.connection).remove(ritual_id)
        except NotFound:
            raise NotFound(f"no ritual with id {ritual_id} (see `tend ritual list`)") from None
        uow.commit()
    return removed
