"""`tend log ...` through the real CLI on every configured database."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from typer.testing import Result

Tend = Callable[..., Result]
FIFTEEN = "thank you for listening to me tonight without trying to fix one single thing today"


@pytest.fixture(autouse=True)
def sam(tend: Tend) -> None:
    assert tend("person", "add", "Sam").exit_code == 0


def _logged(tend: Tend, *args: str) -> dict[str, object]:
    result = tend("log", *args, "--json")
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert isinstance(record, dict)
    return record


def test_every_kind_can_be_logged(tend: Tend) -> None:
    assert _logged(tend, "disclosure", "-p", "Sam", "--by", "both")["discloser"] == "both"
    assert _logged(tend, "appreciation", FIFTEEN, "-p", "Sam", "--closing")["closing"] is True
    assert _logged(tend, "bid", "-p", "Sam", "--answer", "against")["bid_answer"] == "against"
    chat = _logged(
        tend, "chat", "-p", "Sam", "-m", "45", "--at", "2026-01-14 19:30", "--note", "walk"
    )
    assert (chat["minutes"], chat["at"], chat["note"]) == (45, "2026-01-14T19:30:00+00:00", "walk")
    assert _logged(tend, "interaction", "corrective", "-p", "Sam")["valence"] == "corrective"
    honest = _logged(tend, "honest", "regret", "I snapped at breakfast")
    assert (honest["honest_kind"], honest["person_id"]) == ("regret", None)
    strategy = _logged(tend, "strategy", "people-pleasing", "--at", "yesterday")
    assert strategy["private"] is True and strategy["at"] == "2026-01-14T09:00:00+00:00"
    listed = json.loads(tend("log", "list", "--json").stdout)
    assert [m["kind"] for m in listed] == [
        "strategy",
        "chat",
        "disclosure",
        "appreciation",
        "bid",
        "interaction",
        "honest",
    ]
    assert len(json.loads(tend("log", "list", "--kind", "chat", "--json").stdout)) == 1


def test_journal_shows_nearby_words(tend: Tend) -> None:
    result = tend("log", "journal", "-f", "gratefull", "-f", "calm", "-n", "rest", "-p", "Sam")
    assert result.exit_code == 0, result.output
    assert "'gratefull' is not in the feeling list" in result.stdout and "grateful" in result.stdout
    assert "'calm'" not in result.stdout
    entry = json.loads(tend("log", "journal", "-f", "zzzq", "--json").stdout)
    assert entry["moment"]["feelings"] == ["zzzq"] and "zzzq" in entry["unknown_feelings"]


def test_sixteen_word_closing_appreciation_is_refused(tend: Tend) -> None:
    result = tend("log", "appreciation", FIFTEEN + " really", "-p", "Sam", "--closing")
    assert result.exit_code == 2
    assert "at most 15 words; this one has 16" in result.stderr
    assert json.loads(tend("log", "list", "--json").stdout) == []


def test_unknown_person_and_bad_time(tend: Tend) -> None:
    unknown = tend("log", "chat", "-p", "Zoe", "-m", "30")
    assert unknown.exit_code == 3 and "no person called 'Zoe'" in unknown.stderr
    bad = tend("log", "chat", "-p", "Sam", "-m", "30", "--at", "the other day")
    assert bad.exit_code == 2 and "--at: cannot read 'the other day'" in bad.stderr
    future = tend("log", "chat", "-p", "Sam", "-m", "30", "--at", "in 2 days")
    assert future.exit_code == 2 and "in the future" in future.stderr
    wrong_answer = tend("log", "bid", "-p", "Sam", "--answer", "sideways")
    assert wrong_answer.exit_code == 2 and "sideways" in wrong_answer.output
    assert json.loads(tend("log", "list", "--json").stdout) == []


def test_ambiguous_person_when_logging(tend: Tend) -> None:
    tend("person", "add", "Samira")
    result = tend("log", "bid", "-p", "sa", "--answer", "toward")
    assert result.exit_code == 4 and "matches Sam (#1), Samira (#2)" in result.stderr


def test_a_mistake_can_be_removed(tend: Tend) -> None:
    logged = _logged(tend, "bid", "-p", "Sam", "--answer", "toward")
    removed = tend("log", "delete", str(logged["id"]))
    assert removed.exit_code == 0 and "Removed" in removed.stdout
    assert json.loads(tend("log", "list", "--json").stdout) == []
    again = tend("log", "delete", str(logged["id"]))
    assert again.exit_code == 3 and f"no moment with id {logged['id']}" in again.stderr


def test_a_nul_in_a_text_is_refused_alike_on_every_database(tend: Tend) -> None:
    """PostgreSQL refused it with its own words ('text fields cannot contain NUL'), exit 5, and
    SQLite stored it: a home that would not restore into PostgreSQL. A real argv cannot hold
    NUL, but piped input can (the guided prompts read it)."""
    said = "a text holds a NUL character (\\x00), which Tending cannot store"
    logged = tend("log", "bid", "-p", "Sam", "--answer", "toward", "--note", "a\x00b")
    assert logged.exit_code == 2, logged.output
    assert said in logged.stderr and "Traceback" not in logged.output
    assert json.loads(tend("log", "list", "--json").stdout) == []
    # a guided prompt asks again instead (Ctrl-@ types a NUL at a terminal)
    typed = tend("gratitude", "--with", "Sam", input="the soup\x00 tonight\nthe soup tonight\n")
    assert typed.exit_code == 0, typed.output
    assert "holds a NUL character (Ctrl-@), which cannot be kept; type it again" in typed.output
    assert [m["note"] for m in json.loads(tend("log", "list", "--json").stdout)] == [
        "the soup tonight"
    ]
