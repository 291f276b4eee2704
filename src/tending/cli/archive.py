"""`tend export FILE` and `tend import FILE`: a whole backup in the documented JSON format."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from tending.cli.output import console, print_json
from tending.cli.workspace import jsonable, open_workspace_for
from tending.services.archive import ArchiveCounts, export_archive, import_archive

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]


def _summary(counts: ArchiveCounts) -> str:
    return (
        f"{counts.people} people, {counts.moments} moments, {counts.commitments} commitments, "
        f"{counts.agreements} agreements, {counts.unsaid} unsaid, "
        f"{counts.reassessments} reassessments"
    )


def export(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="Where to write the export (JSON).")],
    shareable: Annotated[
        bool,
        typer.Option("--shareable", help="Leave out private things: unsaid and private moments."),
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """Write everything to FILE (a versioned JSON backup; private things too unless --shareable)."""
    with open_workspace_for(ctx) as workspace:
        counts = export_archive(workspace, file, shareable)
    if as_json:
        print_json(jsonable(counts) | {"path": str(file)})
        return
    console.print(f"Exported {_summary(counts)} to {escape(str(file))}.")
    if not shareable and counts.unsaid:
        console.print("It holds your private entries too: keep it somewhere only you can read.")


def import_(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="An export written by `tend export`.")],
    as_json: JsonOpt = False,
) -> None:
    """Restore FILE into an empty database: all of it, or nothing if anything is wrong."""
    with open_workspace_for(ctx) as workspace:
        counts = import_archive(workspace, file)
    if as_json:
        print_json(jsonable(counts) | {"path": str(file)})
        return
    console.print(f"Imported {_summary(counts)} from {escape(str(file))}.")


def register(app: typer.Typer) -> None:
    """Add `tend export` and `tend import`."""
    app.command("export")(export)
    app.command("import")(import_)
