"""The block line reader against the line-at-a-time one, and the markers' cheap pre-check.

`line_blocks` (the WhatsApp importer's reader) must give the texts, line numbers and problems of
`decoded_lines`, in the same order, whatever the bytes, the line cap and the block size;
`Markers.may_mark` may only say False of a text that is no media or deleted marker.
"""

from __future__ import annotations

import io
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tending.importers.lines import decoded_lines, line_blocks
from tending.importers.markers import load_markers, normalise
from tending.importers.problems import ParseProblem, ProblemSink

_SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
_PIECES = st.sampled_from(
    [b"a", b"bc", b"xyzxyzxyz", b"\n", b"\n\n", b"\r", b"\r\n", b"\xef\xbb\xbf", b"\xc3\xa9",
     b"\xe2\x82\xac", b"\xe2\x82", b"\xff", b"\x80"]
)  # fmt: skip
Event = tuple[str, int | None, str]


def _events_by_line(data: bytes, max_line: int) -> list[Event]:
    events: list[Event] = []
    sink = ProblemSink(Path("chat.txt"), on_problem=lambda p: events.append(_problem(p)))
    for number, text in decoded_lines(io.BytesIO(data), sink, max_line=max_line):
        events.append(("line", number, text))
    return events


def _events_by_block(data: bytes, max_line: int, block: int) -> list[Event]:
    events: list[Event] = []
    sink = ProblemSink(Path("chat.txt"), on_problem=lambda p: events.append(_problem(p)))
    for first, texts in line_blocks(io.BytesIO(data), sink, max_line=max_line, block=block):
        events.extend(("line", first + index, text) for index, text in enumerate(texts))
    return events


def _problem(problem: ParseProblem) -> Event:
    return ("problem", problem.line, problem.message)


@_SETTINGS
@given(
    pieces=st.lists(_PIECES, max_size=40),
    max_line=st.integers(1, 12),
    block=st.integers(1, 20),
)
def test_blocks_give_the_lines_and_problems_of_one_line_at_a_time(
    pieces: list[bytes], max_line: int, block: int
) -> None:
    data = b"".join(pieces)
    assert _events_by_block(data, max_line, block) == _events_by_line(data, max_line)


def test_a_long_line_across_blocks_is_cut_and_reported_once() -> None:
    data = b"first\n" + b"x" * 50 + b"\nlast"
    events = _events_by_block(data, max_line=10, block=4)
    assert events == _events_by_line(data, max_line=10)
    assert ("problem", 2, "line is 51 bytes long; kept the first 10") in events
    assert events[-1] == ("line", 3, "last")


@_SETTINGS
@given(text=st.text(max_size=40))
def test_may_mark_says_false_only_of_texts_that_are_no_marker(text: str) -> None:
    markers = load_markers()
    key = normalise(text)
    if key in markers.deleted or markers.is_media(key):
        assert markers.may_mark(text)


def test_every_marker_may_mark() -> None:
    markers = load_markers()
    texts = [
        *markers.media,
        *markers.deleted,
        "<Media omitted>",
        "image omitted.",
        "\u200eThis message was deleted ",
        "IMG-1.jpg (file attached)",
        "<attached: 00000012-PHOTO.jpg>",
    ]
    for text in texts:
        assert markers.may_mark(text), text
        assert markers.may_mark(text.upper()), text
