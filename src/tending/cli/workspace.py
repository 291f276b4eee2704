"""What the tracker's commands share: the workspace of this invocation, and plain data for --json.

with open_workspace_for(ctx) as workspace:
    person = add_person(workspace, name)
"""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from enum import Enum
from typing import Any

import typer

from tending.cli.state import get_state
from tending.services.workspace import Workspace, open_workspace


def open_workspace_for(ctx: typer.Context) -> Workspace:
    """The workspace of the CLI state: its home, database URL and clock (close it after use)."""
    state = get_state(ctx)
    return open_workspace(state.resolved_home(), state.resolved_database_url(), state.clock)


def jsonable(value: Any) -> Any:
    """Domain values as JSON-ready data: dataclasses as objects, ISO 8601 times, enum values."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            field.name: jsonable(getattr(value, field.name)) for field in dataclasses.fields(value)
        }
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return {str(jsonable(key)): jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(item) for item in value]
    return value


def local(moment: datetime, ctx: typer.Context) -> str:
    """A stored (UTC) time shown in the clock's time zone, to the minute."""
    zone = get_state(ctx).clock.now().tzinfo
    return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M")
