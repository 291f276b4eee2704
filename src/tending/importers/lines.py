"""Reading an export line by line in constant memory, whatever is inside.

Lines are read as bytes with a cap, so a single 200 MB line costs at most the cap; bytes that are
not UTF-8 become U+FFFD and the line is reported once.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from tending.importers.problems import ProblemSink

MAX_LINE_BYTES = 1 << 20  # 1 MiB: longer than any real message line, small enough to hold
_SKIP_CHUNK = 1 << 16


def _skip_rest_of_line(stream: BinaryIO) -> int:
    """Read and drop bytes up to and including the next newline; returns how many were dropped."""
    dropped = 0
    while True:
        chunk = stream.readline(_SKIP_CHUNK)
        dropped += len(chunk)
        if not chunk or chunk.endswith(b"\n"):
            return dropped


def _cut_at_character(raw: bytes) -> bytes:
    """Drop a UTF-8 sequence split by the cap, so the kept part decodes cleanly."""
    end = len(raw)
    while end > 0 and raw[end - 1] & 0xC0 == 0x80 and len(raw) - end < 3:
        end -= 1
    if end > 0 and raw[end - 1] >= 0xC0:
        end -= 1
    elif end < len(raw):
        end = len(raw)  # stray continuation bytes, not a cut sequence: let decoding report them
    return raw[:end]


def _decode(raw: bytes, number: int, sink: ProblemSink) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        sink.report(
            f"bytes that are not UTF-8 (first at column {error.start + 1}); replaced with U+FFFD",
            number,
        )
        return raw.decode("utf-8", "replace")


def decoded_lines(
    stream: BinaryIO,
    sink: ProblemSink,
    keep_ends: bool = False,
    max_line: int = MAX_LINE_BYTES,
) -> Iterator[tuple[int, str]]:
    """Yield (line number, text) for each line; the end of line is dropped unless `keep_ends`."""
    number = 0
    readline = stream.readline
    while True:
        raw = readline(max_line)
        if not raw:
            return
        number += 1
        if len(raw) >= max_line and not raw.endswith(b"\n"):
            dropped = _skip_rest_of_line(stream)
            if dropped:
                sink.report(
                    f"line is {len(raw) + dropped:,} bytes long; kept the first {max_line:,}",
                    number,
                )
                raw = _cut_at_character(raw) + (b"\n" if keep_ends else b"")
        if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        try:  # the common case inline: this runs once per line
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = _decode(raw, number, sink)
        yield number, (text if keep_ends else text.rstrip("\r\n"))
