"""`tend unsaid` (the list, most pressing first), `tend unsaid add`, `tend unsaid said`. Private."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from tending.cli.output import console, print_json
from tending.cli.state import get_state
from tending.cli.when import maybe_time
from tending.cli.workspace import jsonable, open_workspace_for
from tending.domain.unsaid import AgedUnsaid
from tending.services import unsaid as service
from tending.services.people import list_people

unsaid_app = typer.Typer(
    invoke_without_command=True,
    help="Things not yet said: private, weighted, oldest and heaviest first.",
)

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]


def _record(entry: AgedUnsaid) -> dict[str, object]:
    return {
        **jsonable(entry.item),
        "age_days": round(entry.age_days, 2),
        "score": round(entry.score, 2),
    }


@unsaid_app.callback()
def list_(
    ctx: typer.Context,
    person: Annotated[
        str | None, typer.Option("--person", "-p", help="Only for one person.")
    ] = None,
    include_said: Annotated[bool, typer.Option("--all", help="Include the ones said.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """What you have not said yet, the most pressing first (weight x (1 + weeks waiting))."""
    if ctx.invoked_subcommand is not None:
        return
    with open_workspace_for(ctx) as workspace:
        found = service.list_unsaid(workspace, person, include_said)
        names = {p.id: p.name for p in list_people(workspace, include_archived=True)}
    if as_json:
        print_json([_record(entry) for entry in found])
        return
    if not found:
        console.print("Nothing unsaid is waiting.")
        return
    table = Table("id", "person", "weight", "waiting", "score", "unsaid")
    for entry in found:
        item = entry.item
        waiting = "said" if item.said_at else f"{entry.age_days:.0f} d"
        name = escape(names.get(item.person_id, "?"))
        table.add_row(
            str(item.id), name, str(item.weight), waiting, f"{entry.score:.1f}", escape(item.text)
        )
    console.print(table)
    top = next((entry.item for entry in found if entry.item.said_at is None), None)
    if top is not None:
        who = escape(names.get(top.person_id, "them"))
        console.print(f"Consider bringing #{top.id} to your next check-in with {who}.")


@unsaid_app.command("add")
def add(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(help="What you have not said yet.")],
    person: Annotated[str, typer.Option("--person", "-p", help="To whom (name or #ID).")],
    weight: Annotated[int, typer.Option("--weight", "-w", help="1 (light) to 5 (heavy).")] = 3,
    as_json: JsonOpt = False,
) -> None:
    """Keep something you have not said yet (private: only you see it)."""
    with open_workspace_for(ctx) as workspace:
        item = service.add_unsaid(workspace, person, text, weight)
    if as_json:
        print_json(jsonable(item))
        return
    console.print(f"Kept #{item.id} (weight {item.weight}). It will come up as it ages.")


@unsaid_app.command("said")
def said(
    ctx: typer.Context,
    item_id: Annotated[int, typer.Argument(help="Its id (tend unsaid).")],
    how: Annotated[str | None, typer.Option("--how", help="How it went.")] = None,
    at: Annotated[str | None, typer.Option("--at", help="When you said it (default now).")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Record that you said it, when, and how it went."""
    when = maybe_time(at, get_state(ctx).clock)
    with open_workspace_for(ctx) as workspace:
        item = service.mark_said(workspace, item_id, how, when)
    if as_json:
        print_json(jsonable(item))
        return
    console.print(f"Said: #{item.id}. Well done for saying it.")


def register(app: typer.Typer) -> None:
    """Add `tend unsaid ...` to the app."""
    app.add_typer(unsaid_app, name="unsaid")
