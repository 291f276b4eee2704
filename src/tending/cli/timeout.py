"""`tend timeout`: the conflict time-out, counted down, ending with a time to come back."""

from __future__ import annotations

from typing import Annotated

import typer

from tending.cli import guided_ui
from tending.cli.state import get_state
from tending.domain.errors import InvalidInput
from tending.domain.sessions import GuidedSession
from tending.services.guided_practices import default_timeout_minutes, start_timeout
from tending.services.workspace import Workspace


def timeout(
    ctx: typer.Context,
    minutes: Annotated[
        float | None, typer.Option(help="How long (asked when not given; default 20).")
    ] = None,
    person: Annotated[str | None, typer.Option("--with", help="Who the pause is with.")] = None,
) -> None:
    """Pause an escalating conflict, let your body settle, and agree when to come back."""
    state = get_state(ctx)
    terminal = guided_ui.terminal_for(state)

    def start(workspace: Workspace) -> GuidedSession:
        chosen = minutes
        if chosen is None:
            default = default_timeout_minutes(workspace)
            raw = terminal.read(f"How many minutes? [{default:g}] ").strip()
            chosen = _minutes(raw) if raw else default
        return start_timeout(workspace, chosen, person)

    guided_ui.run_practice(state, "Time-out", start)


def _minutes(raw: str) -> float:
    try:
        return float(raw)
    except ValueError:
        raise InvalidInput(
            f"the time-out length must be a number of minutes (got '{raw}')"
        ) from None


def register(app: typer.Typer) -> None:
    """Add `tend timeout`."""
    app.command("timeout")(timeout)
