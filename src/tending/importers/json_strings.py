"""A cap on the length of JSON strings, applied to the bytes before a JSON parser sees them.

ijson builds each string whole before handing it on, so a single 200 MB message text in a
Telegram export would cost about a gigabyte (and minutes). `StringCap` watches the JSON as it is
read, in constant memory, and passes a string longer than `limit` bytes on cut to about its first
`limit` (the closing quote kept, so the JSON stays valid), telling `on_long(length, line)` when
the string ends. Lengths are UTF-8 bytes as written in the file: an escape such as `\\n` is two.

Finding string boundaries costs a few C-level searches per chunk (in UTF-8 a quote or a backslash
byte is never part of another character): a quote is real unless an odd run of backslashes
stands before it, and a chunk's end is held back from a backslash in its last 6 bytes, so an
escape is never split between two chunks. A string wholly inside one piece of at most `limit`
bytes cannot be too long, so only the string open at a piece's start needs measuring; longer
chunks are cut into such pieces.
"""

from __future__ import annotations

import re
from collections.abc import Callable

MIN_LIMIT = 16  # room for two escapes of six bytes, so pieces never split one
_HIGH_SURROGATE = re.compile(rb"\\u[dD][89abAB][0-9a-fA-F]{2}\Z")


class StringCap:
    """Feed the UTF-8 JSON in order (`feed`, then `finish`); get it back with every string
    longer than `limit` bytes cut to its first `limit` (less up to 12, to keep escapes and
    characters whole)."""

    def __init__(self, limit: int, on_long: Callable[[int, int], None]) -> None:
        if limit < MIN_LIMIT:
            raise ValueError(f"a JSON string cap must be at least {MIN_LIMIT} bytes")
        self.limit = limit
        self._on_long = on_long  # (the string's length in bytes, the line it is on)
        self._lines = 0  # newlines before the piece being read (as `feed` was told)
        self._held = b""  # the end of the last chunk from a backslash on: read with the next
        self._in_string = False
        self._run = 0  # bytes of the open string passed on so far
        self._dropping = False  # inside a string already cut: drop until its closing quote
        self._length = 0  # the whole length of the string being cut
        self._line = 0  # the line it is on

    def feed(self, data: bytes, lines: int = 0) -> bytes:
        """The next bytes of JSON (whole UTF-8 characters), with long strings cut; `lines` is how
        many newlines came before them (for the line `on_long` is told)."""
        if self._held:  # (held bytes came before those lines' end)
            lines -= self._held.count(b"\n")
            data = self._held + data
            self._held = b""
        self._lines = lines
        end = _whole_escapes(data, len(data))
        if end < len(data):  # an escape may go on in the next chunk: read it with that one
            data, self._held = data[:end], data[end:]
        if len(data) <= self.limit:
            return self._piece(data)
        pieces = []
        at = 0
        while at < len(data):
            end = len(data) if len(data) - at <= self.limit else at + self.limit
            end = _whole_escapes(data, end) if end < len(data) else end
            self._lines = lines + data.count(b"\n", 0, at)
            pieces.append(self._piece(data[at:end]))
            at = end
        return b"".join(pieces)

    def finish(self) -> bytes:
        """What is left at the end of the file (a string cut off by the end is told too)."""
        held, self._held = self._held, b""
        out = self._piece(held) if held else b""
        if self._dropping:
            self._dropping = False
            self._on_long(self._length, self._line)
        return out

    def _piece(self, data: bytes) -> bytes:
        first, last, count = _real_quotes(data)
        if self._dropping:
            if first < 0:
                self._length += len(data)
                return b""
            self._length += first
            self._dropping = False
            self._on_long(self._length, self._line)
            self._run = 0
            data = data[first:]  # from the closing quote on, read as usual
            first, last, count = _real_quotes(data)
        if self._in_string:
            end = first if first >= 0 else len(data)
            if self._run + end > self.limit:
                keep = _whole_escapes(data, self.limit - self._run)
                self._length = self._run + end
                self._line = self._lines + data.count(b"\n", 0, keep) + 1
                if first < 0:
                    self._dropping = True
                    return data[:keep]
                self._on_long(self._length, self._line)
                self._run = 0
                return data[:keep] + self._piece(data[first:])
        if count % 2:
            self._in_string = not self._in_string
        if self._in_string:
            self._run = len(data) - last - 1 if last >= 0 else self._run + len(data)
        return data


def _real_quotes(data: bytes) -> tuple[int, int, int]:
    """(first, last, how many) of the quotes that are not escaped; -1 when there is none.

    `data` neither starts nor ends inside an escape (StringCap holds such an end back), so each
    run of backslashes in it starts an escape or several."""
    count = data.count(b'"')
    if not count or b'\\"' not in data:  # no backslash before a quote: all are real
        return data.find(b'"'), data.rfind(b'"'), count
    # a quote is escaped when an odd run of backslashes stands before it: count those with at
    # least 1, 2, 3... backslashes before them (each a C search) and add them up alternately
    pattern, sign, escaped = b'\\"', 1, 0
    while pattern in data:
        if len(pattern) > 9:  # long runs: without the escaped backslashes, \" is an escape
            escaped = data.replace(b"\\\\", b"").count(b'\\"')
            break
        escaped += sign * data.count(pattern)
        pattern, sign = b"\\" + pattern, -sign
    count -= escaped
    if not count:
        return -1, -1, 0
    first = data.find(b'"')
    while first >= 0 and _odd_run(data, first):
        first = data.find(b'"', first + 1)
    last = data.rfind(b'"')
    while last >= 0 and _odd_run(data, last):
        last = data.rfind(b'"', 0, last)
    return first, last, count


def _whole_escapes(data: bytes, end: int) -> int:
    """`end`, moved back so that data[:end] ends inside neither a character, an escape (an
    escape that ends exactly at `end` may be moved too) nor a surrogate pair."""
    while 0 < end < len(data) and data[end] & 0xC0 == 0x80:  # inside a UTF-8 character
        end -= 1
    backslash = data.rfind(b"\\", max(0, end - 6), end)
    if backslash >= 0 and _odd_run(data, backslash + 1):
        end = backslash  # an escape starts here
    if _HIGH_SURROGATE.search(data, max(0, end - 6), end) and _odd_run(data, end - 5):
        end -= 6
    return end


def _odd_run(data: bytes, end: int) -> bool:
    """Whether the run of backslashes that ends at `end` is odd (its last one escapes)."""
    before = data[max(0, end - 64) : end]
    run = len(before) - len(before.rstrip(b"\\"))
    if run == len(before) and end > len(before):  # a run longer than 64: count all of it
        run = end - len(data[:end].rstrip(b"\\"))
    return run % 2 == 1
