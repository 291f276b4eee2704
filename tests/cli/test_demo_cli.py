"""`tend demo`, then `tend today` and `tend stats`, through the real CLI."""

from __future__ import annotations

import json
from collections.abc import Callable

from typer.testing import Result

Tend = Callable[..., Result]


def test_demo_then_today_and_stats(tend: Tend) -> None:
    made = tend("demo", "--seed", "3", "--weeks", "6")
    assert made.exit_code == 0, made.output
    assert "Maya" in made.stdout and "moments" in made.stdout
    today = tend("today")
    assert today.exit_code == 0, today.output
    assert "Overdue commitments" in today.stdout and "Honest statement" in today.stdout
    stats = tend("stats")
    assert stats.exit_code == 0, stats.output
    for label in ("Everyone", "Maya", "Jonas", "Lena", "Meaningful", "Monthly trend"):
        assert label in stats.stdout


def test_demo_json_and_refusal(tend: Tend) -> None:
    made = tend("demo", "--weeks", "2", "--json")
    assert made.exit_code == 0, made.output
    summary = json.loads(made.stdout)
    assert summary["people"] == ["Maya", "Jonas", "Lena"] and summary["moments"] > 0
    again = tend("demo")
    assert again.exit_code == 2
    assert "only an empty home" in again.stderr
    assert "Traceback" not in again.output
