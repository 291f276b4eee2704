"""`tend chat parse`: the JSONL contract, problems on stderr, exit codes on unreadable files."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tending.cli.app import app
from tending.cli.state import CliState
from tending.domain.clock import FixedClock

CHATS = Path(__file__).resolve().parents[1] / "data" / "chats"


def _run(tmp_path: Path, *args: str) -> tuple[int, str, str]:
    runner = CliRunner()
    result = runner.invoke(
        app, ["chat", "parse", *args], obj=CliState(home=tmp_path, clock=FixedClock())
    )
    return result.exit_code, result.stdout, result.stderr


def test_jsonl_contract_is_exact(tmp_path: Path) -> None:
    code, out, err = _run(tmp_path, str(CHATS / "whatsapp_android_dmy_24h.txt"), "--jsonl")
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert len(lines) == 11
    assert lines[0] == (
        '{"time": "2023-02-14T08:01:00", "sender": null, "text": "Messages and calls are '
        "end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen "
        'to them. Tap to learn more.", "kind": "system"}'
    )
    assert lines[4] == (
        '{"time": "2023-02-14T08:17:00", "sender": "Tomasz", "text": "Me. Also found the old '
        'trowel:\\nit was under the shed the whole time\\n\\nno idea how it got there", '
        '"kind": "text"}'
    )
    assert lines[5] == (
        '{"time": "2023-02-14T09:40:00", "sender": "Mira", "text": "<Media omitted>", '
        '"kind": "media"}'
    )
    assert lines[6].endswith('"text": "This message was deleted", "kind": "deleted"}')
    assert all(list(json.loads(line)) == ["time", "sender", "text", "kind"] for line in lines)


def test_non_ascii_is_written_as_is_with_seconds(tmp_path: Path) -> None:
    code, out, _ = _run(tmp_path, str(CHATS / "whatsapp_ios_bracket_12h.txt"), "--jsonl")
    assert code == 0
    assert out.splitlines()[1] == (
        '{"time": "2024-03-21T21:05:02", "sender": "Ode", "text": "Did you see the heron this '
        'morning?", "kind": "text"}'
    )
    code, out, _ = _run(tmp_path, str(CHATS / "whatsapp_french.txt"), "--jsonl")
    assert '"sender": "Chloé"' in out.splitlines()[0]


def test_problems_go_to_stderr_with_line_numbers(tmp_path: Path) -> None:
    code, out, err = _run(tmp_path, str(CHATS / "whatsapp_broken_lines.txt"), "--jsonl")
    assert code == 0
    assert [json.loads(line)["sender"] for line in out.splitlines()] == ["Pat", "Lou"]
    assert "warning: line 1: text before the first message header; skipped" in err
    assert "warning: line 3: not a real date or time" in err


def test_strict_stops_with_a_non_zero_exit(tmp_path: Path) -> None:
    code, out, err = _run(tmp_path, str(CHATS / "whatsapp_broken_lines.txt"), "--strict", "--jsonl")
    assert code != 0 and out == ""
    assert "whatsapp_broken_lines.txt: line 1: text before the first message header" in err
    assert "Traceback" not in err


def test_date_order_option(tmp_path: Path) -> None:
    path = str(CHATS / "whatsapp_ambiguous_order.txt")
    code, out, err = _run(tmp_path, path, "--jsonl")
    assert code == 0 and "assumed dmy (the usual order; the dates fit both)" in err
    assert json.loads(out.splitlines()[0])["time"] == "2021-04-03T10:00:00"
    code, out, err = _run(tmp_path, path, "--date-order", "mdy", "--jsonl")
    assert code == 0 and err == ""
    assert json.loads(out.splitlines()[0])["time"] == "2021-03-04T10:00:00"


def test_format_option_and_other_formats(tmp_path: Path) -> None:
    code, out, _ = _run(
        tmp_path, str(CHATS / "telegram_single.json"), "--format", "telegram", "--jsonl"
    )
    assert code == 0 and len(out.splitlines()) == 7
    code, out, _ = _run(tmp_path, str(CHATS / "chat.csv"), "--json")
    assert code == 0 and [m["sender"] for m in json.loads(out)] == ["Alice", "Bob", None]


def test_unreadable_inputs_exit_non_zero(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    archive = tmp_path / "photos.zip"
    with zipfile.ZipFile(archive, "w") as handle:
        handle.writestr("IMG-0001.jpg", b"\xff\xd8")
    header_only = tmp_path / "header.csv"
    header_only.write_text("timestamp,sender,text\n", encoding="utf-8")
    cases = {
        str(CHATS / "not_a_chat.txt"): "tried whatsapp, telegram, csv, jsonl",
        str(empty): "is empty",
        str(archive): "no WhatsApp chat inside",
        str(header_only): "no messages could be read",
    }
    for path, message in cases.items():
        code, out, err = _run(tmp_path, path, "--jsonl")
        assert code != 0, path
        assert message in err and "Traceback" not in err


def test_human_output_and_help(tmp_path: Path) -> None:
    code, out, _ = _run(tmp_path, str(CHATS / "whatsapp_german_dotted.txt"))
    assert code == 0
    assert out.splitlines()[1] == "2022-12-24 17:46  Greta: [media] <Medien ausgelassen>"
    code, out, _ = _run(tmp_path, "--help")
    assert code == 0 and "--date-order" in out and "--jsonl" in out


EXPECTED = sorted((CHATS / "expected").glob("*.json"))


@pytest.mark.parametrize("expected_file", EXPECTED, ids=[p.stem for p in EXPECTED])
def test_every_fixture_through_the_command(tmp_path: Path, expected_file: Path) -> None:
    """`tend chat parse FILE --jsonl` prints the fixture's expected messages in the contract's
    four keys, and its problems as warnings on stderr."""
    expected = json.loads(expected_file.read_text(encoding="utf-8"))
    code, out, err = _run(tmp_path, str(CHATS / expected_file.stem), "--jsonl")
    assert code == 0
    keys = ("time", "sender", "text", "kind")
    assert [json.loads(line) for line in out.splitlines()] == [
        {key: message[key] for key in keys} for message in expected["messages"]
    ]
    warnings = [
        f"warning: line {p['line']}: {p['message']}" if p["line"] else f"warning: {p['message']}"
        for p in expected["problems"]
    ]
    assert err.splitlines() == warnings


@pytest.mark.parametrize("name", ["whatsapp", "telegram", "csv", "jsonl"])
def test_an_empty_file_is_said_to_be_empty_when_the_format_is_named(
    tmp_path: Path, name: str
) -> None:
    # it gave a date-order warning (whatsapp), a parser's error (telegram) or another wording
    empty = tmp_path / "empty.txt"
    empty.write_text("\n", encoding="utf-8")
    code, out, err = _run(tmp_path, str(empty), "--format", name, "--jsonl")
    assert code != 0 and out == ""
    assert err.strip() == "error: empty.txt is empty: there are no messages to read"
