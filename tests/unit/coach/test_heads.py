"""The gates of `heads.py` never turn a match away.

Wherever an expression with a gate matches a text, the text passes the gate (its first word
is one the gate allows; or one of the gate's words follows one of its marks): on made-up
expressions and texts (hypothesis), and on every planned alternative of the engine with the
varied messages of `test_fast_paths` and texts spelled from the gate's own words.
"""

from __future__ import annotations

import random
import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tending.coach.heads import (
    ALL,
    ANY,
    BARS,
    HOLDS,
    NEEDS,
    OPEN,
    Head,
    first_word,
    follow_words,
    follows,
    head_words,
    passes,
)
from tending.coach.rules import load_engine
from tests.unit.coach.test_fast_paths import TEXTS


@pytest.mark.parametrize(
    ("source", "words"),
    [
        (r"^(?:(?:hey|so)[ ,]+)*i feel\b", {"hey", "so", "i"}),
        (r"^hey\b", {"hey"}),
        (r"^\bhey\b", {"hey"}),
        (r"\b^hey\b", {"hey"}),  # the edge before the start: a check the gate does without
        (r"\b\b^(?:hey|so)\b", {"hey", "so"}),
        (r"\bhey^\b", None),
        (r"^$", {""}),
        (r"^[.!?]\s*(?:ok)\b", {""}),
        (r"^(?:a|b)(?:c|d)\W", {"ac", "ad", "bc", "bd"}),
        (r"^(?:no|^ok)\b", {"no", "ok"}),
        (r"^(?:sad|mad)(?= because|,)", {"sad", "mad"}),
        (r"^(?:sad|mad)(?=,)(?:,|s)", {"sad", "mad"}),
        (r"^sad(?=s|,)", None),  # the lookahead lets the word go on: not used
        (r"^hey", None),  # may end inside its first word: "heyyy"
        (r"^aw+ love", None),
        (r"^\w+ love", None),
        (r"(?m)^hey\b", None),
        (r"(?i)^hey\b", None),
        (r"\bhey\b", None),
        (r"(?:^|\. )hey\b", None),
    ],
)
def test_head_words(source: str, words: set[str] | None) -> None:
    assert head_words(source) == (None if words is None else frozenset(words))


@pytest.mark.parametrize(
    ("source", "found"),
    [
        (r"[.!?;,]\s*(?:do you |you )?want to\b", (".!?;,", {"do", "you", "want"})),
        (r"[.!] fair play\b", (".!", {"fair"})),
        (r"(?<=[.!?;,])\s*(?:do you |you )?want to\b", (".!?;,", {"do", "you", "want"})),
        (r"(?<=[.!])\s*(?:look|check) (?:this|it)\b", (".!", {"look", "check"})),
        (r"(?<=[.!?])\s*psst", None),  # may end inside its word
        (r"(?<=[.a])\s*psst\b", None),
        (r"(?<=[.!]x)\s*psst\b", None),
        (r"[.!?]\s*psst", None),  # may end inside its word
        (r"[.!?]\s*(?:psst\b|\.)", None),  # the word may not come right after
        (r"[.a]\s*psst\b", None),
        (r"[.!?]\s*\w+ now\b", None),
        (r"(?i)[.!?]\s*psst\b", None),
    ],
)
def test_follow_words(source: str, found: tuple[str, set[str]] | None) -> None:
    assert follow_words(source) == (None if found is None else (found[0], frozenset(found[1])))


def test_follows() -> None:
    assert follows("ok. \n want it", ".", frozenset({"want"}))
    assert follows("ok.,want it", ",", frozenset({"want"}))
    assert not follows("ok. wanted it", ".", frozenset({"want"}))
    assert not follows("ok want. it", ".", frozenset({"want"}))
    assert not follows("ok.", ".", frozenset({"want"}))


def test_first_word() -> None:
    assert first_word("hey_you, there") == "hey_you"
    assert first_word(" hey") == ""
    assert first_word("hé") == "h"
    assert first_word("") == ""


ITEMS = st.sampled_from([
    "a", "b", "ab", " ", ",", "_", r"\b", "$", "^", r"\s", r"\W", r"\w", "[ab]", "[a ]", "[.,]",
    "(?=a)", "(?!b)", r"(?<=a)", ".", "[^a]", r"\d", "(?= |,)", "(?=a |b)", "(?=$)",
])  # fmt: skip


@st.composite
def expressions(draw: st.DrawFn, depth: int = 2) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 4))):
        if depth and draw(st.booleans()):
            inner = "|".join(draw(st.lists(expressions(depth - 1), min_size=1, max_size=3)))
            suffix = draw(st.sampled_from(["", "?", "*", "+", "{1,3}", "{2}", "*?", "{0,2}"]))
            parts.append(f"(?:{inner}){suffix}")
        else:
            parts.append(draw(ITEMS))
    return "".join(parts)


@settings(max_examples=1500, deadline=None)
@given(expressions(), st.lists(st.text("ab _,.\n1", max_size=8), min_size=1, max_size=6))
def test_a_gated_expression_matches_only_texts_that_start_as_it_allows(
    body: str, texts: list[str]
) -> None:
    source = ("^", r"\b^")[len(texts) % 2] + body
    head = head_words(source)
    if head is None:
        return
    regex = re.compile(source)
    for text in texts:
        if regex.search(text) is not None:
            assert first_word(text) in head, (source, text)


@settings(max_examples=1500, deadline=None)
@given(
    st.sampled_from(["[.,]", "[,]", "[.!?]", "(?<=[.,])", "(?<=[!?])"]),
    st.sampled_from([r"\s*", " "]),
    expressions(),
    st.lists(st.text("ab _,.\n\t1", max_size=10), min_size=1, max_size=6),
)
def test_a_gated_expression_matches_only_texts_with_its_words_after_its_marks(
    marks: str, spaces: str, body: str, texts: list[str]
) -> None:
    source = marks + spaces + body
    found = follow_words(source)
    if found is None:
        return
    regex = re.compile(source)
    for text in texts:
        if regex.search(text) is not None:
            assert follows(text, *found), (source, text)


def _spelled_from(head: Head) -> tuple[set[str], set[str]]:
    """The words (and prefixes) and the marks a text that passes `head` may be spelled from."""
    if isinstance(head, frozenset):
        return set(head), set()
    assert head is not None
    kind = head[0]
    if isinstance(kind, str):
        return set(head[1]), set(kind)
    if kind == NEEDS:
        return set(), set("".join(head[1]))
    if kind == HOLDS:
        return {head[1]}, set()  # (a text that starts with the run holds it)
    if kind == BARS:
        return set(), set()
    if kind == OPEN:
        return set(head[1]) | set(head[3]), set()
    words: set[str] = set()
    marks: set[str] = set()
    for one in head[1:]:
        found, more = _spelled_from(one)
        words |= found
        marks |= more
    return words, marks


def test_every_planned_alternative_with_a_gate_lets_its_matches_by() -> None:
    engine = load_engine()
    engine.plan_all()
    normalized = [engine.normalizer.normalize(text).text for text, _ in TEXTS]
    rng = random.Random(7)
    gated = matched = 0
    kinds: set[Any] = set()
    records = {
        id(record): record
        for entry in engine._records.values()
        for record in [*entry[0], *[r for rs in (entry[1] or {}).values() for r in rs]]
    }
    for record in records.values():  # (the gates as shipped: `test_plan_file` checks them)
        alternative, head = record[5], record[8]
        if head is None:
            continue
        gated += 1
        kinds |= _kinds(head)
        example = engine.normalizer.normalize(engine.patterns[alternative.pattern].example)
        found, more = _spelled_from(head)
        words, marks = sorted(found) or [""], "".join(sorted(more))
        spelled = [example.text]
        for _ in range(40):  # texts that pass the gate, and texts that nearly do
            start = rng.choice(words)
            if marks:
                space = rng.choice(["", " ", "  "])
                start = f"{rng.choice(normalized)}{rng.choice(marks)}{space}{start}"
            rest = rng.choice(normalized).split(" ", rng.randrange(4))[-1]
            spelled.append(f"{start}{rng.choice(['', ' ', ', ', 's ', '. '])}{rest}")
            spelled.append(f"{start} {example.text}")
            if marks:
                spelled.append(f"{start} {rest}{rng.choice(marks)}")
        for text in normalized + spelled:
            if engine._search(alternative, text) is not None:
                matched += 1
                assert passes(head, text, first_word(text)), (alternative.source, text)
    assert gated > 200 and matched > 10_000  # (the check is not empty)
    assert {frozenset, str, NEEDS, BARS, ALL, ANY, OPEN, HOLDS} <= kinds  # (each kind is checked)


def _kinds(head: Head) -> set[Any]:
    """The kinds of gate `head` is made of (`str`: `follows`'s)."""
    if not isinstance(head, tuple):
        return {type(head)}
    if isinstance(head[0], str):
        return {str}
    inner = [_kinds(one) for one in head[1:]] if head[0] in (ALL, ANY) else []
    return {head[0]}.union(*inner)
