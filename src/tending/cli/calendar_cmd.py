"""`tend calendar export FILE.ics`: every ritual as one iCalendar file with reminders."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tending.cli import guided_ui
from tending.cli.output import console, counted, print_json
from tending.cli.state import get_state
from tending.services.calendar import export_calendar

calendar = typer.Typer(help="Rituals in the calendar you already use.", no_args_is_help=True)


@calendar.command("export")
def export(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="The .ics file to write (replaced if it exists).")],
    alarm: Annotated[
        int | None,
        typer.Option(help="Reminder minutes before every event (default: each ritual's own)."),
    ] = None,
    person: Annotated[
        str | None, typer.Option("--with", help="Only this person's rituals.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Write the rituals as recurring events; re-exporting updates them in your calendar."""
    with guided_ui.workspace_for(get_state(ctx)) as workspace:
        done = export_calendar(workspace, path, alarm, person)
    if as_json:
        print_json({"path": str(done.path), "events": done.events, "bytes": done.size})
        return
    console.print(
        f"Wrote {counted(done.events, 'recurring event')} to {done.path}; "
        "import it into your calendar."
    )


def register(app: typer.Typer) -> None:
    """Add `tend calendar ...`."""
    app.add_typer(calendar, name="calendar")
