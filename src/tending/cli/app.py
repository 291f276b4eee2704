"""The `tend` command: a thin shell over the services.

Each module in COMMAND_MODULES holds one group of commands and exposes `register(app)`.
Errors raised as `TendingError` anywhere below become a message on stderr and an exit code here,
so no command prints a traceback at a person.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Annotated, Any

import typer
from typer._click.core import Context as ClickContext
from typer.core import TyperGroup

from tending.cli.output import print_error
from tending.cli.state import CliState, parse_speed
from tending.domain.errors import TendingError

COMMAND_MODULES: tuple[str, ...] = (
    # one line per command module; each defines register(app: typer.Typer) -> None
    "tending.cli.db",
    "tending.cli.people",
    "tending.cli.log",
    "tending.cli.commitments",
    "tending.cli.agreements",
    "tending.cli.unsaid",
    "tending.cli.reassess",
    "tending.cli.chat",
    "tending.cli.practices",
    "tending.cli.check",
    "tending.cli.stats",
    "tending.cli.today",
    "tending.cli.archive",
    "tending.cli.demo",
    "tending.cli.coach",
)


class TendingGroup(TyperGroup):
    """Turns TendingError into a clear message and a non-zero exit status."""

    def invoke(self, ctx: ClickContext) -> Any:
        try:
            return super().invoke(ctx)
        except TendingError as error:
            print_error(error.message)
            raise typer.Exit(error.exit_code) from None  # typer >= 0.20 has its own Exit
        except OSError as error:
            if error.filename is None:
                raise
            # A file problem that no layer turned into a TendingError: still one line, no trace.
            print_error(f"{error.filename}: {error.strerror or error}")
            raise typer.Exit(3 if isinstance(error, FileNotFoundError) else 2) from None
        except KeyboardInterrupt:
            print_error("interrupted; nothing entered so far was lost.")
            raise typer.Exit(130) from None


def _speed_option(value: str | None) -> str | None:
    """Refuse a bad --speed while parsing (exit 2), before any command runs."""
    if value is not None:
        try:
            parse_speed(value)
        except ValueError as error:
            raise typer.BadParameter(str(error)) from None
    return value


def _root(
    ctx: typer.Context,
    home: Annotated[
        Path | None,
        typer.Option("--home", help="Data directory (default: TENDING_HOME or the user data dir)."),
    ] = None,
    speed: Annotated[
        str | None,
        typer.Option(
            "--speed",
            metavar="N",
            callback=_speed_option,
            help="Run guided timers N times faster (N > 0; beats TENDING_SPEED). For demos.",
        ),
    ] = None,
) -> None:
    """Tending: keep the rituals that keep you close."""
    if not isinstance(ctx.obj, CliState):
        ctx.obj = CliState()
    if home is not None:
        ctx.obj.home = home
    if speed is not None:
        ctx.obj.speed = parse_speed(speed)


def build_app() -> typer.Typer:
    """The whole command tree, built from COMMAND_MODULES."""
    app = typer.Typer(
        cls=TendingGroup,
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        help="Tending: a local-first companion for close relationships.",
    )
    app.callback()(_root)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(app)
    return app


app = build_app()


def main() -> None:
    """Entry point of the `tend` script."""
    app(prog_name="tend")
