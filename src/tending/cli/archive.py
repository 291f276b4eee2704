"""`tend export FILE` and `tend import FILE`: a whole backup in the documented JSON format."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from tending.cli.output import console, counted, print_json
from tending.cli.workspace import jsonable, open_workspace_for
from tending.services.archive import ArchiveCounts, export_archive, import_archive

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]


def _summary(counts: ArchiveCounts) -> str:
    """'1 person, 12 moments, ...': every kind the file holds, each with the right noun form."""
    parts = [
        counted(counts.people, "person", "people"),
        counted(counts.moments, "moment"),
        counted(counts.commitments, "commitment"),
        counted(counts.agreements, "agreement"),
        counted(counts.unsaid, "unsaid thing"),
        counted(counts.reassessments, "reassessment"),
        counted(counts.sessions, "guided session"),
        counted(counts.check_questions, "check question"),
        counted(counts.rituals, "ritual"),
        counted(counts.chat_months, "stored chat month"),
    ]
    return ", ".join(parts)


def export(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="Where to write the export (JSON).")],
    shareable: Annotated[
        bool,
        typer.Option(
            "--shareable",
            help="Leave out private things: unsaid, private moments and guided sessions.",
        ),
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
    if not shareable and (counts.unsaid or counts.sessions):
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
