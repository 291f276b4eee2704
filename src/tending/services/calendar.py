"""Exporting the rituals as one iCalendar file, written atomically and readable by its owner only
(`exporters.files.write_private`: nothing half-written)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tending.domain.errors import InvalidInput
from tending.exporters.files import write_private
from tending.services.rituals import list_rituals
from tending.services.workspace import Workspace


@dataclass(frozen=True)
class CalendarExport:
    path: Path
    events: int
    size: int


def calendar_feed(
    workspace: Workspace, alarm_minutes: int | None = None, person: str | None = None
) -> tuple[bytes, int]:
    """The iCalendar bytes of every ritual (or one person's) and how many events they hold;
    what a web feed serves. No rituals: InvalidInput."""
    from tending.exporters.calendar import calendar_bytes  # icalendar: only when exporting

    rituals = list_rituals(workspace, person)
    if not rituals:
        whose = f" with {person}" if person else ""
        raise InvalidInput(f"there are no rituals{whose}; add one with `tend ritual add`")
    return calendar_bytes(rituals, workspace.now(), alarm_minutes), len(rituals)


def export_calendar(
    workspace: Workspace, path: Path, alarm_minutes: int | None = None, person: str | None = None
) -> CalendarExport:
    """Write every ritual (or one person's) to `path`; no rituals: InvalidInput, no file."""
    try:
        data, events = calendar_feed(workspace, alarm_minutes, person)
    except InvalidInput as error:
        raise InvalidInput(f"{error.message} (nothing was written to {path})") from None
    write_private(path, data, "rituals.ics")
    return CalendarExport(path, events, len(data))
