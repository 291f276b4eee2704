"""`tend agreement ...` through the real CLI on every configured database."""

from __future__ import annotations

import json
from collections.abc import Callable

from typer.testing import Result

Tend = Callable[..., Result]
ROOM = "either of us may cancel any week, no reason owed"


def test_add_renegotiate_show_retire(tend: Tend) -> None:
    tend("person", "add", "Sam")
    made = tend("agreement", "add", "walk on Sundays", "-p", "Sam", "--room", ROOM, "--json")
    assert made.exit_code == 0, made.output
    record = json.loads(made.stdout)
    assert record["versions"][0]["room"] == ROOM
    assert record["versions"][0]["review_on"] == "2026-04-09"  # 12 weeks on
    number = str(record["id"])
    changed = tend("agreement", "renegotiate", number, "--text", "walk every other Sunday")
    assert changed.exit_code == 0 and "walk every other Sunday" in changed.stdout
    history = json.loads(tend("agreement", "show", number, "--json").stdout)
    assert [v["text"] for v in history["versions"]] == [
        "walk on Sundays",
        "walk every other Sunday",
    ]
    boundary = tend("agreement", "add", "no calls after ten", "-p", "Sam", "--boundary", "--json")
    assert json.loads(boundary.stdout)["kind"] == "boundary"
    listed = tend("agreement", "list")
    assert "Sunday" in listed.stdout and "boundary" in listed.stdout
    assert tend("agreement", "retire", number).exit_code == 0
    in_force = json.loads(tend("agreement", "list", "--json").stdout)
    assert [a["kind"] for a in in_force] == ["boundary"]
    assert len(json.loads(tend("agreement", "list", "--all", "--json").stdout)) == 2


def test_bad_agreements(tend: Tend) -> None:
    tend("person", "add", "Sam")
    bad = tend("agreement", "add", "x", "-p", "Sam", "--review", "one day")
    assert bad.exit_code == 2 and "--review: cannot read 'one day'" in bad.stderr
    assert tend("agreement", "show", "9").exit_code == 3
    nothing = tend("agreement", "renegotiate", "9")
    assert nothing.exit_code == 2 and "nothing to renegotiate" in nothing.stderr
    assert json.loads(tend("agreement", "list", "--all", "--json").stdout) == []
