"""`read` gives exactly the flags, tone and depth of `analyze`, field by field.

`read` skips what only evidence and suggestions need, so it is held to `analyze` on every line
of every labelled file in `tests/data/coach/` (the held-out lines are only run through both,
never shown: a failure there names the file and line number, not the text), on the benchmark-
like texts of `test_fast_paths`, and on hypothesis-generated strings.
"""

from __future__ import annotations

import json
from dataclasses import FrozenInstanceError
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tending.coach import DEPTHS, FLAGS, TONES, Reading, analyze, read
from tending.coach.analyzer import Coach
from tending.coach.rules import load_engine
from tests.unit.coach.test_fast_paths import TEXTS
from tests.unit.coach.test_properties import MESSAGES

DATA = Path(__file__).parents[2] / "data" / "coach"
FIELDS = ("flags", "tone", "depth")


def labelled_lines() -> list[tuple[str, int, str, str | None]]:
    """(file, line number, text, context) of every labelled line in the coach's data folder."""
    rows = []
    for path in sorted(DATA.glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip() and not line.startswith("#"):
                row = json.loads(line)
                rows.append((path.name, number, row["text"], row.get("context")))
    return rows


def same(text: str, context: str | None, where: str) -> None:
    got = read(text, context)
    want = analyze(text, context)
    assert isinstance(got, Reading)
    for field in FIELDS:
        assert getattr(got, field) == getattr(want, field), (field, where)


def test_read_equals_analyze_on_every_labelled_line() -> None:
    rows = labelled_lines()
    assert {name for name, *_ in rows} >= {"dev.jsonl", "dev2.jsonl", "heldout.jsonl"}
    for name, number, text, context in rows:
        # held-out texts are never shown, only run: the failure names the line
        same(text, context, f"{name}:{number}")
        same(text, None, f"{name}:{number} without context")


def test_read_equals_analyze_on_varied_texts() -> None:
    for number, (text, context) in enumerate(TEXTS):
        same(text, context, f"varied text {number}: {text!r}")


def test_reference_coach_reads_as_it_analyzes() -> None:
    plain = Coach(load_engine(), reference=True)
    for text, context in TEXTS[:300]:
        got, want = plain.read(text, context), plain.analyze(text, context)
        assert (got.flags, got.tone, got.depth) == (want.flags, want.tone, want.depth), text
        assert read(text, context) == got, text


@settings(max_examples=150, deadline=None)
@given(MESSAGES, st.one_of(st.none(), st.text(max_size=80)))
def test_read_equals_analyze_on_any_text(text: str, context: str | None) -> None:
    got = read(text, context)
    assert set(got.flags) <= set(FLAGS) and list(got.flags) == sorted(set(got.flags))
    assert got.tone in TONES and got.depth in DEPTHS
    same(text, context, repr(text))


def test_reading_is_a_frozen_value() -> None:
    text = "You never listen to me"
    reading = read(text)
    assert reading == read(text) and hash(reading) == hash(read(text))
    assert reading == Reading(("absolute", "blame"), "corrective", "others")
    with pytest.raises(FrozenInstanceError):
        reading.tone = "positive"  # type: ignore[misc]
    assert read("Wie geht es dir heute, mein Schatz?") == Reading((), "neutral", "none")


OTHER_CONTEXTS = (None, "", "i'm so sad and tired tonight", "can we talk?",
                  "what should I do about my boss?", "you never help", "I got it!")  # fmt: skip


def test_a_reading_said_to_hold_for_any_context_does() -> None:
    """`context_matters` False promises the same reading whatever the message answered (the
    chat report then remembers it by the text alone): the rules' reply patterns, the flags a
    context takes away and the second opinion's marks of the message answered all count."""
    rows = [row for row in labelled_lines() if row[0] != "heldout.jsonl"]
    held = 0
    for name, number, text, context in rows:
        first = read(text, context)
        if first.context_matters:
            continue
        held += 1
        for other in OTHER_CONTEXTS:
            got = read(text, other)
            assert (got.flags, got.tone, got.depth) == (first.flags, first.tone, first.depth), (
                f"{name}:{number}", other
            )  # fmt: skip
    assert held > len(rows) // 2
