"""`tend person add|list|show|edit|archive`: the people one wants to be closer to."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from tending.cli.output import console, print_json
from tending.cli.state import get_state
from tending.cli.when import maybe_day
from tending.cli.workspace import jsonable, local, open_workspace_for
from tending.domain.people import Person, Tie
from tending.services import people as service

person_app = typer.Typer(no_args_is_help=True, help="Add, list, show, edit and archive people.")

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]
NameArg = Annotated[str, typer.Argument(help="The person's name (or its start, or #ID).")]
TieOpt = Annotated[Tie | None, typer.Option("--tie", case_sensitive=False, help="Kind of tie.")]
ChecksOpt = Annotated[
    int | None,
    typer.Option("--checks", help="Connection Checks a month (default from the catalogue: 2)."),
]
SurprisedOpt = Annotated[
    str | None,
    typer.Option("--surprised", help="When they last surprised you (e.g. 2026-01-10, yesterday)."),
]


def _line(person: Person) -> str:
    archived = " [dim](archived)[/]" if person.archived else ""
    return f"[bold]{escape(person.name)}[/] #{person.id} ({person.tie.value}){archived}"


@person_app.command("add")
def add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Their name, as you want to type it later.")],
    tie: TieOpt = None,
    checks: ChecksOpt = None,
    surprised: SurprisedOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Add someone you want to be closer to."""
    state = get_state(ctx)
    last = maybe_day(surprised, state.clock, "--surprised")
    with open_workspace_for(ctx) as workspace:
        person = service.add_person(workspace, name, tie or Tie.FRIEND, checks, last)
    if as_json:
        print_json(jsonable(person))
        return
    console.print(f"Added {_line(person)}, {person.checks_per_month} Connection Checks a month.")


@person_app.command("list")
def list_(
    ctx: typer.Context,
    include_archived: Annotated[
        bool, typer.Option("--all", help="Include archived people.")
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """List the people in the tracker."""
    with open_workspace_for(ctx) as workspace:
        everyone = service.list_people(workspace, include_archived)
    if as_json:
        print_json(jsonable(everyone))
        return
    if not everyone:
        console.print("Nobody yet. Add someone with [bold]tend person add NAME[/].")
        return
    table = Table("id", "name", "tie", "checks/month", "last surprised")
    for person in everyone:
        surprised = person.last_surprised.isoformat() if person.last_surprised else "-"
        name = escape(person.name) + (" (archived)" if person.archived else "")
        table.add_row(
            str(person.id), name, person.tie.value, str(person.checks_per_month), surprised
        )
    console.print(table)


@person_app.command("show")
def show(ctx: typer.Context, name: NameArg, as_json: JsonOpt = False) -> None:
    """Show one person: cadence, open commitments, agreements, unsaid things waiting."""
    with open_workspace_for(ctx) as workspace:
        overview = service.show_person(workspace, name)
    if as_json:
        print_json(jsonable(overview))
        return
    person = overview.person
    console.print(_line(person))
    console.print(f"  Connection Checks a month: {person.checks_per_month}")
    surprised = person.last_surprised.isoformat() if person.last_surprised else "not noted yet"
    console.print(f"  Last surprised you: {surprised}")
    last = local(overview.last_moment_at, ctx) if overview.last_moment_at else "nothing logged"
    console.print(f"  Last logged moment: {last}")
    for commitment in overview.open_commitments:
        console.print(
            f"  Commitment #{commitment.id} due {commitment.due}: {escape(commitment.text)}"
        )
    for agreement in overview.agreements:
        kind = agreement.kind.value.capitalize()
        console.print(f"  {kind} #{agreement.id}: {escape(agreement.current.text)}")
    console.print(f"  Unsaid things waiting: {overview.unsaid_count}")


@person_app.command("edit")
def edit(
    ctx: typer.Context,
    name: NameArg,
    new_name: Annotated[str | None, typer.Option("--name", help="A new name.")] = None,
    tie: TieOpt = None,
    checks: ChecksOpt = None,
    surprised: SurprisedOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Change a person's name, tie, cadence or last surprise; the rest stays."""
    last = maybe_day(surprised, get_state(ctx).clock, "--surprised")
    with open_workspace_for(ctx) as workspace:
        person = service.edit_person(workspace, name, new_name, tie, checks, last)
    if as_json:
        print_json(jsonable(person))
        return
    console.print(f"Saved {_line(person)}.")


@person_app.command("archive")
def archive(
    ctx: typer.Context,
    name: NameArg,
    restore: Annotated[bool, typer.Option("--restore", help="Bring them back instead.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """Archive someone: kept with their history, hidden from lists and reminders."""
    with open_workspace_for(ctx) as workspace:
        person = service.archive_person(workspace, name, archived=not restore)
    if as_json:
        print_json(jsonable(person))
        return
    console.print(f"{'Restored' if restore else 'Archived'} {_line(person)}.")


def register(app: typer.Typer) -> None:
    """Add `tend person ...` to the app."""
    app.add_typer(person_app, name="person")
