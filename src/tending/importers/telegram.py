"""Telegram Desktop JSON exports (`result.json`): one chat, or the whole account (`chats.list`).

The file is read as a stream of JSON events (ijson), and one message object is built at a time, so
memory stays bounded whatever the export's size. A file cut off part-way still yields what came
before the cut, and the cut is reported with its byte and line.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import ijson  # type: ignore[import-untyped]

from tending.domain.chat import ChatMessage, MessageKind
from tending.importers.problems import ProblemSink
from tending.importers.registry import ImportOptions, register
from tending.importers.telegram_stream import (
    CountingReader,
    NotTelegram,
    export_shape,
    message_objects,
)

_MEDIA_KEYS = (
    "photo",
    "file",
    "media_type",
    "sticker_emoji",
    "location_information",
    "contact_information",
    "poll",
)


def entity_text(value: Any) -> str:
    """The plain text of a `text` field: a string, or a list of strings and entity objects."""
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        parts = [
            p if isinstance(p, str) else str(p.get("text", ""))
            for p in value
            if isinstance(p, str | dict)
        ]
        return "".join(parts)
    return ""


def _time(record: dict[str, Any]) -> datetime:
    date = record.get("date")
    if isinstance(date, str):
        return datetime.fromisoformat(date).replace(tzinfo=None)
    stamp = record.get("date_unixtime")
    if stamp is None:
        raise ValueError("no date")
    return datetime.fromtimestamp(int(stamp), tz=UTC).replace(tzinfo=None)


def _service_text(record: dict[str, Any], text: str) -> str:
    if text:
        return text
    actor = record.get("actor") or "someone"
    action = str(record.get("action") or "service").replace("_", " ")
    title = record.get("title")
    return f"{actor}: {action}" + (f' "{title}"' if isinstance(title, str) else "")


def _media_name(record: dict[str, Any]) -> str:
    if isinstance(record.get("media_type"), str):
        return str(record["media_type"])
    return next(key for key in _MEDIA_KEYS if key in record).split("_")[0]


def to_message(record: dict[str, Any]) -> ChatMessage:
    """One Telegram message object as a ChatMessage; ValueError when it has no usable date."""
    time = _time(record)
    text = entity_text(record.get("text"))
    if record.get("type") == "service":
        return ChatMessage(time, None, _service_text(record, text), MessageKind.SYSTEM)
    sender = record.get("from") or record.get("from_id") or "(unknown)"
    kind = MessageKind.TEXT
    if any(key in record for key in _MEDIA_KEYS):
        kind = MessageKind.MEDIA
        text = text or f"<{_media_name(record)}>"
    reply = record.get("reply_to_message_id")
    return ChatMessage(
        time,
        str(sender),
        text,
        kind,
        edited="edited" in record or "edited_unixtime" in record,
        reply_to=None if reply is None else str(reply),
    )


@dataclass
class _Progress:
    """Where reading is, so a broken file can be reported with its position."""

    reader: CountingReader | None = None
    count: int = 0


def _messages(path: Path, sink: ProblemSink, progress: _Progress) -> Iterator[ChatMessage]:
    with path.open("rb") as raw:
        progress.reader = CountingReader(raw)
        shape = export_shape(progress.reader)
    with path.open("rb") as raw:
        progress.reader = CountingReader(raw, on_invalid=sink.report)
        for position, record in message_objects(progress.reader, shape):
            try:
                message = to_message(record)
            except (ValueError, TypeError, OverflowError) as error:
                sink.report(f"message {position} (id {record.get('id')}): {error}; skipped")
                continue
            progress.count += 1
            yield message


def _where(reader: CountingReader) -> str:
    if reader.at_end:
        return f"the JSON stops near byte {reader.bytes_read:,} (line {reader.lines_read + 1:,})"
    return f"the JSON breaks {reader.where()}"


def _first_line(error: Exception) -> str:
    # the parser's later lines quote the file around the break: message text, never shown
    detail = error.args[0] if error.args else ""
    if isinstance(detail, bytes):  # ijson's C parser gives some of its messages as bytes
        detail = detail.decode("utf-8", "replace")
    return str(detail).split("\n", 1)[0].rstrip().rstrip(".")


def read_telegram(path: Path, options: ImportOptions, sink: ProblemSink) -> Iterator[ChatMessage]:
    """Messages of a Telegram Desktop export, in file order (chat after chat for an account)."""
    progress = _Progress()
    try:
        yield from _messages(path, sink, progress)
    except NotTelegram as error:
        raise sink.fail(f"not a Telegram export: {error}") from None
    except ijson.JSONError as error:
        reader, count = progress.reader, progress.count
        assert reader is not None  # set before any JSON is parsed
        problem = f"{_where(reader)}: {_first_line(error)}"
        if count == 0:
            raise sink.fail(problem + "; no message could be read") from None
        kept = f"the {count:,} messages" if count != 1 else "the 1 message"
        sink.report(problem + f"; kept {kept} before it", ends_reading=True)
        return
    if progress.count == 0 and sink.count:
        raise sink.fail("no Telegram message could be read (is it another app's JSON?)")


register("telegram", read_telegram)
