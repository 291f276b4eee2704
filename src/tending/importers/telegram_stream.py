"""Pulling message objects out of a Telegram export one at a time (ijson events, bounded memory)."""

from __future__ import annotations

import codecs
from collections.abc import Callable, Iterator
from typing import Any, BinaryIO

import ijson  # type: ignore[import-untyped]

from tending.importers.json_strings import StringCap

# A JSON string (a message's text) longer than this many bytes is cut to its start, so one giant
# message costs at most about this much, not its size several times over as ijson builds it.
MAX_TEXT_BYTES = 1 << 20

# where messages sit in a whole-account export (a one-chat export has them under `messages`)
MESSAGE_PREFIXES = frozenset(
    {"chats.list.item.messages.item", "left_chats.list.item.messages.item"}
)


class CountingReader:
    """A file wrapper that counts the bytes and newlines handed to the parser (for messages).

    Bytes that are not UTF-8 are handed on as U+FFFD (the parser would stop at them, losing the
    rest of the file) and told to `on_invalid(message, line)`, once per chunk that holds some.
    A string longer than `max_text` bytes (default `MAX_TEXT_BYTES`) is handed on cut to about
    its first `max_text` (`json_strings.StringCap`) and told to `on_invalid` too, with its line,
    once the string has ended.
    """

    def __init__(
        self,
        raw: BinaryIO,
        on_invalid: Callable[[str, int], None] | None = None,
        max_text: int | None = None,
    ) -> None:
        self._raw = raw
        self._decoder = codecs.getincrementaldecoder("utf-8")("replace")
        self._on_invalid = on_invalid
        self._cap = StringCap(MAX_TEXT_BYTES if max_text is None else max_text, self._long)
        self.bytes_read = 0
        self.lines_read = 0
        self.at_end = False
        # where the last chunk began: a parser fails somewhere inside the last chunk it was given
        self.chunk_bytes = 0
        self.chunk_lines = 0

    def read(self, size: int = -1) -> bytes:
        if size == 0:  # ijson asks for 0 bytes first, to see bytes or text
            return b""
        while True:
            chunk = self._raw.read(size)
            if not chunk:
                self.at_end = True
            else:
                self.chunk_bytes, self.chunk_lines = self.bytes_read, self.lines_read
            self.bytes_read += len(chunk)
            self.lines_read += chunk.count(b"\n")
            text = self._decoder.decode(chunk, final=not chunk)
            if "\ufffd" in text and text.count("\ufffd") > chunk.count(b"\xef\xbf\xbd"):
                self._invalid(chunk)
            data = self._cap.feed(text.encode("utf-8"), self.chunk_lines)
            if not chunk:
                data += self._cap.finish()
            # a chunk can be only the start of a character, or all inside a long string: read on
            if data or not chunk:
                return data

    def where(self) -> str:
        """The bytes and lines of the last chunk read."""
        return (
            f"between byte {self.chunk_bytes + 1:,} and {self.bytes_read:,} "
            f"(lines {self.chunk_lines + 1:,} to {self.lines_read + 1:,})"
        )

    def _long(self, length: int, line: int) -> None:
        if self._on_invalid is not None:
            limit = self._cap.limit
            self._on_invalid(
                f"a text of {length:,} bytes; kept the first {limit:,} (longer texts are cut)",
                line,
            )

    def _invalid(self, chunk: bytes) -> None:
        if self._on_invalid is None:
            return
        lead = 0  # the end of a character begun in the chunk before
        while lead < min(3, len(chunk)) and 0x80 <= chunk[lead] < 0xC0:
            lead += 1
        try:
            chunk[lead:].decode("utf-8")
            start = lead
        except UnicodeDecodeError as error:
            start = lead + error.start
        line = self.chunk_lines + chunk.count(b"\n", 0, start) + 1
        where = f"first near byte {self.chunk_bytes + start + 1:,}"
        self._on_invalid(f"bytes that are not UTF-8 ({where}); replaced with U+FFFD", line)


class NotTelegram(ijson.JSONError):  # type: ignore[misc]
    """The JSON is fine but holds no Telegram messages list."""


def export_shape(reader: CountingReader) -> str:
    """ "chat" for a one-chat export, "account" for a whole-account one, from the top-level keys.

    Raises NotTelegram when neither `messages` nor `chats` is at the top, ijson.JSONError when the
    JSON breaks before either.
    """
    for prefix, event, value in ijson.parse(reader):
        if prefix == "" and event == "map_key":
            if value == "messages":
                return "chat"
            if value == "chats":
                return "account"
    raise NotTelegram("no 'messages' list and no 'chats.list' at the top of the file")


def message_objects(reader: CountingReader, shape: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """(position, object) of each message object, in file order; ijson.JSONError if broken.

    A one-chat export goes through ijson's own item builder (C, fast); an account export needs
    several prefixes in one pass, so its objects are built here from the events.
    """
    if shape == "chat":
        items = ijson.items(reader, "messages.item", use_float=True)
        for position, record in enumerate(items, 1):
            if isinstance(record, dict):
                yield position, record
        return
    yield from _account_objects(reader)


def _account_objects(reader: CountingReader) -> Iterator[tuple[int, dict[str, Any]]]:
    builder: Any = None
    current = ""
    position = 0
    seen_list = False
    for prefix, event, value in ijson.parse(reader, use_float=True):
        if builder is not None:
            builder.event(event, value)
            if event == "end_map" and prefix == current:
                position += 1
                if isinstance(builder.value, dict):
                    yield position, builder.value
                builder = None
        elif event == "start_map" and prefix in MESSAGE_PREFIXES:
            builder, current = ijson.ObjectBuilder(), prefix
            builder.event(event, value)
        elif event == "start_array" and prefix == "chats.list":
            seen_list = True
    if not seen_list:
        raise NotTelegram("'chats' holds no 'list' of chats")
