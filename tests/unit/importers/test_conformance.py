"""The conformance corpus: single WhatsApp lines and whole fixture files against their parse.

Both corpora are data (`whatsapp_lines.jsonl`, `tests/data/chats/expected/`), so a new variant is
one more line of data.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.unit.importers.conftest import CHATS, as_record, read_all

HERE = Path(__file__).parent
LINES = [
    json.loads(text)
    for text in (HERE / "whatsapp_lines.jsonl").read_text(encoding="utf-8").splitlines()
]
NOT_HEADERS = json.loads((HERE / "not_headers.json").read_text(encoding="utf-8"))
EXPECTED = sorted((CHATS / "expected").glob("*.json"))


@pytest.mark.parametrize("case", LINES, ids=[case["line"][:40] for case in LINES])
def test_single_line_parses_as_expected(case: dict[str, Any], tmp_path: Path) -> None:
    chat = tmp_path / "chat.txt"
    chat.write_text(case["line"] + "\n", encoding="utf-8")
    messages, problems = read_all(chat, format="whatsapp", date_order=case["order"])
    assert problems == []
    assert len(messages) == 1
    got = as_record(messages[0])
    expected = {key: case[key] for key in ("time", "sender", "text", "kind", "edited")}
    assert {key: got[key] for key in expected} == expected


@pytest.mark.parametrize("text", NOT_HEADERS)
def test_line_without_a_header_continues_the_message_before(text: str, tmp_path: Path) -> None:
    chat = tmp_path / "chat.txt"
    chat.write_text(f"13/06/18, 14:05 - Ada: first\n{text}\n", encoding="utf-8")
    messages, problems = read_all(chat, format="whatsapp")
    assert problems == []
    assert [m.text for m in messages] == [f"first\n{text}"]


@pytest.mark.parametrize("expected_file", EXPECTED, ids=[p.stem for p in EXPECTED])
def test_fixture_file_parses_as_expected(expected_file: Path) -> None:
    expected = json.loads(expected_file.read_text(encoding="utf-8"))
    messages, problems = read_all(CHATS / expected_file.stem)
    assert [as_record(m) for m in messages] == expected["messages"]
    assert [{"line": p.line, "message": p.message} for p in problems] == expected["problems"]


def test_every_fixture_has_an_expectation() -> None:
    fixtures = {p.name for p in CHATS.iterdir() if p.is_file()} - {"README.md", "not_a_chat.txt"}
    assert fixtures == {p.stem for p in EXPECTED}
