"""`tend person ...` through the real CLI on every configured database."""

from __future__ import annotations

import json
from collections.abc import Callable

from typer.testing import Result

Tend = Callable[..., Result]


def test_add_list_show_edit_archive(tend: Tend) -> None:
    added = tend("person", "add", "Sam Lee", "--tie", "partner", "--checks", "3", "--json")
    assert added.exit_code == 0, added.output
    record = json.loads(added.stdout)
    assert (record["name"], record["tie"], record["checks_per_month"]) == ("Sam Lee", "partner", 3)
    assert record["created_at"] == "2026-01-15T09:00:00+00:00"
    assert tend("person", "add", "Ana", "--surprised", "yesterday").exit_code == 0
    listed = json.loads(tend("person", "list", "--json").stdout)
    assert [p["name"] for p in listed] == ["Ana", "Sam Lee"]
    assert listed[0]["last_surprised"] == "2026-01-14"
    shown = tend("person", "show", "sam")
    assert shown.exit_code == 0 and "Sam Lee" in shown.stdout and "3" in shown.stdout
    edited = json.loads(tend("person", "edit", "sam", "--name", "Samuel", "--json").stdout)
    assert edited["name"] == "Samuel" and edited["tie"] == "partner"
    assert tend("person", "archive", "Samuel").exit_code == 0
    assert [p["name"] for p in json.loads(tend("person", "list", "--json").stdout)] == ["Ana"]
    everyone = json.loads(tend("person", "list", "--all", "--json").stdout)
    assert [p["archived"] for p in everyone] == [False, True]


def test_unknown_person_is_named(tend: Tend) -> None:
    tend("person", "add", "Sam")
    result = tend("person", "show", "Zoe")
    assert result.exit_code == 3
    assert "no person called 'Zoe'; known: Sam" in result.stderr
    assert "Traceback" not in result.output


def test_ambiguous_name_lists_the_matches(tend: Tend) -> None:
    tend("person", "add", "Sam")
    tend("person", "add", "Samira")
    result = tend("person", "show", "Sa")
    assert result.exit_code == 4
    assert "'Sa' matches Sam (#1), Samira (#2)" in result.stderr
    assert tend("person", "show", "#2", "--json").exit_code == 0


def test_bad_values_are_refused(tend: Tend) -> None:
    assert tend("person", "add", "Sam", "--tie", "cousin").exit_code == 2
    bad_date = tend("person", "add", "Sam", "--surprised", "someday soon")
    assert bad_date.exit_code == 2 and "--surprised: cannot read 'someday soon'" in bad_date.stderr
    assert tend("person", "add", "Ana").exit_code == 0
    duplicate = tend("person", "add", "ana")
    assert duplicate.exit_code == 2 and "already someone called 'Ana'" in duplicate.stderr
    assert [p["name"] for p in json.loads(tend("person", "list", "--json").stdout)] == ["Ana"]
    # the last surprise is a day that has come (the clock stands at 2026-01-15)
    ahead = tend("person", "edit", "Ana", "--surprised", "tomorrow")
    assert ahead.exit_code == 2, ahead.output
    assert "cannot be on 2026-01-16, after today (2026-01-15)" in ahead.stderr
    assert tend("person", "add", "Bo", "--surprised", "in 2 days").exit_code == 2
    assert tend("person", "edit", "Ana", "--surprised", "today").exit_code == 0


def test_empty_list_says_how_to_start(tend: Tend) -> None:
    result = tend("person", "list")
    assert result.exit_code == 0 and "tend person add" in result.stdout
