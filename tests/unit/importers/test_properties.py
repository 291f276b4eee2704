"""Properties: importers never fail on arbitrary input except with FormatProblem, and WhatsApp
messages written in any syntax variant read back equal."""

from __future__ import annotations

import tempfile
from datetime import datetime
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tending.domain.chat import ChatMessage, MessageKind
from tending.domain.errors import FormatProblem
from tending.importers import ParseProblem, open_chat
from tests.unit.importers.whatsapp_render import VARIANTS, render

_SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
_LETTERS = st.characters(categories=["L", "Zs"], exclude_characters="\u202f\u00a0\u2028\u2029\x85")
_words = st.text(alphabet=_LETTERS, min_size=1, max_size=20).filter(lambda s: s.strip() == s)
_names = st.lists(_words, min_size=1, max_size=3).map(" ".join)
_first_line = st.text(
    alphabet=st.one_of(_LETTERS, st.sampled_from("?!.,:;'-()😀")), max_size=60
).filter(lambda s: not s.startswith(" "))
_later_line = st.one_of(st.just(""), _words.map(lambda w: "and " + w))


@st.composite
def _messages(draw: st.DrawFn, seconds: bool) -> ChatMessage:
    time = draw(st.datetimes(min_value=datetime(2001, 1, 1), max_value=datetime(2098, 12, 31)))
    time = time.replace(microsecond=0, second=time.second if seconds else 0)
    lines = [draw(_first_line), *draw(st.lists(_later_line, max_size=3))]
    while len(lines) > 1 and lines[-1] == "":
        lines.pop()
    return ChatMessage(time, draw(_names), "\n".join(lines))


_SYSTEM_TEXTS = st.sampled_from(
    [
        "Messages and calls are end-to-end encrypted. Tap to learn more.",
        'Ada created group "Sunday walks"',
        "Ada added Ben",
        "Ben left",
        "Your security code with Ben changed. Tap to learn more.",
    ]
)


@st.composite
def _entries(draw: st.DrawFn, seconds: bool) -> ChatMessage:
    message = draw(_messages(seconds))
    if draw(st.integers(0, 9)) == 0:
        return ChatMessage(message.time, None, draw(_SYSTEM_TEXTS), MessageKind.SYSTEM)
    return message


def _parse_text(text: str, variant: str) -> list[ChatMessage]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "chat.txt"
        path.write_text(text, encoding="utf-8")
        return list(open_chat(path, format="whatsapp", date_order=VARIANTS[variant][1]))


@_SETTINGS
@given(data=st.data(), variant=st.sampled_from(sorted(VARIANTS)))
def test_round_trip_in_every_variant(data: st.DataObject, variant: str) -> None:
    messages = data.draw(st.lists(_entries(VARIANTS[variant][2]), min_size=1, max_size=8))
    parsed = _parse_text("".join(render(m, variant) for m in messages), variant)
    assert [(m.time, m.sender, m.text, m.kind) for m in parsed] == [
        (m.time, m.sender.strip() if m.sender else None, m.text, m.kind) for m in messages
    ]


def _read_bytes(data: bytes, format: str | None) -> list[ParseProblem]:
    problems: list[ParseProblem] = []
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "export"
        path.write_bytes(data)
        try:
            for _ in open_chat(path, format=format, on_problem=problems.append):
                pass
        except FormatProblem as error:
            text = data.decode("utf-8", "replace").lstrip("\ufeff")
            empty = "is empty" in str(error) and not text.strip()
            assert empty or format not in ("whatsapp", "jsonl"), "these read any bytes as lines"
    return problems


_chat_like = st.lists(
    st.one_of(
        st.binary(max_size=40),
        st.sampled_from(
            [
                b"13/06/18, 14:05 - Ada: hi",
                b"[6/13/18, 2:05\xe2\x80\xafPM] B: x",
                b'{"messages": [',
                b"timestamp,sender,text",
                b'{"timestamp": 1}',
                b"31/02/18, 25:61 - A: y",
                b"\xff\xfe",
                b"\n",
            ]
        ),
    ),
    max_size=12,
).map(b"\n".join)


@_SETTINGS
@given(data=_chat_like, format=st.sampled_from([None, "whatsapp", "telegram", "csv", "jsonl"]))
def test_any_bytes_give_messages_or_a_format_problem(data: bytes, format: str | None) -> None:
    problems = _read_bytes(data, format)
    assert all(isinstance(p, ParseProblem) and str(p) for p in problems)


@_SETTINGS
@given(text=st.text(max_size=300))
def test_any_text_reads_as_whatsapp_without_raising(text: str) -> None:
    _read_bytes(text.encode("utf-8", "surrogatepass"), "whatsapp")
