"""Every file Tending writes for the person is readable by its owner only (0600), through the
real commands: the JSON export, the .ics calendar, chart PNG and SVG, the chat report's HTML."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import Result

Tend = Callable[..., Result]
CHAT = Path(__file__).resolve().parents[1] / "data" / "chats" / "report" / "whatsapp_couple.txt"


@pytest.fixture(autouse=True)
def open_umask() -> Iterator[None]:
    """A umask that would make ordinary files world-readable."""
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def test_every_written_file_is_private(tend: Tend, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    assert tend("demo", "--weeks", "6").exit_code == 0
    ritual = tend("ritual", "add", "weekly-check-in", "--with", "Maya", "--at", "19:30")
    assert ritual.exit_code == 0, ritual.output
    commands = {
        "backup.json": ("export", str(out / "backup.json")),
        "rituals.ics": ("calendar", "export", str(out / "rituals.ics")),
        "trend.png": ("stats", "--plot", str(out / "trend.png")),
        "trend.svg": ("stats", "--plot", str(out / "trend.svg")),
        "report.html": ("chat", "report", str(CHAT), "--html", str(out / "report.html")),
    }
    for name, args in commands.items():
        result = tend(*args)
        assert result.exit_code == 0, (name, result.output)
    modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in out.iterdir()}
    assert modes == dict.fromkeys(commands, 0o600)
