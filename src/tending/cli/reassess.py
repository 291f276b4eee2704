"""`tend reassess`: score the four foundations 1-10 (options or prompts) and see the change."""

from __future__ import annotations

from typing import Annotated

import typer

from tending.cli.output import console, print_json
from tending.cli.workspace import jsonable, open_workspace_for
from tending.domain.reassessment import SCORE_MAX, SCORE_MIN, Foundation
from tending.services.reassess import ReassessmentResult, record_reassessment

QUESTIONS = {
    Foundation.ACCEPTANCE: "Acceptance: how fully do you take each other as you are?",
    Foundation.MUTUAL_CARE: "Mutual care: how much do you look after each other?",
    Foundation.MUTUAL_RESPECT: "Mutual respect: how much do you honour each other's views?",
    Foundation.DIFFERENTIATION: "Healthy differentiation: how well do you stay yourselves?",
}


def _score(flag: str, help_text: str) -> object:
    return typer.Option(flag, min=SCORE_MIN, max=SCORE_MAX, help=help_text)


def reassess(
    ctx: typer.Context,
    person: Annotated[
        str | None, typer.Option("--person", "-p", help="About one person (default: overall).")
    ] = None,
    acceptance: Annotated[int | None, _score("--acceptance", "Acceptance, 1-10.")] = None,
    care: Annotated[int | None, _score("--care", "Mutual care, 1-10.")] = None,
    respect: Annotated[int | None, _score("--respect", "Mutual respect, 1-10.")] = None,
    differentiation: Annotated[
        int | None, _score("--differentiation", "Healthy differentiation, 1-10.")
    ] = None,
    note: Annotated[str | None, typer.Option("--note", help="A line about why.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")] = False,
) -> None:
    """Score the four foundations 1-10; scores not given as options are asked for."""
    given = {
        Foundation.ACCEPTANCE: acceptance,
        Foundation.MUTUAL_CARE: care,
        Foundation.MUTUAL_RESPECT: respect,
        Foundation.DIFFERENTIATION: differentiation,
    }
    scores = {
        foundation: value if value is not None else _ask(foundation)
        for foundation, value in given.items()
    }
    with open_workspace_for(ctx) as workspace:
        result = record_reassessment(workspace, scores, person, note)
    if as_json:
        print_json(jsonable(result))
        return
    _show(result)


def _ask(foundation: Foundation) -> int:
    while True:
        value = int(typer.prompt(f"{QUESTIONS[foundation]} (1-10)", type=int, err=True))
        if SCORE_MIN <= value <= SCORE_MAX:
            return value
        typer.echo(f"A score is {SCORE_MIN} to {SCORE_MAX}; {value} is outside.", err=True)


def _show(result: ReassessmentResult) -> None:
    for foundation, score in result.current.scores.items():
        change = result.change.get(foundation)
        shown = "" if change is None else f" ({change:+d} since last time)"
        console.print(f"{foundation.value.replace('_', ' ')}: {score}{shown}")
    if result.previous is None:
        console.print("This is the first one; the next will show the change.")


def register(app: typer.Typer) -> None:
    """Add `tend reassess` to the app."""
    app.command("reassess")(reassess)
