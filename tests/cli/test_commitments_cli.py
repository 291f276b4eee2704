"""`tend commit ...` through the real CLI on every configured database."""

from __future__ import annotations

import json
from collections.abc import Callable

from typer.testing import Result

from tending.domain.clock import FixedClock

Tend = Callable[..., Result]


def test_add_list_done_and_overdue(tend: Tend, clock: FixedClock) -> None:
    tend("person", "add", "Sam")
    made = json.loads(tend("commit", "add", "book the table", "-p", "Sam", "--json").stdout)
    assert made["due"] == "2026-01-22"
    assert tend("commit", "add", "send photos", "-p", "Sam", "--due", "2026-01-30").exit_code == 0
    clock.advance(8 * 86400)
    listed = json.loads(tend("commit", "list", "--json").stdout)
    assert [(c["text"], c["overdue"]) for c in listed] == [
        ("book the table", True),
        ("send photos", False),
    ]
    table = tend("commit", "list")
    assert "OVERDUE" in table.stdout and table.stdout.count("OVERDUE") == 1
    done = tend("commit", "done", str(made["id"]))
    assert done.exit_code == 0 and "book the table" in done.stdout
    assert [c["text"] for c in json.loads(tend("commit", "list", "--open", "--json").stdout)] == [
        "send photos"
    ]
    again = tend("commit", "done", str(made["id"]))
    assert again.exit_code == 2 and "already done" in again.stderr


def test_bad_commitments(tend: Tend) -> None:
    tend("person", "add", "Sam")
    past = tend("commit", "add", "x", "-p", "Sam", "--due", "2025-12-01")
    assert past.exit_code == 2 and "2025-12-01 is already past" in past.stderr
    unparsed = tend("commit", "add", "x", "-p", "Sam", "--due", "whenever")
    assert unparsed.exit_code == 2 and "--due: cannot read 'whenever'" in unparsed.stderr
    missing = tend("commit", "done", "42")
    assert missing.exit_code == 3 and "no commitment with id 42" in missing.stderr
    unknown = tend("commit", "add", "x", "-p", "Zoe")
    assert unknown.exit_code == 3 and "no person called 'Zoe'" in unknown.stderr
    assert json.loads(tend("commit", "list", "--json").stdout) == []
