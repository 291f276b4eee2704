"""`replies.ReplyGates` answers as the whole search of the patterns that read replies.

`RuleEngine.replies_match` (gated) must say a pattern that reads replies matches exactly when
`RuleEngine.replies_match_whole` (each triggered pattern searched whole) does: on varied
messages, on texts spelled from those patterns' own words (hypothesis and a fixed sample), and
on texts made to match each of their alternatives, so a gate that ever turned away a match
fails here. `open_heads.open_head`, the first-word gate it files anchored alternatives by, is
checked on made-up expressions as `test_heads.py` checks `heads.head_words`.
"""

from __future__ import annotations

import random
import re
from functools import cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tending.coach import replies
from tending.coach.heads import first_word
from tending.coach.normalize import WORDS
from tending.coach.open_heads import open_head, passes
from tending.coach.replies import ReplyGates
from tending.coach.rules import RuleEngine, load_engine
from tending.coach.stems import stems
from tests.unit.coach.test_fast_paths import TEXTS
from tests.unit.coach.test_heads import expressions


@cache
def built() -> tuple[RuleEngine, ReplyGates]:
    engine = load_engine()
    gates = ReplyGates(engine)
    gates.build()
    return engine, gates


def reply_numbers() -> list[int]:
    engine = load_engine()
    return [n for n, pattern in enumerate(engine.patterns) if pattern.context is not None]


def as_normalized(text: str) -> tuple[str, frozenset[str]]:
    """A text taken as normalized: its words are its runs of `[a-z_]`, with their stems."""
    return text, stems(frozenset(WORDS.findall(text)))


def check(text: str, words: frozenset[str]) -> bool:
    """The gates (C where built) and their Python twin answer as the whole search."""
    engine, gates = built()
    whole = engine.replies_match_whole(text, words)
    assert gates.match(text, words) is whole, text
    assert gates.fast(text, words) is whole, text
    assert replies.held_match(gates._held, text, words) is whole, text
    return whole


def test_the_gates_run_in_c_where_built() -> None:
    if replies.FAST_MATCH is replies.held_match:  # pragma: no cover - no C build
        pytest.skip("the extension is not built")
    from tending.coach._engine import replies_match

    assert replies.FAST_MATCH is replies_match
    engine, gates = built()
    assert engine.replies_match.func is replies_match  # type: ignore[attr-defined]
    so = frozenset({"so"})
    with pytest.raises(TypeError):
        replies_match([None], "so", so)
    with pytest.raises(TypeError):
        replies_match([({}, 0, {}), None], "so", so)
    with pytest.raises(TypeError):  # (an index without its bloom)
        replies_match([({}, 0, {}, gates._others[:2]), None], "so", so)
    with pytest.raises(ValueError):
        replies_match([({}, -1, {}, gates._others), None], "so", so)
    bad_gate = replies._filed([(so, (["so"], None, None, None))])  # type: ignore[list-item]
    with pytest.raises(TypeError):
        replies_match([({}, 0, {}, bad_gate), None], "so", so)
    assert replies_match([None, lambda text, words: text], "so", so) == "so"  # (unbuilt)


def test_gates_answer_as_the_whole_search_on_varied_messages() -> None:
    engine, _ = built()
    texts = [text for pair in TEXTS for text in pair if text]
    for number in reply_numbers():
        pattern = engine.patterns[number]
        texts += [pattern.example, pattern.context_example or ""]
    found = 0
    for text in texts:
        normalized = engine.normalizer.normalize(text)
        found += check(normalized.text, stems(normalized.words))
    assert found >= 20  # (the examples at least: the comparison saw matches)


def test_every_reply_pattern_is_found_in_its_example() -> None:
    engine, gates = built()
    for number in reply_numbers():
        normalized = engine.normalizer.normalize(engine.patterns[number].example)
        assert gates.match(normalized.text, stems(normalized.words)), number


def _spelled(rng: random.Random, words: list[str]) -> str:
    marks = [" ", " ", " ", ", ", ". ", "! ", "? ", " and "]
    count = rng.randint(1, 9)
    text = "".join(rng.choice(words) + rng.choice(marks) for _ in range(count))
    return text.rstrip() if rng.random() < 0.7 else text


@cache
def pattern_words() -> dict[int, list[str]]:
    engine = load_engine()
    common = ["i", "you", "it", "so", "no", "yes", "not", "the", "a", "me", "is", "again"]
    return {
        number: sorted(set(re.findall(r"[a-z_]+", engine.patterns[number].source))) + common
        for number in reply_numbers()
    }


def test_gates_answer_as_the_whole_search_on_texts_of_the_patterns_words() -> None:
    rng = random.Random(5)
    found = 0
    for _ in range(6000):
        words = pattern_words()[rng.choice(reply_numbers())]
        found += check(*as_normalized(_spelled(rng, words)))
    assert found >= 300  # (many of them match: the comparison has teeth)


@settings(max_examples=400, deadline=None)
@given(st.data())
def test_gates_answer_as_the_whole_search_on_made_up_texts(data: st.DataObject) -> None:
    words = pattern_words()[data.draw(st.sampled_from(reply_numbers()))]
    pieces = data.draw(st.lists(
        st.one_of(st.sampled_from(words), st.sampled_from([" ", ",", ".", "?", "!", "  "])),
        max_size=14,
    ))  # fmt: skip
    check(*as_normalized(" ".join(pieces) if data.draw(st.booleans()) else "".join(pieces)))


@cache
def reply_alternatives() -> list[tuple[int, str]]:
    engine = load_engine()
    return [
        (number, source)
        for number in reply_numbers()
        for source, _, _ in replies._alternatives(engine, engine.patterns[number].source)
    ]


@settings(
    max_examples=600, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)  # fmt: skip
@given(st.data())
def test_a_text_matching_any_alternative_is_found(data: st.DataObject) -> None:
    number, source = data.draw(st.sampled_from(reply_alternatives()))
    made = data.draw(st.from_regex(re.compile(source), alphabet="abcdefghijklmnopqrstuvwxyz ,.!?"))
    text, words = as_normalized(made)
    engine, gates = built()
    whole = check(text, words)
    if number in engine.candidates(words) and re.search(source, text):
        assert whole and gates.match(text, words), (number, text)


def test_the_gates_are_built_once_enough_messages_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(replies, "BUILD_CALLS", 3)
    monkeypatch.setattr(replies, "LOAD_CALLS", 6)
    engine = load_engine()
    gates = ReplyGates(engine)
    text, words = as_normalized("yes he is")
    for _ in range(5):
        assert gates.match(text, words) is engine.replies_match_whole(text, words)
    assert gates._built is (engine.unplanned() < len(engine.patterns))
    gates.match(text, words)
    assert gates._built
    assert gates.match(text, words) is engine.replies_match_whole(text, words)


@pytest.mark.parametrize(
    ("source", "allowed", "refused"),
    [
        (r"^hey\b", ["hey"], ["heyy", "he", "so"]),
        (r"^hey", ["hey", "heyyy"], ["he", "so"]),  # may end inside its first word
        (r"^aw+ love", ["aw", "awww", "awwwwwwwwwwww"], ["a", "love"]),
        (r"^(?:(?:no|nope)[ ,]*){1,4}$", ["no", "nope", "nonope", "nononono"],
         ["not", "yes", "nonononono"]),
        (r"^(?:(?:so|ok)[ ,]+)*(?:meh|aw+|fine\b)", ["so", "meh", "mehh", "awww", "fine"],
         ["fin", "fines", "a"]),
    ],
)  # fmt: skip
def test_open_head(source: str, allowed: list[str], refused: list[str]) -> None:
    head = open_head(source)
    assert head is not None
    assert all(passes(head, word) for word in allowed)
    assert not any(passes(head, word) for word in refused)


@pytest.mark.parametrize("source", [r"^\w+ love", r"\bhey\b", r"(?:^|\. )hey", r"^.hey"])
def test_no_open_head(source: str) -> None:
    assert open_head(source) is None


@settings(max_examples=3000, deadline=None)
@given(expressions(), st.lists(st.text("ab _,.\n1", max_size=8), min_size=1, max_size=6))
def test_an_open_head_never_turns_a_match_away(body: str, texts: list[str]) -> None:
    source = ("^", r"\b^")[len(texts) % 2] + body
    head = open_head(source)
    if head is None:
        return
    regex = re.compile(source)
    for text in texts:
        if regex.search(text) is not None:
            assert passes(head, first_word(text)), (source, text)


@pytest.mark.parametrize(
    ("source", "made"),
    [
        (r"^(?:(?:no|not now|leave it(?: alone)?|nope)[ ,.!\?]*){1,4}$",
         (" ,.!?\n", {"o": ("no",), "w": ("not now",), "t": ("leave it",), "e": (
             "leave it alone", "nope")})),
        (r"^(?:(?:no|nope)[ ,]*){1,3}$", (" ,\n", {"o": ("no",), "e": ("nope",)})),
        (r"^(?:(?:no|nope)[ ,]*){0,3}$", None),  # (matches the empty text)
        (r"^(?:(?:no|no\w+)[ ,]*){1,3}$", None),
        (r"^(?:(?:no|nope)[ ,]*){1,3}", None),
        (r"(?:(?:no|nope)[ ,]*){1,3}$", None),
    ],
)  # fmt: skip
def test_ending(source: str, made: replies.Ending | None) -> None:
    assert replies.ending(source) == made


@pytest.mark.parametrize(
    "text",
    ["no\n", "nope!! ", "no,\n\n", "i am busy today", "i said no", "", "  ", "nonope", "k",
     "not now, not today!", "whatever ,", "ok fine...", "just leave it alone.", "so what?"],
)  # fmt: skip
def test_texts_ending_as_the_phrases_are_found(text: str) -> None:
    check(*as_normalized(text))
    check(text, frozenset(WORDS.findall(text)) | frozenset(["today", "now", "later", "no"]))
