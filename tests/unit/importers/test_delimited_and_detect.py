"""CSV and JSONL exports, and telling formats apart."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tending.domain.chat import MessageKind
from tending.domain.errors import FormatProblem, InvalidInput
from tending.importers import detect_format, open_chat
from tending.importers.delimited import MAX_TEXT_BYTES
from tests.unit.importers.conftest import CHATS, read_all


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("chat.csv", "csv"),
        ("chat.jsonl", "jsonl"),
        ("telegram_single.json", "telegram"),
        ("telegram_account.json", "telegram"),
        ("whatsapp_ios_bracket_12h.txt", "whatsapp"),
        ("whatsapp_finnish_klo.txt", "whatsapp"),
    ],
)
def test_detects(name: str, expected: str) -> None:
    assert detect_format(CHATS / name) == expected


def test_not_an_export_names_what_was_tried() -> None:
    with pytest.raises(FormatProblem, match="tried whatsapp, telegram, csv, jsonl"):
        detect_format(CHATS / "not_a_chat.txt")


def test_empty_and_missing_files(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"\n \n")
    with pytest.raises(FormatProblem, match="is empty"):
        read_all(empty)
    with pytest.raises(FormatProblem, match="no such file"):
        read_all(tmp_path / "absent.txt")
    with pytest.raises(FormatProblem, match="is a folder"):
        read_all(tmp_path)


def test_unknown_format_and_order_are_refused() -> None:
    with pytest.raises(InvalidInput, match="known formats: csv, jsonl, telegram, whatsapp"):
        read_all(CHATS / "chat.csv", format="signal")
    with pytest.raises(InvalidInput, match="dmy, mdy, ymd"):
        read_all(CHATS / "chat.csv", date_order="dym")


def test_csv_bad_row_reported_with_its_line() -> None:
    messages, problems = read_all(CHATS / "chat.csv")
    assert [str(p) for p in problems] == [
        "line 5: timestamp is not ISO 8601 (like 2024-12-01T10:05:23); row skipped"
    ]
    assert messages[1].text == "Yes, usual place.\nTen minutes." and messages[1].line == 3
    assert messages[2].kind is MessageKind.SYSTEM and messages[2].line == 6


def test_csv_without_header_holds_the_columns_in_order(tmp_path: Path) -> None:
    # it was refused ("not a chat export", or "needs a header row" with --format csv)
    path = tmp_path / "chat.csv"
    path.write_text(
        '2024-12-01T10:05:23,Alice,"hi,\nthere"\n2024-12-01 10:06:00,Bob,<photo>,media\n',
        encoding="utf-8",
    )
    assert detect_format(path) == "csv"
    messages, problems = read_all(path)
    assert problems == []
    assert [(m.sender, m.text, m.kind, m.line) for m in messages] == [
        ("Alice", "hi,\nthere", MessageKind.TEXT, 1),
        ("Bob", "<photo>", MessageKind.MEDIA, 3),
    ]


def test_csv_whose_first_row_is_no_header_and_no_message_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "chat.csv"
    path.write_text("2024-12-01,Alice,hi\nwhen,who,what\n", encoding="utf-8")
    with pytest.raises(FormatProblem, match="not a chat export"):
        read_all(path)
    with pytest.raises(FormatProblem, match="header row with timestamp, sender, text, or rows"):
        read_all(path, format="csv")


def test_jsonl_bad_line_and_offsets() -> None:
    messages, problems = read_all(CHATS / "chat.jsonl")
    assert [p.line for p in problems] == [3]
    assert messages[1].time.isoformat() == "2024-12-01T10:06:00"  # wall time kept
    assert messages[2].kind is MessageKind.MEDIA


def test_wrong_format_named_reads_nothing_without_raising_on_lines(tmp_path: Path) -> None:
    problems: list[object] = []
    messages = list(open_chat(CHATS / "chat.csv", format="jsonl", on_problem=problems.append))
    assert messages == [] and len(problems) == 6


def test_jsonl_whose_first_line_is_long_or_broken_is_still_jsonl(tmp_path: Path) -> None:
    # a first line longer than the 64 KiB sniff window, or a broken one, was taken for Telegram
    # (then read as one JSON document: all of it in memory, and nothing read)
    after = '{"timestamp": "2024-12-01T10:06:00", "sender": "Bob", "text": "after"}\n'
    long_first = tmp_path / "long.jsonl"
    long_first.write_text(
        '{"timestamp": "2024-12-01T10:05:23", "sender": "Alice", "text": "'
        + "la " * 40_000
        + '"}\n'
        + after,
        encoding="utf-8",
    )
    broken_first = tmp_path / "broken.jsonl"
    broken_first.write_text('{"sender": "Alice", "timestamp": "2024-12\n' + after, "utf-8")
    assert detect_format(long_first) == detect_format(broken_first) == "jsonl"
    messages, problems = read_all(long_first)
    assert [m.sender for m in messages] == ["Alice", "Bob"] and problems == []
    messages, problems = read_all(broken_first)
    assert [m.text for m in messages] == ["after"] and [p.line for p in problems] == [1]


def test_csv_with_a_bom_and_windows_line_ends_joins_lines_with_newline(tmp_path: Path) -> None:
    # a quoted text over two lines kept its "\r\n" (the contract joins lines with "\n")
    path = tmp_path / "chat.csv"
    path.write_bytes(
        b"\xef\xbb\xbftimestamp,sender,text\r\n"
        b'2024-12-01T10:05:23,Alice,"two\r\nlines, one ""quote"""\r\n'
        b"2024-12-01T10:06:00,Bob,ok\r\n"
    )
    messages, problems = read_all(path)
    assert problems == []
    assert [m.text for m in messages] == ['two\nlines, one "quote"', "ok"]
    assert [m.line for m in messages] == [2, 4]


def test_a_jsonl_line_with_a_giant_text_keeps_its_message_with_the_text_cut(
    tmp_path: Path,
) -> None:
    # the line cap cut such a line, and the JSON left was broken: the message was lost
    text = "Long day \\\"again\\\" é " * 150_000  # 3.3 MB as written, a 2-byte character
    path = tmp_path / "chat.jsonl"
    path.write_text(
        '{"timestamp": "2024-01-01T10:00:00", "sender": "Ana", "text": "hi"}\n'
        f'{{"timestamp": "2024-01-01T10:01:00", "sender": "Sam", "text": "{text}"}}\n'
        '{"timestamp": "2024-01-01T10:02:00", "sender": "Ana", "text": "bye"}\n',
        encoding="utf-8",
    )
    messages, problems = read_all(path)
    assert [m.sender for m in messages] == ["Ana", "Sam", "Ana"] and messages[2].text == "bye"
    assert json.loads(f'"{text}"').startswith(messages[1].text)
    # the limit counts the text as written (\" is two bytes), so the text read is a little less
    assert 0.9 * MAX_TEXT_BYTES < len(messages[1].text.encode("utf-8")) <= MAX_TEXT_BYTES
    size = len(text.encode("utf-8"))
    assert [str(p) for p in problems] == [
        f"line 2: a text of {size:,} bytes; kept the first {MAX_TEXT_BYTES:,} (longer texts "
        "are cut)"
    ]


def test_a_jsonl_line_too_long_even_without_its_texts_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "chat.jsonl"
    numbers = ", ".join(["1234567"] * 400_000)  # 3.6 MB of numbers: no text to cut
    path.write_text(
        '{"timestamp": "2024-01-01T10:00:00", "sender": "Ana", "text": "hi"}\n'
        f'{{"timestamp": "2024-01-01T10:01:00", "sender": "Sam", "n": [{numbers}]}}\n'
        '{"timestamp": "2024-01-01T10:02:00", "sender": "Ana", "text": "bye"}\n',
        encoding="utf-8",
    )
    messages, problems = read_all(path)
    assert [m.text for m in messages] == ["hi", "bye"]
    length = len(path.read_bytes().split(b"\n")[1]) + 1
    assert [str(p) for p in problems] == [
        f"line 2: line is {length:,} bytes long, too long for a message; skipped"
    ]
