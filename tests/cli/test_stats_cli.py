"""`tend stats` through the real CLI: tables, JSON, one person, and --plot."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from typer.testing import Result

Tend = Callable[..., Result]


def test_stats_json_and_plot(tend: Tend, tmp_path: Path) -> None:
    assert tend("demo", "--weeks", "8").exit_code == 0
    data = json.loads(tend("stats", "--json").stdout)
    assert data["overall"]["chats"]["low"] == 4 and data["overall"]["ratio"]["target"] == 5.0
    assert [p["person"]["name"] for p in data["people"]] == ["Maya", "Jonas", "Lena"]
    assert len(data["trends"]) == 6 and data["change"] is not None
    one = json.loads(tend("stats", "maya", "--json").stdout)
    assert one["overall"] is None and one["people"][0]["person"]["name"] == "Maya"
    chart = tmp_path / "trend.png"
    drawn = tend("stats", "--plot", str(chart))
    assert drawn.exit_code == 0, drawn.output
    assert chart.read_bytes()[:4] == b"\x89PNG" and "Chart written" in drawn.stdout
    svg = tmp_path / "lena.svg"
    assert tend("stats", "Lena", "--plot", str(svg), "--json").exit_code == 0
    assert svg.read_text(encoding="utf-8").lstrip().startswith("<?xml")


def test_stats_refusals(tend: Tend, tmp_path: Path) -> None:
    wrong = tend("stats", "--plot", str(tmp_path / "trend.gif"))
    assert wrong.exit_code == 2 and ".png or .svg" in wrong.stderr
    assert not (tmp_path / "trend.gif").exists()
    nobody = tend("stats", "Nobody")
    assert nobody.exit_code == 3 and "no person called 'Nobody'" in nobody.stderr


def test_stats_on_an_empty_home(tend: Tend) -> None:
    shown = tend("stats")
    assert shown.exit_code == 0, shown.output
    assert "Everyone" in shown.stdout and "never" in shown.stdout
    assert "No one to tend yet: tend person add NAME" in " ".join(shown.stdout.split())
    assert tend("person", "add", "Sam").exit_code == 0
    one = tend("stats", "Sam")
    assert one.exit_code == 0 and "No one to tend yet" not in one.stdout
    assert "0 of 0 done" in one.stdout and "never" in one.stdout
