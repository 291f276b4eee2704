"""Every tracker command explains itself (`--help` with a description) and offers --json."""

from __future__ import annotations

from typing import Any
from unittest.mock import patch

import pytest
from typer.testing import CliRunner

from tending.cli.app import app

COMMANDS = [
    ["db", "upgrade"],
    ["db", "info"],
    *[["person", name] for name in ("add", "list", "show", "edit", "archive")],
    *[
        ["log", name]
        for name in (
            "disclosure",
            "appreciation",
            "bid",
            "chat",
            "interaction",
            "journal",
            "honest",
            "strategy",
            "list",
            "delete",
        )
    ],
    *[["commit", name] for name in ("add", "list", "done")],
    *[["agreement", name] for name in ("add", "list", "show", "renegotiate", "retire")],
    ["unsaid"],
    ["unsaid", "add"],
    ["unsaid", "said"],
    ["reassess"],
]


@pytest.mark.parametrize("words", COMMANDS, ids=" ".join)
def test_help_describes_the_command(words: list[str], tend_command: Any) -> None:
    with patch("typer.testing._get_command", lambda _app: tend_command):  # built once
        result = CliRunner().invoke(app, [*words, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.stdout
    described = result.stdout.split("Options")[0].split("\n", 2)[-1]
    assert len(described.strip()) > 20, result.stdout
    assert "--json" in result.stdout  # every tracker command prints data a script can read
