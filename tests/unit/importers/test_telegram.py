"""Telegram Desktop exports: one chat, a whole account, and a file cut off part-way."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tending.domain.chat import MessageKind
from tending.domain.errors import FormatProblem
from tending.importers import telegram_stream
from tending.importers.telegram import entity_text
from tests.unit.importers.conftest import CHATS, read_all, read_all_with_peak


def test_entities_are_joined() -> None:
    assert entity_text(["a ", {"type": "bold", "text": "b"}, {"type": "x"}, 3]) == "a b"
    assert entity_text("plain") == "plain" and entity_text(None) == ""


def test_single_chat_fields() -> None:
    messages, problems = read_all(CHATS / "telegram_single.json")
    assert problems == []
    assert messages[0].kind is MessageKind.SYSTEM and messages[0].sender is None
    assert messages[2].text == "Look: https://example.org/walk\nsecond line"
    assert messages[3].edited and messages[3].reply_to == "3"
    assert [m.kind for m in messages[4:]] == [MessageKind.MEDIA] * 3
    assert messages[6].text == "the map"  # a caption is kept as the text


def test_whole_account_reads_every_chat_in_order() -> None:
    messages, _ = read_all(CHATS / "telegram_account.json")
    assert [m.sender for m in messages] == ["Yusuf", "Noor", None, "Ida"]
    assert messages[0].time.isoformat() == "2023-11-14T22:13:20"  # from date_unixtime, UTC


def test_cut_off_json_keeps_what_came_before(tmp_path: Path) -> None:
    data = (CHATS / "telegram_single.json").read_bytes()
    cut = tmp_path / "result.json"
    cut.write_bytes(data[: data.index(b'"id": 5')])
    messages, problems = read_all(cut)
    assert len(messages) == 4
    assert len(problems) == 1 and "the JSON stops near byte" in problems[0].message
    assert f"byte {cut.stat().st_size:,}" in problems[0].message
    with pytest.raises(FormatProblem, match="the JSON stops near byte"):
        read_all(cut, strict=True)


def test_cut_before_any_message_is_an_error(tmp_path: Path) -> None:
    cut = tmp_path / "result.json"
    cut.write_bytes(b'{"name": "Noor", "messages": [{"id": 1, "ty')
    with pytest.raises(FormatProblem, match="no message could be read"):
        read_all(cut)


def test_json_that_is_not_telegram(tmp_path: Path) -> None:
    other = tmp_path / "other.json"
    other.write_text('{"participants": [], "threads": []}', encoding="utf-8")
    with pytest.raises(FormatProblem, match="not a Telegram export"):
        read_all(other)


def test_message_without_date_is_skipped_and_reported(tmp_path: Path) -> None:
    path = tmp_path / "result.json"
    path.write_text(
        '{"messages": [{"id": 1, "type": "message", "from": "A", "text": "x"},'
        '{"id": 2, "type": "message", "date": "2024-01-01T00:00:00", "from": "B", "text": "y"}]}',
        encoding="utf-8",
    )
    messages, problems = read_all(path)
    assert [m.text for m in messages] == ["y"]
    assert [str(p) for p in problems] == ["message 1 (id 1): no date; skipped"]


def test_cut_off_account_export_keeps_the_chats_before(tmp_path: Path) -> None:
    data = (CHATS / "telegram_account.json").read_bytes()
    cut = tmp_path / "result.json"
    cut.write_bytes(data[: data.index(b'"Chapter three')])
    messages, problems = read_all(cut)
    assert [m.sender for m in messages] == ["Yusuf", "Noor", None]
    assert [p.message.split(" near")[0] for p in problems] == ["the JSON stops"]


def test_json_array_is_not_telegram(tmp_path: Path) -> None:
    path = tmp_path / "result.json"
    path.write_text('[{"messages": []}]', encoding="utf-8")
    with pytest.raises(FormatProblem, match="not a Telegram export"):
        read_all(path, format="telegram")


def test_json_broken_in_the_middle_says_where_and_quotes_no_text(tmp_path: Path) -> None:
    # it said "the JSON stops" (as for a cut file) and printed the parser's quote of the file
    data = (CHATS / "telegram_single.json").read_bytes()
    at = data.index(b"Lovely route")
    broken = tmp_path / "result.json"
    broken.write_bytes(data[:at] + b'Lovely "route' + data[at + 12 :])
    messages, problems = read_all(broken)
    assert len(messages) == 3
    [problem] = problems
    assert problem.message.startswith(
        f"the JSON breaks between byte 1 and {len(data) + 1:,} (lines 1 to "
    )
    assert "\n" not in problem.message and "route" not in problem.message


def test_invalid_utf8_is_replaced_reported_with_its_line_and_the_rest_read(tmp_path: Path) -> None:
    # the parser stopped at the first such byte (the rest of the file lost), and its message,
    # given as bytes, quoted the text around it
    data = (CHATS / "telegram_single.json").read_bytes()
    at = data.index(b"Plain hello")
    bad = tmp_path / "result.json"
    bad.write_bytes(data[:at] + b"\xff\xfe" + data[at:])
    messages, problems = read_all(bad)
    assert len(messages) == 7 and messages[1].text == "\ufffd\ufffdPlain hello"
    line = data[:at].count(b"\n") + 1
    assert [str(p) for p in problems] == [
        f"line {line}: bytes that are not UTF-8 (first near byte {at + 1:,}); replaced with U+FFFD"
    ]
    with pytest.raises(FormatProblem, match=f"line {line}: bytes that are not UTF-8"):
        read_all(bad, strict=True)


def test_characters_split_between_reads_are_not_reported(tmp_path: Path) -> None:
    text = "é☕🌿" * 30_000  # 270,000 bytes: the parser's 64 KiB reads cut characters in two
    path = tmp_path / "result.json"
    path.write_text(
        '{"messages": [{"id": 1, "type": "message", "date": "2024-01-01T00:00:00", '
        f'"from": "Noor", "text": "{text}"}}]}}',
        encoding="utf-8",
    )
    messages, problems = read_all(path)
    assert problems == [] and [m.text for m in messages] == [text]


def _chat_with_a_long_text(path: Path, text: str, account: bool = False) -> None:
    """A generated one-chat (or account) export: a short message, one with `text`, another."""
    messages = (
        '{"id": 1, "type": "message", "date": "2024-01-01T10:00:00", "from": "Noor", '
        '"text": "hi"},\n'
        '{"id": 2, "type": "message", "date": "2024-01-01T10:01:00", "from": "Ida", '
        f'"text": "{text}", "text_entities": [{{"type": "plain", "text": "{text}"}}]}},\n'
        '{"id": 3, "type": "message", "date": "2024-01-01T10:02:00", "from": "Noor", '
        '"text": "bye"}\n'
    )
    if account:
        path.write_text(
            f'{{"chats": {{"list": [{{"name": "Ida", "messages": [\n{messages}]}}]}}}}',
            encoding="utf-8",
        )
    else:
        path.write_text(f'{{"name": "Ida", "messages": [\n{messages}]}}', encoding="utf-8")


@pytest.mark.parametrize("account", [False, True])
def test_a_giant_text_is_cut_reported_with_its_line_and_the_rest_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, account: bool
) -> None:
    # ijson builds a string whole: a 200 MB text cost about 880 MB. The limit is made small here
    # so the file can be: 1.5 MB of text (twice) against a 4 KB limit.
    monkeypatch.setattr(telegram_stream, "MAX_TEXT_BYTES", 4096)
    path = tmp_path / "result.json"
    text = "Long day \\\"again\\\" \\u00e9 😀 " * 50_000  # escapes and a character of 4 bytes
    _chat_with_a_long_text(path, text, account)
    messages, problems, peak = read_all_with_peak(path)
    assert [m.sender for m in messages] == ["Noor", "Ida", "Noor"]
    assert messages[2].text == "bye"
    whole = json.loads(f'"{text}"')
    # 4 KB as written in the file (an escape counts as written: \u00e9 is 6 bytes, é 2)
    assert 3000 < len(messages[1].text.encode("utf-8")) <= 4096
    assert whole.startswith(messages[1].text)
    size = len(text.encode("utf-8"))
    line = 3  # the line of the message in the file
    cut = f"line {line}: a text of {size:,} bytes; kept the first 4,096 (longer texts are cut)"
    assert [str(p) for p in problems] == [cut, cut]  # the text, and its copy in the entities
    assert peak < 1_000_000, f"peak {peak:,} bytes"  # a whole text: 1.5 MB, 5 MB as a str
    with pytest.raises(FormatProblem, match=f"line {line}: a text of"):
        read_all(path, strict=True)


def test_texts_up_to_the_limit_are_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(telegram_stream, "MAX_TEXT_BYTES", 4096)
    path = tmp_path / "result.json"
    _chat_with_a_long_text(path, "x" * 4096)
    messages, problems = read_all(path)
    assert problems == [] and messages[1].text == "x" * 4096
