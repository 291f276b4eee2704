"""`tend exercise vulnerability`, `tend gratitude`, `tend honest`: short guided practices."""

from __future__ import annotations

from typing import Annotated

import typer

from tending.cli import guided_ui
from tending.cli.state import get_state
from tending.services.guided_practices import start_gratitude, start_honest, start_vulnerability
from tending.services.guided_steps import HONEST_KINDS

exercise = typer.Typer(help="Guided exercises for two.", no_args_is_help=True)
WithPerson = Annotated[str | None, typer.Option("--with", help="The person you do it with.")]


@exercise.command("vulnerability")
def vulnerability(ctx: typer.Context, person: WithPerson = None) -> None:
    """Timed turns (5 minutes each): one speaks about a fear, the other mirrors; no debate."""
    guided_ui.run_practice(
        get_state(ctx), "Vulnerability exercise", lambda ws: start_vulnerability(ws, person)
    )


def gratitude(ctx: typer.Context, person: WithPerson = None) -> None:
    """Tonight's gratitude: one specific thing you are thankful for."""
    guided_ui.run_practice(
        get_state(ctx), "Nightly gratitude", lambda ws: start_gratitude(ws, person)
    )


def honest(
    ctx: typer.Context,
    kind: Annotated[
        str | None,
        typer.Option(help=f"One of: {', '.join(HONEST_KINDS)} (default: today's prompt)."),
    ] = None,
    person: WithPerson = None,
) -> None:
    """Today's honest statement: a worry, a small regret or an appreciation, said plainly."""
    guided_ui.run_practice(
        get_state(ctx), "Daily honest statement", lambda ws: start_honest(ws, kind, person)
    )


def register(app: typer.Typer) -> None:
    """Add `tend exercise ...`, `tend gratitude` and `tend honest`."""
    app.add_typer(exercise, name="exercise")
    app.command("gratitude")(gratitude)
    app.command("honest")(honest)
