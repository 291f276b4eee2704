"""The speed factor of the terminal, and reading a time to come back."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from typer.testing import CliRunner

from tending.cli.app import app
from tending.cli.guided_ui import speed_of, terminal_for
from tending.cli.state import CliState
from tending.domain.clock import FixedClock
from tending.domain.errors import InvalidInput
from tending.services.guided_checks import check_time

NOW = datetime(2026, 3, 1, 18, 0, tzinfo=UTC)


def test_speed_comes_from_state_or_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TENDING_SPEED", raising=False)
    assert speed_of(CliState()) == 1.0
    assert speed_of(CliState(speed=50)) == 50
    monkeypatch.setenv("TENDING_SPEED", "600")
    assert speed_of(CliState()) == 600
    monkeypatch.setenv("TENDING_SPEED", "fast")
    with pytest.raises(InvalidInput, match="TENDING_SPEED must be a number"):
        speed_of(CliState())
    monkeypatch.setenv("TENDING_SPEED", "-1")
    with pytest.raises(InvalidInput, match="more than 0"):
        speed_of(CliState())
    monkeypatch.setenv("TENDING_SPEED", "inf")
    with pytest.raises(InvalidInput, match="more than 0"):
        speed_of(CliState())


def test_the_speed_option_beats_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TENDING_SPEED", "600")
    for given, expected in (("2.5", 2.5), ("1", 1.0)):  # even --speed 1 (the default) wins
        state = CliState()
        result = CliRunner().invoke(app, ["--speed", given, "practices"], obj=state)
        assert result.exit_code == 0, result.output
        assert speed_of(state) == expected


@pytest.mark.parametrize("bad", ["fast", "0", "-3", "nan", "inf", ""])
def test_a_bad_speed_option_is_refused_before_anything_runs(bad: str) -> None:
    result = CliRunner().invoke(app, ["--speed", bad, "practices"], obj=CliState())
    assert result.exit_code == 2
    assert "--speed" in result.output and f"(got '{bad}')" in result.output


def test_a_fixed_clock_is_slept_on_instead_of_waiting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TENDING_SPEED", raising=False)
    clock = FixedClock(NOW)
    terminal_for(CliState(clock=clock)).sleep(90)
    assert clock.now() == datetime(2026, 3, 1, 18, 1, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("19:30", "2026-03-01T19:30+00:00"),
        ("7.05", "2026-03-02T07:05+00:00"),
        ("18:00", "2026-03-02T18:00+00:00"),
    ],
)
def test_a_time_means_the_next_such_time(text: str, expected: str) -> None:
    checked = check_time(text, NOW)
    assert checked.problem is None and checked.text == expected


@pytest.mark.parametrize("text", ["24:00", "7:61", "soon", ""])
def test_what_is_not_a_time_is_named(text: str) -> None:
    problem = check_time(text, NOW).problem
    assert problem is not None and "not a time" in problem
