"""`tend tension PERSON`: one issue, "I felt ... when ...", and one agreed next step."""

from __future__ import annotations

from typing import Annotated

import typer

from tending.cli import guided_ui
from tending.cli.state import get_state
from tending.services.guided_practices import start_tension


def tension(
    ctx: typer.Context, person: Annotated[str, typer.Argument(help="Who it is with.")]
) -> None:
    """The tension script: the next step you agree becomes a commitment."""
    guided_ui.run_practice(get_state(ctx), "Tension script", lambda ws: start_tension(ws, person))


def register(app: typer.Typer) -> None:
    """Add `tend tension`."""
    app.command("tension")(tension)
