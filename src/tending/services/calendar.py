"""Exporting the rituals as one iCalendar file, written atomically (nothing half-written)."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from tending.domain.errors import InvalidInput, StorageProblem
from tending.exporters.calendar import calendar_bytes
from tending.services.rituals import list_rituals
from tending.services.workspace import Workspace


@dataclass(frozen=True)
class CalendarExport:
    path: Path
    events: int
    size: int


def export_calendar(
    workspace: Workspace, path: Path, alarm_minutes: int | None = None, person: str | None = None
) -> CalendarExport:
    """Write every ritual (or one person's) to `path`; no rituals: InvalidInput, no file."""
    rituals = list_rituals(workspace, person)
    if not rituals:
        whose = f" with {person}" if person else ""
        raise InvalidInput(
            f"there are no rituals{whose} to export; add one with `tend ritual add` "
            f"(nothing was written to {path})"
        )
    data = calendar_bytes(rituals, workspace.now(), alarm_minutes)
    _write_atomically(path, data)
    return CalendarExport(path, len(rituals), len(data))


def _write_atomically(path: Path, data: bytes) -> None:
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise StorageProblem(f"cannot write {path}: the folder {folder} does not exist")
    temporary: str | None = None
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
        temporary = None
    except OSError as error:
        raise StorageProblem(f"cannot write {path}: {error.strerror}") from None
    finally:
        if temporary is not None and os.path.exists(temporary):
            os.unlink(temporary)
