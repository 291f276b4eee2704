"""`tend coach`: what a message does relationally, for a person or as JSON lines for scripts.

Forms:
    tend coach "TEXT" [--context T] [--json]      (the same as `tend coach say "TEXT"`)
    tend coach --jsonl IN.jsonl | -               (the SPEC's batch contract)
    tend coach appreciation|followup|story|tension TEXT

A bare text and a subcommand share the name `coach`: the group reads its first word, and anything
that is not one of its subcommands is handed to `say`, so "tend coach story" runs the composer
while "tend coach 'story time?'" is analysed.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Annotated, Any

import typer
from rich.text import Text
from typer._click.core import Context as ClickContext
from typer.core import TyperGroup

from tending.cli.output import console, print_json
from tending.coach import (
    Analysis,
    CompositionCheck,
    analyze,
    check_appreciation,
    check_followup,
    check_story,
    check_tension,
)
from tending.domain.errors import InvalidInput, NotFound

CORRECTIVE = {"blame", "absolute", "contempt", "demand", "defensiveness", "stonewalling",
              "past_grievance", "minimizing", "faux_feeling", "people_pleasing", "fixing"}
WARM = {"appreciation", "affection", "validation", "reflection", "curiosity", "feeling", "need",
        "request", "vulnerability", "complex", "permission", "bid"}


class CoachGroup(TyperGroup):
    """A group whose bare text (or bare options) goes to its `say` command."""

    def parse_args(self, ctx: ClickContext, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h"):
            args = ["say", *args]
        return super().parse_args(ctx, args)


coach_app = typer.Typer(
    cls=CoachGroup,
    no_args_is_help=True,
    help="The dialogue coach: what a message does, with the words that show it, and gentler ways "
    "to say it. `tend coach \"TEXT\"` analyses one message.",
)

TextArg = Annotated[str | None, typer.Argument(help="The message to read (omit with --jsonl).")]
ContextOpt = Annotated[
    str | None, typer.Option("--context", help="The message this one answers.")
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print the result as JSON.")]
JsonlOpt = Annotated[
    str | None,
    typer.Option("--jsonl", help="Batch: read JSON lines from this file ('-' for standard input)."),
]
ResourcesOpt = Annotated[
    Path | None,
    typer.Option("--resources", help="Your own urgent-help file (TOML) for safety messages."),
]
DraftArg = Annotated[str, typer.Argument(help="Your draft.")]


@coach_app.command("say")
def say(
    text: TextArg = None,
    context: ContextOpt = None,
    as_json: JsonOpt = False,
    jsonl: JsonlOpt = None,
    resources: ResourcesOpt = None,
) -> None:
    """Read one message: flags with their reasons, tone, depth and suggestions."""
    if jsonl is not None:
        if text is not None:
            raise InvalidInput("give either a TEXT or --jsonl, not both")
        failed = run_batch(jsonl, resources)
        if failed:
            raise typer.Exit(1)
        return
    if text is None:
        raise InvalidInput("give the message to read, e.g. tend coach \"You never listen to me.\"")
    analysis = analyze(text, context, resources=resources)
    if as_json:
        print_json(analysis.to_json(None) | {"language": analysis.language})
        return
    render_analysis(text, analysis)


def run_batch(source: str, resources: Path | None) -> int:
    """The SPEC's batch contract; returns how many lines could not be read."""
    failed = 0
    with _open_lines(source) as stream:
        for number, line in enumerate(stream, start=1):
            if not line.strip():
                continue
            result = batch_line(line, number, lambda t, c: analyze(t, c, resources=resources))
            failed += "error" in result
            console.out(json.dumps(result, ensure_ascii=False), highlight=False)
    return failed


def batch_line(
    line: str, number: int, reader: Callable[[str, str | None], Analysis]
) -> dict[str, Any]:
    """One output object for one input line: the analysis, or an error naming the line."""
    try:
        row = json.loads(line)
    except json.JSONDecodeError as error:
        return {"id": None, "error": f"not valid JSON ({error.msg}) on line {number}"}
    if not isinstance(row, dict):
        return {"id": None, "error": f"expected a JSON object on line {number}"}
    ident = row.get("id")
    text, context = row.get("text"), row.get("context")
    if not isinstance(text, str):
        return {"id": ident, "error": f"missing \"text\" (a string) on line {number}"}
    if context is not None and not isinstance(context, str):
        return {"id": ident, "error": f"\"context\" must be a string on line {number}"}
    return reader(text, context).to_json(ident)


class _open_lines:  # noqa: N801 - used as a context manager, reads like open()
    """Standard input for '-', else the named file (a clear error when it cannot be read)."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.handle: IO[str] | None = None

    def __enter__(self) -> Iterator[str]:
        if self.source == "-":
            return iter(sys.stdin)
        try:
            self.handle = open(self.source, encoding="utf-8", errors="replace")  # noqa: SIM115
        except FileNotFoundError:
            raise NotFound(f"{self.source}: no such file") from None
        except OSError as error:
            raise InvalidInput(f"{self.source}: cannot read it ({error.strerror})") from None
        return iter(self.handle)

    def __exit__(self, *exc: object) -> None:
        if self.handle is not None:
            self.handle.close()


def render_analysis(text: str, analysis: Analysis) -> None:
    """The message with its evidence highlighted, each flag with its reason, the suggestions."""
    shown = Text(text)
    for item in analysis.evidence:
        style = "bold red" if item.flag == "safety" else (
            "red" if item.flag in CORRECTIVE else "green" if item.flag in WARM else "cyan"
        )
        shown.stylize(f"{style} underline", item.start, item.end)
    console.print(shown)
    console.print(
        Text(f"tone {analysis.tone} · depth {analysis.depth} · language {analysis.language}",
             style="dim")
    )
    if not analysis.flags and analysis.language == "en":  # else the suggestion says why
        console.print(Text("No flags: nothing here needs changing."))
    reasons: dict[str, tuple[str, str]] = {}
    for item in analysis.evidence:
        reasons.setdefault(item.flag, (item.why, text[item.start : item.end]))
    for flag in analysis.flags:
        why, words = reasons.get(flag, ("", ""))
        line = Text("• ")
        line.append(flag, style="bold")
        line.append(f": {why}")
        if words:
            line.append(f' ("{words}")', style="dim")
        console.print(line)
    for suggestion in analysis.suggestions:
        console.print(Text("→ " + suggestion))


def _composer(
    name: str, check: Callable[[str], CompositionCheck]
) -> Callable[[str, bool], None]:
    def command(text: DraftArg, as_json: JsonOpt = False) -> None:
        result = check(text)
        if as_json:
            print_json({
                "practice": result.practice, "ok": result.ok, "words": result.words,
                "limit": result.limit, "missing": list(result.missing),
            })
            return
        limit = f" (limit {result.limit})" if result.limit else ""
        verdict = "ready to send" if result.ok else "not yet"
        console.print(Text(f"{name}: {verdict} · {result.words} words{limit}"))
        for item in result.missing:
            console.print(Text(f"• missing {item}"))

    command.__doc__ = check.__doc__
    return command


coach_app.command("appreciation")(_composer("appreciation", check_appreciation))
coach_app.command("followup")(_composer("follow-up", check_followup))
coach_app.command("story")(_composer("story", check_story))
coach_app.command("tension")(_composer("tension talk", check_tension))


def register(app: typer.Typer) -> None:
    """Add `tend coach` to the app."""
    from tending.cli.coach_eval import register_eval

    register_eval(coach_app)
    app.add_typer(coach_app, name="coach")
