"""`tend coach eval FILE.jsonl`: the coach's figures on a labelled set.

Scores are figures, not a verdict: the command exits 0 whenever it could read the file and run,
and non-zero only on unreadable input. The last two lines of the plain output are fixed so scripts
can read the tail:

    lines 313  tone lines 305  depth lines 120  failing lines 41
    macro-F1 0.912  tone 0.934  depth 0.871
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from tending.cli.output import console, print_json
from tending.coach.evaluation import EvaluationReport, Failure, evaluate_file
from tending.exporters.files import input_file

FileArg = Annotated[
    Path, typer.Argument(help="Labelled JSONL: id, text, context?, flags, maybe?, tone?, depth?")
]
JsonOpt = Annotated[
    bool, typer.Option("--json", help="Print every figure and every failing line as JSON.")
]
FailuresOpt = Annotated[
    int,
    typer.Option("--failures", min=0, help="How many failing lines to list in the table output."),
]


def register_eval(coach_app: typer.Typer) -> None:
    """Add `eval` to the `tend coach` group."""
    coach_app.command("eval")(evaluate_command)


def evaluate_command(file: FileArg, as_json: JsonOpt = False, failures: FailuresOpt = 10) -> None:
    """Per-flag precision, recall and F1, the macro-F1, and tone and depth accuracy on FILE.

    Scored in the SPEC's rules: a flag listed under `maybe` counts neither way; tone and depth
    count only on lines that give them.
    """
    report = evaluate_file(input_file(file, "labelled JSONL file"))
    if as_json:
        print_json(report.to_json())
        return
    console.print(flag_table(report))
    if report.failures and failures:
        console.print(failure_table(report.failures[:failures], len(report.failures)))
    for line in summary_lines(report):
        console.print(line, markup=False, highlight=False, soft_wrap=True)


def flag_table(report: EvaluationReport) -> Table:
    """One row per flag of the vocabulary, with its counts and figures."""
    table = Table(title=f"Coach on {report.lines} labelled lines")
    table.add_column("flag", no_wrap=True, min_width=15)
    for name in ("labelled", "predicted", "TP", "FP", "FN", "precision", "recall", "F1"):
        table.add_column(name, justify="right")
    for score in report.flag_scores:
        figures = (score.precision, score.recall, score.f1) if score.scored else (None,) * 3
        table.add_row(
            score.flag,
            str(score.positives),
            str(score.predicted),
            str(score.tp),
            str(score.fp),
            str(score.fn),
            *(_figure(value) for value in figures),
        )
    return table


def failure_table(failures: tuple[Failure, ...], total: int) -> Table:
    """The first failing lines: which flags were missed or extra, and tone or depth misses."""
    table = Table(title=f"Failing lines ({len(failures)} of {total})")
    table.add_column("id", no_wrap=True)
    for name in ("line", "missed", "extra", "tone", "depth"):
        table.add_column(name)
    for failure in failures:
        table.add_row(
            failure.id,
            str(failure.line_number),
            ", ".join(failure.missed),
            ", ".join(failure.extra),
            _miss(failure.tone_expected, failure.tone_got),
            _miss(failure.depth_expected, failure.depth_got),
        )
    return table


def summary_lines(report: EvaluationReport) -> tuple[str, str]:
    """The two closing lines: what was scored, then the three headline figures."""
    counts = (
        f"lines {report.lines}  tone lines {report.tone_lines}  "
        f"depth lines {report.depth_lines}  failing lines {len(report.failures)}"
    )
    figures = (
        f"macro-F1 {_figure(report.macro_f1)}  tone {_figure(report.tone_accuracy)}  "
        f"depth {_figure(report.depth_accuracy)}"
    )
    return counts, figures


def _figure(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def _miss(expected: str | None, got: str | None) -> str:
    return "" if expected is None else f"{got} (want {expected})"
