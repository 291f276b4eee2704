"""Reading an export line by line in constant memory, whatever is inside.

Lines are read as bytes with a cap, so a single 200 MB line costs at most the cap; bytes that are
not UTF-8 become U+FFFD and the line is reported once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
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


# what to do with a line that reaches the cap: given its start, the stream (at the rest of the
# line) and its number, read the rest and return the line to use instead (with its end of line)
LongLine = Callable[[bytes, BinaryIO, int], bytes]


def decoded_lines(
    stream: BinaryIO,
    sink: ProblemSink,
    keep_ends: bool = False,
    max_line: int = MAX_LINE_BYTES,
    long_line: LongLine | None = None,
) -> Iterator[tuple[int, str]]:
    """Yield (line number, text) for each line; the end of line is dropped unless `keep_ends`.

    A line of `max_line` bytes or more is cut to its first `max_line` and reported, unless
    `long_line` says what to make of it (the JSON Lines reader cuts only the long texts in it).
    """
    number = 0
    readline = stream.readline
    while True:
        raw = readline(max_line)
        if not raw:
            return
        number += 1
        if len(raw) >= max_line and not raw.endswith(b"\n") and long_line is not None:
            raw = long_line(raw, stream, number)
        elif len(raw) >= max_line and not raw.endswith(b"\n"):
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


BLOCK_BYTES = 1 << 14  # 16 KiB read at once by `line_blocks`
_BOM = b"\xef\xbb\xbf"


def line_blocks(
    stream: BinaryIO,
    sink: ProblemSink,
    max_line: int = MAX_LINE_BYTES,
    block: int = BLOCK_BYTES,
) -> Iterator[tuple[int, list[str]]]:
    """The lines of `decoded_lines` (ends dropped), the same texts and the same problems, read
    in blocks: yields (number of the block's first line, its texts).

    A block is read and decoded at once and split in C, which is what makes it faster than a
    line at a time; a block where something is reported (a line over `max_line`, bytes that
    are not UTF-8) is handed on one line at a time, each problem reported just before its line,
    so a caller sees problems in the same order relative to the lines as with `decoded_lines`.
    About 2 x `block` + `max_line` bytes are held at most.
    """
    number = 0  # lines handed on so far
    rest = b""  # what follows the last end of line read (the start of a line, or nothing)
    read = stream.read
    while True:
        chunk = read(block)
        if not chunk and not rest:
            return
        data = rest + chunk if rest else chunk
        if chunk:
            end = data.rfind(b"\n") + 1
            body, rest = data[:end], data[end:]
        else:  # the end of the file: the last line may have no end of line
            body, rest = data, b""
        if body:
            raws = body.split(b"\n")
            ended = not raws[-1]
            if ended:
                raws.pop()  # the empty piece after the last end of line
            if max(map(len, raws)) < max_line:
                if number == 0 and body.startswith(_BOM):
                    body = body[3:]
                try:
                    text = body.decode("utf-8")
                except UnicodeDecodeError:
                    pass  # reported line by line below
                else:
                    texts = text.split("\n")
                    if ended:
                        texts.pop()
                    if "\r" in text:
                        texts = [line.rstrip("\r") for line in texts]
                    del data, chunk, body, raws, text  # hold only the texts while they are read
                    yield number + 1, texts
                    number += len(texts)
                    continue
            last = len(raws) - 1
            for index, raw in enumerate(raws):
                number += 1
                # as read with readline(max_line): a line that reaches the cap loses the rest,
                # unless it is the file's last, without an end of line, and exactly the cap
                size = len(raw) + (1 if ended or index < last else 0)
                if size > max_line:
                    sink.report(
                        f"line is {size:,} bytes long; kept the first {max_line:,}", number
                    )
                    raw = _cut_at_character(raw[:max_line])
                yield number, [_line_text(raw, number, sink)]
        if len(rest) >= max_line:  # a line longer than the cap: keep its start, skip the rest
            number += 1
            kept, size = rest[:max_line], len(rest)
            rest = b""
            while True:
                chunk = read(block)
                if not chunk:
                    break
                cut = chunk.find(b"\n")
                if cut >= 0:
                    size += cut + 1
                    rest = chunk[cut + 1 :]
                    break
                size += len(chunk)
            if size > max_line:  # (the file's last line, of exactly max_line bytes, is whole)
                sink.report(f"line is {size:,} bytes long; kept the first {max_line:,}", number)
                kept = _cut_at_character(kept)
            yield number, [_line_text(kept, number, sink)]


def _line_text(raw: bytes, number: int, sink: ProblemSink) -> str:
    """One line's text as `decoded_lines` gives it: no BOM on line 1, decoded, no line end."""
    if number == 1 and raw.startswith(_BOM):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = _decode(raw, number, sink)
    return text.rstrip("\r\n")
