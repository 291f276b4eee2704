"""`tend unsaid ...` through the real CLI on every configured database."""

from __future__ import annotations

import json
from collections.abc import Callable

from typer.testing import Result

from tending.domain.clock import FixedClock

Tend = Callable[..., Result]


def test_aging_list_and_saying(tend: Tend, clock: FixedClock) -> None:
    tend("person", "add", "Sam")
    tend("person", "add", "Ana")
    assert tend("unsaid", "add", "the borrowed book", "-p", "Sam", "-w", "1").exit_code == 0
    clock.advance(6 * 7 * 86400)
    assert tend("unsaid", "add", "I felt left out", "-p", "Ana", "-w", "5").exit_code == 0
    listed = json.loads(tend("unsaid", "--json").stdout)
    assert [(u["text"], u["score"]) for u in listed] == [
        ("the borrowed book", 7.0),
        ("I felt left out", 5.0),
    ]
    shown = tend("unsaid")
    assert "Consider bringing #1 to your next check-in with Sam" in shown.stdout
    said = tend("unsaid", "said", "1", "--how", "we laughed about it", "--json")
    assert json.loads(said.stdout)["how_it_went"] == "we laughed about it"
    assert [u["text"] for u in json.loads(tend("unsaid", "--json").stdout)] == ["I felt left out"]
    assert len(json.loads(tend("unsaid", "--all", "--json").stdout)) == 2


def test_bad_unsaid(tend: Tend) -> None:
    tend("person", "add", "Sam")
    heavy = tend("unsaid", "add", "x", "-p", "Sam", "-w", "9")
    assert heavy.exit_code == 2 and "weight is 1 to 5, not 9" in heavy.stderr
    assert tend("unsaid", "said", "3").exit_code == 3
    assert "Nothing unsaid" in tend("unsaid").stdout
