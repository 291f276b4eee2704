"""`tend chat report` through the real CLI, importers and coach, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tending.cli.app import app
from tending.cli.state import CliState
from tending.domain.clock import FixedClock
from tending.services.people import add_person
from tending.services.workspace import open_workspace
from tending.storage.chat_repository import chat_monthly_aggregates

DATA = Path(__file__).resolve().parents[1] / "data" / "chats" / "report"
COUPLE = DATA / "whatsapp_couple.txt"
MARKERS = (
    "zorblatt", "quimbleton", "Vexhollow", "plinkwater", "grommelfax", "snarfield",
    "dumbleprint", "flobberwick", "trundlemoor", "wobblecrank",
)  # fmt: skip


def run(tmp_path: Path, *args: str, database_url: str | None = None) -> object:
    state = CliState(home=tmp_path / "home", database_url=database_url, clock=FixedClock())
    return CliRunner().invoke(app, ["chat", "report", *args], obj=state)


def assert_no_text(output: str) -> None:
    for marker in MARKERS:
        assert marker.lower() not in output.lower(), marker


def test_terminal_summary_holds_numbers_not_text(tmp_path: Path) -> None:
    result = run(tmp_path, str(COUPLE))
    assert result.exit_code == 0, result.output
    assert "How this chat talks" in result.output and "17 messages" in result.output
    assert "Noor" in result.output and "Idris" in result.output
    assert_no_text(result.output)


def test_json_numbers_and_no_text(tmp_path: Path) -> None:
    result = run(tmp_path, str(COUPLE), "--json")
    assert result.exit_code == 0, result.output
    assert_no_text(result.output)
    data = json.loads(result.output)
    assert data["total"]["messages"] == 17 and data["system_messages"] == 1
    assert data["total"]["media"] == 2 and data["total"]["deleted"] == 1
    assert [m["month"] for m in data["months"]] == ["2024-01", "2024-02"]
    assert data["window_seconds"] == 3 * 3600 and data["examples"] == []
    total = data["total"]
    assert total["bids"] >= 2 and total["criticism"] + total["contempt"] >= 2


def test_html_is_self_contained_with_charts_and_no_text(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = run(tmp_path, str(COUPLE), "--html", str(out))
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert_no_text(page)
    charts = re.findall(r"<svg.*?</svg>", page, flags=re.S)
    assert len(charts) == 5
    for chart in charts:
        ET.fromstring(chart)
    assert "<script" not in page and '<meta name="viewport"' in page


def test_examples_quote_messages_only_when_asked(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = run(tmp_path, str(COUPLE), "--examples", "--json", "--html", str(out))
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["examples"], "the coach found no pattern to quote"
    quoted = " ".join(item["text"] for item in data["examples"])
    assert any(marker in quoted for marker in MARKERS)
    assert any(marker in out.read_text(encoding="utf-8") for marker in MARKERS)


def test_window_changes_the_bid_answers(tmp_path: Path) -> None:
    wide = json.loads(run(tmp_path, str(COUPLE), "--json").output)
    narrow = json.loads(run(tmp_path, str(COUPLE), "--json", "--window", "1m").output)
    assert narrow["window_seconds"] == 60
    assert narrow["total"]["bids_away"] > wide["total"]["bids_away"]


def test_bad_window_and_missing_file(tmp_path: Path) -> None:
    result = run(tmp_path, str(COUPLE), "--window", "soon")
    assert result.exit_code == 2 and "--window 'soon'" in result.output
    missing = run(tmp_path, str(tmp_path / "nope.txt"))
    assert missing.exit_code != 0 and "nope.txt" in missing.output


def test_not_an_export_fails_clearly(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.txt"
    bogus.write_text("just some notes\nnothing like a chat\n", encoding="utf-8")
    result = run(tmp_path, str(bogus))
    assert result.exit_code != 0 and "notes.txt" in result.output
    assert "Traceback" not in result.output


def test_person_stores_monthly_counts(tmp_path: Path, database_url: str) -> None:
    clock = FixedClock()
    with open_workspace(tmp_path / "home", database_url, clock) as workspace:
        sam = add_person(workspace, "Noor")
    result = run(tmp_path, str(COUPLE), "--person", "noor", database_url=database_url)
    assert result.exit_code == 0, result.output
    assert "Stored 4 monthly rows for noor" in result.output
    assert sam.id is not None
    with (
        open_workspace(tmp_path / "home", database_url, clock) as workspace,
        workspace.unit_of_work() as uow,
    ):
        rows = chat_monthly_aggregates(uow, sam.id)
    assert [(r.month, r.sender) for r in rows] == [
        ("2024-01", "Idris"),
        ("2024-01", "Noor"),
        ("2024-02", "Idris"),
        ("2024-02", "Noor"),
    ]
    assert sum(r.counts.messages for r in rows) == 17 and rows[0].source == COUPLE.name


def bad_source(tmp_path: Path, bad: str) -> tuple[Path, list[str], str]:
    """A file that cannot be stored for a person, the extra options, and what the error names."""
    lines = COUPLE.read_text(encoding="utf-8").splitlines()
    source = tmp_path / f"{bad}.txt"
    if bad == "broken":
        impossible = "31/02/24, 09:05 - Noor: a day that never was"
        source.write_text("\n".join([*lines[:5], impossible, *lines[5:]]), "utf-8")
        return source, ["--strict", "--person", "Noor"], "line 6"
    if bad == "empty":
        source.write_bytes(b"")
        return source, ["--person", "Noor"], "empty"
    if bad == "zip":
        source = tmp_path / "photos.zip"
        with zipfile.ZipFile(source, "w") as archive:
            archive.writestr("IMG-0001.jpg", b"\xff\xd8\xff")
        return source, ["--person", "Noor"], "photos.zip"
    if bad == "cut":  # a Telegram export cut off before its first message
        source = tmp_path / "result.json"
        whole = (DATA.parent / "telegram_single.json").read_bytes()
        source.write_bytes(whole[: whole.index(b'"id": 1') + 4])
        return source, ["--person", "Noor"], "no message could be read"
    if bad == "cut-late":  # a Telegram export cut off after some messages were read
        source = tmp_path / "result.json"
        whole = (DATA.parent / "telegram_single.json").read_bytes()
        source.write_bytes(whole[: whole.index(b"Plain hello") + 5])
        return source, ["--person", "Noor"], "breaks off part-way"
    if bad == "not-a-chat":
        source.write_text("Shopping list\n- oats\n", "utf-8")
        return source, ["--person", "Noor"], "tried whatsapp, telegram, csv, jsonl"
    return COUPLE, ["--person", "Nobody"], "Nobody"


@pytest.mark.parametrize(
    "bad", ["broken", "empty", "zip", "cut", "cut-late", "not-a-chat", "unknown"]
)
def test_nothing_stored_when_the_read_fails_or_the_person_is_unknown(
    tmp_path: Path, database_url: str, bad: str
) -> None:
    clock = FixedClock()
    with open_workspace(tmp_path / "home", database_url, clock) as workspace:
        sam = add_person(workspace, "Noor")
    source, options, named = bad_source(tmp_path, bad)
    result = run(tmp_path, str(source), *options, database_url=database_url)
    assert result.exit_code != 0
    assert named in result.output and "Traceback" not in result.output
    assert sam.id is not None
    with (
        open_workspace(tmp_path / "home", database_url, clock) as workspace,
        workspace.unit_of_work() as uow,
    ):
        assert chat_monthly_aggregates(uow, sam.id) == []


def test_formats_other_than_whatsapp_and_a_cut_off_telegram_export(tmp_path: Path) -> None:
    chats = DATA.parent
    for name in ("telegram_single.json", "chat.csv", "chat.jsonl"):
        result = run(tmp_path, str(chats / name), "--json")
        assert result.exit_code == 0, name + result.output
        assert json.loads(result.stdout)["total"]["messages"] > 0
    whole = (chats / "telegram_single.json").read_text(encoding="utf-8")
    cut = tmp_path / "result.json"
    cut.write_text(whole[: whole.index("Plain hello") + 5] + " zorblatt quimbleton", "utf-8")
    result = run(tmp_path, str(cut), "--json")
    assert "zorblatt" not in result.output and "quimbleton" not in result.output
    report = json.loads(result.stdout)
    assert report["cut_short"] is True
    assert json.loads(run(tmp_path, str(chats / "chat.csv"), "--json").stdout)["cut_short"] is False


def test_a_group_chat_is_read_per_pair(tmp_path: Path) -> None:
    group = DATA / "whatsapp_group.txt"
    data = json.loads(run(tmp_path, str(group), "--json").stdout)
    pairs = {(p["from"], p["to"]): (p["replies"], p["median_reply_seconds"]) for p in data["pairs"]}
    assert pairs == {
        ("Ruth", "Kwame"): (2, 120),
        ("Kwame", "Lena"): (2, 120),
        ("Lena", "Ruth"): (2, 60),
    }
    terminal = run(tmp_path, str(group))
    assert terminal.exit_code == 0 and "Who answers whom" in terminal.output


def test_html_into_a_missing_folder_fails_clearly(tmp_path: Path) -> None:
    target = tmp_path / "no" / "such" / "report.html"
    result = run(tmp_path, str(COUPLE), "--html", str(target))
    assert (
        result.exit_code != 0 and "cannot write" in result.output and "report.html" in result.output
    )
    assert not target.parent.exists()


def test_a_broken_row_is_warned_about_without_its_text(tmp_path: Path) -> None:
    # a line of a message where the timestamp should be was quoted in the warning and in --json
    chat = tmp_path / "chat.csv"
    chat.write_text(
        "timestamp,sender,text,kind\n"
        "2024-12-01T10:05:23,Alice,zorblatt at noon?\n"
        "quimbleton is what I wanted to say,Bob,x\n"
        "2024-12-01T10:06:00,Bob,ok,Vexhollow\n",
        encoding="utf-8",
    )
    result = run(tmp_path, str(chat), "--json")
    assert result.exit_code == 0
    assert_no_text(result.stdout + result.stderr)
    assert json.loads(result.stdout)["problems"] == [
        "line 3: timestamp is not ISO 8601 (like 2024-12-01T10:05:23); row skipped",
        "line 4: kind is not one of text, media, system, deleted; row skipped",
    ]


def test_stats_shows_the_stored_months_beside_the_logged_moments(tmp_path: Path) -> None:
    # the months were stored but `tend stats` never showed them
    with open_workspace(tmp_path / "home", None, FixedClock()) as workspace:
        add_person(workspace, "Noor")
        add_person(workspace, "Sam")
    assert run(tmp_path, str(COUPLE), "--person", "Noor").exit_code == 0
    state = CliState(home=tmp_path / "home", clock=FixedClock())
    shown = CliRunner().invoke(app, ["stats", "Noor"], obj=state)
    assert shown.exit_code == 0, shown.output
    assert "From chat exports" in shown.output
    rows = [line for line in shown.output.splitlines() if re.search(r"│ 2024-0[12] ", line)]
    assert len(rows) == 2 and all("Noor" in row for row in rows)
    assert_no_text(shown.output)
    as_json = json.loads(CliRunner().invoke(app, ["stats", "--json"], obj=state).output)
    assert [(m["month"], m["sender"]) for m in as_json["chat_months"]] == [
        ("2024-01", "Idris"), ("2024-01", "Noor"), ("2024-02", "Idris"), ("2024-02", "Noor"),
    ]  # fmt: skip
    assert sum(m["messages"] for m in as_json["chat_months"]) == 17
    other = CliRunner().invoke(app, ["stats", "Sam"], obj=state)
    assert other.exit_code == 0 and "From chat exports" not in other.output
