"""`tend reassess` through the real CLI on every configured database."""

from __future__ import annotations

import json
from collections.abc import Callable

from typer.testing import Result

Tend = Callable[..., Result]


def test_options_then_prompts_show_the_change(tend: Tend) -> None:
    first = tend(
        "reassess", "--acceptance", "5", "--care", "6", "--respect", "7", "--differentiation", "4"
    )
    assert first.exit_code == 0 and "first one" in first.stdout
    second = tend("reassess", "--json", input="8\n6\n\n11\n7\n3\n")
    assert second.exit_code == 0, second.output
    # CliRunner echoes the typed input to stdout; the JSON follows it
    result = json.loads(second.stdout[second.stdout.index("{") :])
    assert result["current"]["scores"] == {
        "acceptance": 8,
        "mutual_care": 6,
        "mutual_respect": 7,
        "differentiation": 3,
    }
    assert "11 is outside" in second.stderr
    assert result["change"] == {
        "acceptance": 3,
        "mutual_care": 0,
        "mutual_respect": 0,
        "differentiation": -1,
    }


def test_out_of_range_option_and_unknown_person(tend: Tend) -> None:
    over = tend("reassess", "--acceptance", "12")
    assert over.exit_code == 2 and "less than or equal to 10" in over.output
    args = ["--acceptance", "5", "--care", "5", "--respect", "5", "--differentiation", "5"]
    unknown = tend("reassess", "-p", "Zoe", *args)
    assert unknown.exit_code == 3 and "no person called 'Zoe'" in unknown.stderr
