"""`tend demo`: fill a fresh home with a few months of invented practice to look around in."""

from __future__ import annotations

import random
from typing import Annotated

import typer

from tending.cli.output import console, counted, print_json
from tending.cli.workspace import jsonable, open_workspace_for
from tending.services.demo import DEFAULT_SEED, DEMO_WEEKS, fill_demo


def demo(
    ctx: typer.Context,
    seed: Annotated[
        int, typer.Option("--seed", help="Seed of the dice: the same seed, the same demo.")
    ] = DEFAULT_SEED,
    weeks: Annotated[
        int, typer.Option("--weeks", min=1, max=104, help="How many weeks back to invent.")
    ] = DEMO_WEEKS,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")] = False,
) -> None:
    """Fill an empty home with invented people and months of practice (refuses a used one)."""
    with open_workspace_for(ctx) as workspace:
        summary = fill_demo(workspace, random.Random(seed), weeks)
    if as_json:
        print_json(jsonable(summary))
        return
    console.print(
        f"Invented {counted(len(summary.people), 'person', 'people')} "
        f"({', '.join(summary.people)}) and {counted(summary.moments, 'moment')}, "
        f"{counted(summary.commitments, 'commitment')}, "
        f"{counted(summary.agreements, 'agreement')}, "
        f"{counted(summary.unsaid, 'unsaid thing')} and "
        f"{counted(summary.reassessments, 'reassessment')}, "
        f"{summary.first_day} to {summary.last_day}."
    )
    console.print("Look around: tend today, tend stats, tend person list, tend unsaid.")


def register(app: typer.Typer) -> None:
    """Add `tend demo`."""
    app.command("demo")(demo)
