"""The whole `tend` command tree, walked: every command has `--help`, and every command that
prints data has `--json`, whose output (run for real, in order, on one database) is valid JSON.

A command added without `--help` text, without `--json`, or without an example run below fails
here; the guided sessions in INTERACTIVE are the only commands without `--json` (they talk with
a person step by step in the terminal, and `tend check show ID --json` prints what they stored).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from unittest.mock import patch

import pytest
from typer.testing import CliRunner, Result

from tending.cli.app import app

Tend = Callable[..., Result]
DATA = Path(__file__).parents[1] / "data"

INTERACTIVE = {
    "gratitude",
    "honest",
    "timeout",
    "tension",
    "state-of-us",
    "check start",
    "check resume",
    "exercise vulnerability",
}


def _walk(command: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[str, Any]]:
    yield " ".join(path), command
    for name, sub in getattr(command, "commands", {}).items():
        yield from _walk(sub, (*path, name))


def _runnable(tend_command: Any) -> dict[str, Any]:
    """Every command a person can run: the leaves, and groups that run without a subcommand."""
    return {
        name: command
        for name, command in _walk(tend_command)
        if name and (not hasattr(command, "commands") or command.invoke_without_command)
    }


def _options(command: Any) -> set[str]:
    return {option for param in command.params for option in getattr(param, "opts", ())}


def test_every_command_and_group_has_help(tend_command: Any) -> None:
    runner = CliRunner()
    for name, _command in _walk(tend_command):
        with patch("typer.testing._get_command", lambda _app: tend_command):
            result = runner.invoke(app, [*name.split(), "--help"])
        assert result.exit_code == 0, (name, result.output)
        assert "Usage:" in result.stdout, name
        described = result.stdout.split("Usage:", 1)[1].split("\n", 2)[-1].split("─")[0]
        assert len(described.strip()) > 15, (name, result.stdout)


def test_every_command_that_prints_data_has_json(tend_command: Any) -> None:
    commands = _runnable(tend_command)
    assert set(commands) >= INTERACTIVE, INTERACTIVE - set(commands)
    missing = sorted(n for n, c in commands.items() if n not in INTERACTIVE and "--json" not in
                     _options(c))
    assert missing == []


def _runs(tmp_path: Path) -> list[tuple[str, list[str], str | None]]:
    """(command, its arguments before --json, stdin): every command with --json, in an order
    that works on one empty database."""
    labelled = tmp_path / "labelled.jsonl"
    labelled.write_text(
        json.dumps({"id": "a", "text": "You never listen to me.", "flags": ["absolute"]}) + "\n",
        encoding="utf-8",
    )
    empty, ics = str(tmp_path / "empty.json"), str(tmp_path / "r.ics")
    chat = str(DATA / "chats" / "chat.csv")
    return [
        ("db upgrade", [], None),
        ("db info", [], None),
        ("export", [empty], None),
        ("import", [empty], None),  # the empty file, into the still empty database
        ("demo", ["--weeks", "1"], None),
        ("practices", [], None),
        ("practice show", ["time-out"], None),
        ("practice set", ["time-out", "duration", "25"], None),
        ("practice reset", ["time-out"], None),
        ("words feelings", [], None),
        ("words needs", [], None),
        ("words faux", [], None),
        ("words suggest", ["lonely"], None),
        ("person add", ["Sam"], None),
        ("person list", [], None),
        ("person show", ["Sam"], None),
        ("person edit", ["Sam", "--tie", "partner"], None),
        ("log disclosure", ["-p", "Sam", "--by", "me"], None),
        ("log appreciation", ["-p", "Sam", "Thank you for the soup."], None),
        ("log bid", ["-p", "Sam", "--answer", "toward"], None),
        ("log chat", ["-p", "Sam", "--minutes", "30"], None),
        ("log interaction", ["positive", "-p", "Sam"], None),
        ("log journal", ["-f", "calm"], None),
        ("log honest", ["worry", "the move"], None),
        ("log strategy", ["control"], None),
        ("log list", [], None),
        ("log delete", ["1"], None),
        ("commit add", ["-p", "Sam", "Book the walk"], None),
        ("commit list", [], None),
        ("commit done", ["1"], None),
        ("agreement add", ["-p", "Sam", "Sunday walks", "--room", "either may cancel"], None),
        ("agreement list", [], None),
        ("agreement show", ["1"], None),
        ("agreement renegotiate", ["1", "--text", "Sunday or Monday walks"], None),
        ("agreement retire", ["1"], None),
        ("unsaid add", ["-p", "Sam", "That I miss Sundays"], None),
        ("unsaid", [], None),
        ("unsaid said", ["1"], None),
        ("reassess", [f"--{f}=6" for f in ("acceptance", "care", "respect", "differentiation")],
         None),
        ("check plan", ["Sam"], None),
        ("check questions", ["Sam", "add", "What surprised you this week?"], None),
        ("check questions", ["Sam", "add", "What made you laugh?"], None),
        ("check questions", ["Sam", "remove", "2"], None),
        ("check questions", ["Sam"], None),
        ("check list", [], None),
        ("check show", ["1"], "SESSION"),  # after a check was started and paused
        ("check abandon", ["1"], None),
        ("ritual add", ["weekly-check-in", "--with", "Sam", "--at", "19:30"], None),
        ("ritual list", [], None),
        ("calendar export", [ics], None),
        ("ritual remove", ["1"], None),
        ("stats", [], None),
        ("today", [], None),
        ("chat parse", [chat], None),
        ("chat report", [chat], None),
        ("coach say", ["You never listen to me."], None),
        ("coach appreciation", ["Thank you for the soup."], None),
        ("coach followup", ["Loved it. I will call. When are you free?"], None),
        ("coach story", ["I felt lost when we moved; it showed me to ask for help."], None),
        ("coach tension", ["I felt hurt when you left. Can we talk?"], None),
        ("coach eval", [str(labelled)], None),
        ("person archive", ["Sam"], None),
    ]


def test_every_json_output_is_valid_json(tend: Tend, tend_command: Any, tmp_path: Path) -> None:
    runs = _runs(tmp_path)
    with_json = {n for n, c in _runnable(tend_command).items() if "--json" in _options(c)}
    assert {name for name, _args, _input in runs} == with_json  # a new command needs a run here
    for name, args, stdin in runs:
        if stdin == "SESSION":  # a Connection Check started, then paused at its first timer
            started = tend("check", "start", "Sam", input="n\n")
            assert started.exit_code == 130, started.output
            stdin = None
        result = tend(*name.split(), *args, "--json", input=stdin)
        assert result.exit_code == 0, (name, result.output)
        try:
            json.loads(result.stdout)
        except json.JSONDecodeError as error:
            pytest.fail(f"tend {name} --json printed no JSON ({error}): {result.stdout[:300]!r}")


def test_every_command_a_message_or_the_readme_names_exists(tend_command: Any) -> None:
    """The demo told newcomers to try 'tend people', which is no command ('tend person list')."""
    import re

    root = Path(__file__).parents[2]
    named = re.compile(r"(?<![\w-])tend ([a-z][a-z-]*)(?: ([a-z][a-z-]*))?")
    english = {"yet"}  # 'No one to tend yet': the verb, not the command
    files = [root / "README.md", *(root / "src" / "tending").rglob("*.py"),
             *(root / "src" / "tending").rglob("*.toml")]
    unknown = set()
    for path in files:
        for match in named.finditer(path.read_text(encoding="utf-8")):
            first, second = match.groups()
            command = tend_command.commands.get(first)
            if command is None:
                if first not in english:
                    unknown.add(f"{path.relative_to(root)}: {match.group(0)}")
            elif (second and hasattr(command, "commands") and second not in command.commands
                  and not command.invoke_without_command):
                unknown.add(f"{path.relative_to(root)}: {match.group(0)}")
    assert sorted(unknown) == []
