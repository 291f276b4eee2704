"""`tend commit add|list|done`: micro-commitments after a chat; overdue ones stand out."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from tending.cli.output import console, print_json
from tending.cli.state import get_state
from tending.cli.when import maybe_day
from tending.cli.workspace import jsonable, open_workspace_for
from tending.domain.commitments import Commitment
from tending.services import commitments as service
from tending.services.people import list_people

commit_app = typer.Typer(no_args_is_help=True, help="Micro-commitments: add, list, mark done.")

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]


@commit_app.command("add")
def add(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(help="The small next step you commit to.")],
    person: Annotated[str, typer.Option("--person", "-p", help="For whom (name or #ID).")],
    due: Annotated[
        str | None, typer.Option("--due", help="Due date (default: in 7 days, the catalogue's).")
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Commit to one small next step after a chat."""
    due_day = maybe_day(due, get_state(ctx).clock, "--due")
    with open_workspace_for(ctx) as workspace:
        commitment = service.add_commitment(workspace, person, text, due_day)
    if as_json:
        print_json(jsonable(commitment))
        return
    console.print(f"Commitment #{commitment.id} due {commitment.due.isoformat()}.")


@commit_app.command("list")
def list_(
    ctx: typer.Context,
    person: Annotated[
        str | None, typer.Option("--person", "-p", help="Only for one person.")
    ] = None,
    open_only: Annotated[bool, typer.Option("--open", help="Only the ones not done.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """Commitments by due date; overdue ones are marked."""
    with open_workspace_for(ctx) as workspace:
        found = service.list_commitments(workspace, person, open_only)
        names = {p.id: p.name for p in list_people(workspace, include_archived=True)}
        today = workspace.today()
    if as_json:
        print_json([{**jsonable(c), "overdue": c.is_overdue(today)} for c in found])
        return
    if not found:
        console.print("No commitments. After a chat: tend commit add 'TEXT' --person NAME")
        return
    table = Table("id", "person", "due", "state", "commitment")
    for commitment in found:
        state = _state(commitment, today)
        name = escape(names.get(commitment.person_id, "?"))
        table.add_row(
            str(commitment.id), name, commitment.due.isoformat(), state, escape(commitment.text)
        )
    console.print(table)


def _state(commitment: Commitment, today: date) -> str:
    if commitment.done_at is not None:
        return f"[green]done {commitment.done_at.date().isoformat()}[/]"
    if commitment.is_overdue(today):
        return "[bold red]OVERDUE[/]"
    return "open"


@commit_app.command("done")
def done(
    ctx: typer.Context,
    commitment_id: Annotated[int, typer.Argument(help="The commitment's id (tend commit list).")],
    as_json: JsonOpt = False,
) -> None:
    """Mark a commitment done."""
    with open_workspace_for(ctx) as workspace:
        commitment = service.complete_commitment(workspace, commitment_id)
    if as_json:
        print_json(jsonable(commitment))
        return
    console.print(f"Done: #{commitment.id} {escape(commitment.text)}")


def register(app: typer.Typer) -> None:
    """Add `tend commit ...` to the app."""
    app.add_typer(commit_app, name="commit")
