"""Generic exports for anything else: CSV (with a header, or without one: then in this order) or
JSON Lines, each with `timestamp, sender, text` (ISO 8601; an empty sender is a system line)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO

from tending.domain.chat import ChatMessage, MessageKind
from tending.importers.json_strings import StringCap
from tending.importers.lines import MAX_LINE_BYTES, _cut_at_character, decoded_lines
from tending.importers.problems import ProblemSink
from tending.importers.registry import ImportOptions, register

COLUMNS = ("timestamp", "sender", "text")
# a JSON Lines text longer than this many bytes (as written) is cut to its start, as in Telegram
MAX_TEXT_BYTES = 1 << 20
_KINDS = {kind.value: kind for kind in MessageKind}


def record_message(record: dict[str, Any], line: int) -> ChatMessage:
    """A message from one row/record; ValueError saying which field is wrong."""
    stamp, sender, text = (record.get(column) for column in COLUMNS)
    if not isinstance(stamp, str) or not stamp.strip():
        raise ValueError("no timestamp")
    try:
        time = datetime.fromisoformat(stamp.strip()).replace(tzinfo=None)
    except ValueError:
        # the cell is not quoted: in a broken file it can hold a line of message text
        raise ValueError("timestamp is not ISO 8601 (like 2024-12-01T10:05:23)") from None
    if text is not None and not isinstance(text, str):
        raise ValueError("text is not a string")
    name = sender.strip() if isinstance(sender, str) else None
    kind_value = record.get("kind")
    kind = MessageKind.TEXT if name else MessageKind.SYSTEM
    if isinstance(kind_value, str) and kind_value.strip():
        if kind_value.strip() not in _KINDS:
            raise ValueError(f"kind is not one of {', '.join(_KINDS)}")
        kind = _KINDS[kind_value.strip()]
    return ChatMessage(time, name or None, text or "", kind, line=line)


# the columns of a file without a header row: those of the contract, in its order
HEADERLESS = (*COLUMNS, "kind")


def is_timestamp(cell: str) -> bool:
    """An ISO 8601 date with a time (a date alone could start a WhatsApp line)."""
    cell = cell.strip()
    if len(cell) < 16:
        return False
    try:
        datetime.fromisoformat(cell)
    except ValueError:
        return False
    return True


def _header(row: list[str], sink: ProblemSink) -> list[str] | None:
    """The column names of a header row; None when the first row is a message (no header)."""
    names = [cell.strip().lower() for cell in row]
    missing = [column for column in COLUMNS if column not in names]
    if missing:
        if len(row) >= len(COLUMNS) and is_timestamp(row[0]):
            return None
        raise sink.fail(
            f"line 1: a CSV chat needs a header row with {', '.join(COLUMNS)}, or rows of "
            f"{', '.join(COLUMNS)} in that order (missing {', '.join(missing)})"
        )
    return names


def _rows(reader: Any, sink: ProblemSink) -> Iterator[list[str]]:
    """The rows of a csv reader; a row the csv module cannot split is reported and skipped."""
    while True:
        try:
            row: list[str] = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            sink.report(f"not a CSV row ({error}); skipped", reader.line_num)
            continue
        yield row


def read_csv(path: Path, options: ImportOptions, sink: ProblemSink) -> Iterator[ChatMessage]:
    """Messages of a CSV file whose header names timestamp, sender and text, or whose rows hold
    them in that order (then the first cell of the first row is a timestamp)."""
    with path.open("rb") as stream:
        # Windows line ends become "\n", also inside a quoted text (texts join lines with "\n")
        lines = (
            text[:-2] + "\n" if text.endswith("\r\n") else text
            for _, text in decoded_lines(stream, sink, keep_ends=True)
        )
        reader = csv.reader(lines)
        names: Sequence[str] | None = None
        start = 1
        for row in _rows(reader, sink):
            if names is None:
                names = _header(row, sink)
                if names is not None:
                    start = reader.line_num + 1
                    continue
                names = HEADERLESS
            if any(cell.strip() for cell in row):
                try:
                    yield record_message(dict(zip(names, row, strict=False)), start)
                except ValueError as error:
                    sink.report(f"{error}; row skipped", start)
            start = reader.line_num + 1
        if names is None:
            raise sink.fail("the file is empty: no header and no messages")


def read_jsonl(path: Path, options: ImportOptions, sink: ProblemSink) -> Iterator[ChatMessage]:
    """Messages of a JSON Lines file: one object with timestamp, sender, text per line.

    A line over the line cap (`lines.MAX_LINE_BYTES`) keeps its message: its texts longer than
    `MAX_TEXT_BYTES` are cut to their start, as in a Telegram export (`_cut_long_texts`).
    """

    def long_line(start: bytes, stream: BinaryIO, number: int) -> bytes:
        return _cut_long_texts(start, stream, number, sink)

    with path.open("rb") as stream:
        for number, text in decoded_lines(stream, sink, long_line=long_line):
            if not text.strip():
                continue
            try:
                record = json.loads(text)
                if not isinstance(record, dict):
                    raise ValueError("not a JSON object")
                yield record_message(record, number)
            except json.JSONDecodeError as error:
                sink.report(f"not valid JSON at column {error.colno}; line skipped", number)
            except ValueError as error:
                sink.report(f"{error}; line skipped", number)


def _cut_long_texts(start: bytes, stream: BinaryIO, number: int, sink: ProblemSink) -> bytes:
    """A JSON line over the line cap, read to its end (a piece at a time) with each string
    longer than MAX_TEXT_BYTES cut to its start (reported); an empty line, reported, when even
    so it holds more than twice the line cap (then it is no chat message)."""
    told: list[int] = []
    cap = StringCap(MAX_TEXT_BYTES, lambda length, line: told.append(length))
    kept: list[bytes] = []
    size = length = 0  # bytes kept; bytes of the line
    carry = b""  # a character cut in two between reads
    data = start
    while data:
        length += len(data)
        ended = data.endswith(b"\n")
        data = carry + (data[:-1] if ended else data)
        whole = data if ended else _cut_at_character(data)
        carry = data[len(whole) :]
        if size <= 2 * MAX_LINE_BYTES:
            kept.append(cap.feed(whole))
            size += len(kept[-1])
        if ended:
            break
        data = stream.readline(1 << 16)  # never past the end of this line
    kept.append(cap.feed(carry) + cap.finish())
    for text in told:
        sink.report(
            f"a text of {text:,} bytes; kept the first {MAX_TEXT_BYTES:,} (longer texts are cut)",
            number,
        )
    if size > 2 * MAX_LINE_BYTES:
        sink.report(f"line is {length:,} bytes long, too long for a message; skipped", number)
        return b"\n"
    return b"".join(kept) + b"\n"


register("csv", read_csv)
register("jsonl", read_jsonl)
