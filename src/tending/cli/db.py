"""`tend db upgrade`, `tend db info`: the database and its schema."""

from __future__ import annotations

from typing import Annotated

import typer

from tending.cli.output import console, print_json
from tending.cli.state import get_state
from tending.cli.workspace import jsonable
from tending.services.workspace import inspect_database, upgrade_database
from tending.storage.info import DatabaseInfo

db_app = typer.Typer(no_args_is_help=True, help="The database: apply migrations, show its state.")

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]


def _record(info: DatabaseInfo) -> dict[str, object]:
    record = jsonable(info)
    assert isinstance(record, dict)
    record["up_to_date"] = info.up_to_date
    return record


def _show(info: DatabaseInfo) -> None:
    console.print(f"Database: {info.where} ({info.dialect})")
    if not info.exists:
        console.print("Not created yet; the first command (or tend db upgrade) creates it.")
        return
    revisions = ", ".join(info.revisions) or "none (empty)"
    console.print(f"Schema revisions: {revisions}")
    if info.newer:
        state = (
            f"made by a newer Tending ({', '.join(info.newer)}); upgrade Tending to open it"
        )
    elif info.up_to_date:
        state = "up to date"
    else:
        state = f"behind (newest: {', '.join(info.heads)}); tend db upgrade applies it"
    console.print(f"Schema: {state}")
    for table, count in info.rows.items():
        console.print(f"  {table}: {count}")


@db_app.command("upgrade")
def upgrade(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """Create the database if needed and apply every migration not applied yet."""
    state = get_state(ctx)
    info = upgrade_database(state.resolved_home(), state.resolved_database_url())
    if as_json:
        print_json(_record(info))
        return
    _show(info)


@db_app.command("info")
def info(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """Where the database is, its schema revisions and how many rows each table holds."""
    state = get_state(ctx)
    found = inspect_database(state.resolved_home(), state.resolved_database_url())
    if as_json:
        print_json(_record(found))
        return
    _show(found)


def register(app: typer.Typer) -> None:
    """Add `tend db ...` to the app."""
    app.add_typer(db_app, name="db")
