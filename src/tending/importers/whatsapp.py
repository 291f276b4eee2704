"""WhatsApp `.txt` exports (and the `.zip` holding one), read as a stream of messages.

Two passes over the bytes keep memory constant: the first reads headers only, until one proves the
date order (a day above 12, or a year first) and stops there; the second yields messages. A message
is held only until the next header arrives, and its text is capped (`MAX_MESSAGE_CHARS`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from tending.domain.chat import ChatMessage, MessageKind
from tending.importers.lines import decoded_lines, line_blocks
from tending.importers.markers import Markers, load_markers, normalise
from tending.importers.problems import ProblemSink, SilentSink
from tending.importers.registry import ImportOptions, register
from tending.importers.sources import Opener, binary_opener
from tending.importers.whatsapp_order import OrderScan
from tending.importers.whatsapp_syntax import (
    HEADER,
    DateOrder,
    HeaderClock,
    order_evidence,
)

MAX_MESSAGE_CHARS = 1 << 20
_AUTHOR_MAX = 80
# "Name:text" with no space after the colon (seen in real exports); not after a digit, which
# would be a clock time inside a system line
_TIGHT_AUTHOR = re.compile(r'([^:"\n]{0,79}[^:"\d\n]):(\S.*)', re.DOTALL)


def find_date_order(opener: Opener, path: Path) -> DateOrder | None:
    """The date order the file proves, reading headers until one settles it (None: none does)."""
    return _scan_date_order(opener, path).proved


def _scan_date_order(opener: Opener, path: Path) -> OrderScan:
    """Read headers until one proves the order; otherwise count, to the end, how often the dates
    would run backwards if read day-first and if read month-first."""
    scan = OrderScan()
    with opener() as stream:
        for _, text in decoded_lines(stream, SilentSink(path)):
            match = HEADER.match(text)
            if match is not None:
                scan.proved = order_evidence(match)
                if scan.proved is not None:
                    return scan
                scan.add(match)
    return scan


def split_sender(rest: str, markers: Markers) -> tuple[str | None, str]:
    """(sender, text) of what follows the header; sender None for a system line."""
    colon = rest.find(": ")
    if colon < 0 and rest.endswith(":"):
        colon = len(rest) - 1
    if 0 < colon <= _AUTHOR_MAX and rest.find('"', 0, colon) < 0:
        sender, text = rest[:colon].strip("\u200e\u200f "), rest[colon + 2 :]
        if text.startswith("\u200e"):
            if markers.system_pattern.search(text) or markers.is_call(text):
                # iOS names the chat as author of its notices, and the caller of a call notice:
                # both are system lines, as Android and Telegram write them
                return None, text.lstrip("\u200e")
            return sender, text.lstrip("\u200e")
        return sender, text
    if colon < 0:
        tight = _TIGHT_AUTHOR.fullmatch(rest)
        if tight is not None and markers.system_pattern.search(rest) is None:
            return tight[1].strip("\u200e\u200f "), tight[2]
    return None, rest.lstrip("\u200e")


def build_message(
    time: datetime, rest: str, more: list[str] | None, line: int, markers: Markers
) -> ChatMessage:
    """One message from its header, the rest of the header line and any continuation lines."""
    sender, text = split_sender(rest, markers)
    if more:
        text = "\n".join([text, *more]).rstrip("\n")
    if sender is None:
        return _new_tuple(ChatMessage, (time, None, text, _SYSTEM, False, None, line))
    text, edited = markers.strip_edited(text) if text.endswith(">") else (text, False)
    kind = _TEXT
    if len(text) < 300 and markers.may_mark(text):
        key = normalise(text)
        if key in markers.deleted:
            kind = _DELETED
        elif markers.is_media(key):
            kind = _MEDIA
    return _new_tuple(ChatMessage, (time, sender, text, kind, edited, None, line))


# build_message makes a ChatMessage from its seven fields in order with tuple.__new__, without
# the NamedTuple's Python-level __new__ (a third of the time); the assertion keeps the order.
_new_tuple = tuple.__new__
assert ChatMessage._fields == ("time", "sender", "text", "kind", "edited", "reply_to", "line")
_TEXT, _MEDIA, _DELETED, _SYSTEM = (
    MessageKind.TEXT,
    MessageKind.MEDIA,
    MessageKind.DELETED,
    MessageKind.SYSTEM,
)


def _resolve_order(opener: Opener, options: ImportOptions, sink: ProblemSink) -> DateOrder:
    if options.date_order is not None:
        return DateOrder(options.date_order)
    scan = _scan_date_order(opener, sink.path)
    if scan.proved is not None:
        return scan.proved
    order, why = scan.likely()
    sink.report(
        f"date order cannot be told from the file (no day above 12); assumed {order} ({why}); "
        "use --date-order dmy|mdy|ymd"
    )
    return order


def read_whatsapp(path: Path, options: ImportOptions, sink: ProblemSink) -> Iterator[ChatMessage]:
    """Messages of a WhatsApp export (.txt, or a .zip holding one), in file order.

    The message being read is held in local variables (its header's time, the rest of the
    header line, its line number, its continuation lines and their size), not in an object:
    this loop runs once per line of exports with millions of them.
    """
    opener = binary_opener(path)
    clock = HeaderClock(_resolve_order(opener, options, sink))
    markers = load_markers()
    skipping = False  # inside a message whose header was broken: its lines go with it
    match_header, clock_time = HEADER.match, clock.time  # bound once: this loop is the hot path
    # the message being read (none while `start`, its line number, is 0)
    time, rest, start, size, truncated = datetime.min, "", 0, 0, False
    more: list[str] | None = None
    with opener() as stream:
        for first, texts in line_blocks(stream, sink):
            number = first - 1
            for text in texts:
                number += 1
                match = match_header(text)
                if match is None:
                    if start:
                        if truncated:
                            continue
                        size += len(text) + 1
                        if size > MAX_MESSAGE_CHARS:
                            truncated = True
                            sink.report(
                                f"message longer than {MAX_MESSAGE_CHARS:,} characters; "
                                "kept the start",
                                start,
                            )
                        elif more is None:
                            more = [text]
                        else:
                            more.append(text)
                    elif not skipping and text.strip():
                        skipping = True
                        sink.report("text before the first message header; skipped", number)
                    continue
                try:
                    moment = clock_time(match)
                except ValueError as error:
                    sink.report(
                        f"not a real date or time in '{match[0].strip()}' ({error}); "
                        "message skipped",
                        number,
                    )
                    if start:
                        yield build_message(time, rest, more, start, markers)
                    start, skipping = 0, True
                    continue
                if start:
                    # the header line is at most MAX_LINE_BYTES long, so only continuation
                    # lines are capped
                    yield build_message(time, rest, more, start, markers)
                rest = text[match.end() :]
                time, start, more, size, truncated = moment, number, None, len(rest), False
    if start:
        yield build_message(time, rest, more, start, markers)


register("whatsapp", read_whatsapp)
