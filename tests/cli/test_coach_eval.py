"""`tend coach eval`: tables and the fixed summary tail, JSON equal to the library's figures,
exit codes on unreadable input."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tending.cli.app import app
from tending.cli.state import CliState
from tending.coach.evaluation import FLAGS, evaluate_file
from tending.domain.clock import FixedClock

SUMMARY_COUNTS = re.compile(r"^lines \d+  tone lines \d+  depth lines \d+  failing lines \d+$")
FIGURE = r"(\d\.\d{3}|n/a)"
SUMMARY_FIGURES = re.compile(rf"^macro-F1 {FIGURE}  tone {FIGURE}  depth {FIGURE}$")

LINES = [
    {"id": "e1", "text": "You never listen to a word I say.", "flags": ["absolute", "blame"],
     "tone": "corrective"},
    {"id": "e2", "text": "Thanks for fixing the gate this morning.", "flags": ["appreciation"],
     "tone": "positive"},
    {"id": "e3", "text": "The bus leaves at nine.", "flags": [], "tone": "neutral",
     "depth": "none"},
    {"id": "e4", "text": "Ich bin heute sehr müde.", "flags": [], "tone": "neutral",
     "depth": "none"},
]  # fmt: skip


def tend(tmp_path: Path, *args: str) -> tuple[int, str, str]:
    state = CliState(home=tmp_path / "home", clock=FixedClock())
    result = CliRunner().invoke(app, list(args), obj=state)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def labelled(tmp_path: Path) -> Path:
    path = tmp_path / "set.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in LINES), encoding="utf-8")
    return path


def test_plain_output_ends_with_the_two_summary_lines(tmp_path: Path, labelled: Path) -> None:
    code, out, err = tend(tmp_path, "coach", "eval", str(labelled))
    assert code == 0, err
    tail = out.rstrip("\n").splitlines()[-2:]
    assert SUMMARY_COUNTS.match(tail[0]), tail
    assert tail[0].startswith("lines 4  tone lines 4  depth lines 2  ")
    assert SUMMARY_FIGURES.match(tail[1]), tail
    for flag in FLAGS:
        assert flag in out


def test_summary_figures_are_the_library_figures(tmp_path: Path, labelled: Path) -> None:
    report = evaluate_file(labelled)
    code, out, _ = tend(tmp_path, "coach", "eval", str(labelled), "--failures", "0")
    assert code == 0
    last = out.rstrip("\n").splitlines()[-1]

    def shown(value: float | None) -> str:
        return "n/a" if value is None else f"{value:.3f}"

    figures = (report.macro_f1, report.tone_accuracy, report.depth_accuracy)
    assert last == "macro-F1 {}  tone {}  depth {}".format(*map(shown, figures))
    assert "Failing lines" not in out


def test_json_holds_the_same_report_as_the_library(tmp_path: Path, labelled: Path) -> None:
    code, out, _ = tend(tmp_path, "coach", "eval", str(labelled), "--json")
    assert code == 0
    assert json.loads(out) == json.loads(json.dumps(evaluate_file(labelled).to_json()))


def test_a_bad_line_is_named_and_ends_non_zero(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(LINES[0]) + "\n{oops\n", encoding="utf-8")
    code, out, err = tend(tmp_path, "coach", "eval", str(path))
    assert code != 0
    assert "bad.jsonl, line 2" in err and "not valid JSON" in err
    assert out == ""
    assert "Traceback" not in err


def test_a_missing_file_ends_non_zero(tmp_path: Path) -> None:
    code, _, err = tend(tmp_path, "coach", "eval", str(tmp_path / "nowhere.jsonl"))
    assert code != 0
    assert "nowhere.jsonl" in err


def test_help_says_what_the_command_measures(tmp_path: Path) -> None:
    code, out, _ = tend(tmp_path, "coach", "eval", "--help")
    assert code == 0
    assert "macro-F1" in out and "--failures" in out and "--json" in out
