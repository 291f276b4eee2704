"""What the depth reader keeps per text, and the gates it searches behind, change no answer.

`DepthReader` keeps what it read from a text (its sentences' shape, an inner cue, a leading
name, a mixture) so a text met again is not read again; its searches are skipped when the
text's words rule them out (`word_gate`); the expressions the fast path never needs as written
are compiled only when read. Each is held here to the plain path, on texts met for the first
time and again.
"""

from __future__ import annotations

import re
import subprocess
import sys
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tending.coach import depth
from tending.coach.depth import SOURCES, DepthReader, word_gate
from tending.coach.literals import stems
from tests.unit.coach.test_fast_stages import (
    DEPTH_PIECES,
    DEPTH_SAMPLE,
    LEXICON,
    fresh_normalizer,
)

COMMON = frozenset(LEXICON.stopwords["en"])
NORMALIZER = fresh_normalizer()
FEELING_WORD = DepthReader(LEXICON)._feeling_word
GATED = ("INNER_CUES", "SPLIT_SELF")
# texts built from the words the gated expressions need, so that they match often
GATE_PIECES = [
    *DEPTH_PIECES, "part of me", "another part of me", "torn between", "bittersweet", "both",
    "at the same time", "at once", "i love you and i am so angry", "i am hurt and i love you",
    "i would love to go", "i want to", "i would like to", "i need to", "i really want to",
    "at the same time, i also want", "i do not want", "craving", "hope", "i still hope",
    "i felt", "i feel like", "i feel", "my heart", "was hoping", "am proud", "feelings", "mixed",
]  # fmt: skip
GATE_TEXTS = st.lists(st.sampled_from(GATE_PIECES), max_size=10).map(" ".join)


def feeling_spans(low: str) -> list[list[tuple[int, int]]]:
    """Feeling spans `complex_span` may be given: none, the feeling words' own, out of order,
    and one that is no word."""
    found = [match.span() for match in FEELING_WORD.finditer(low)]
    spans: list[list[tuple[int, int]]] = [[], found[::-1]] if found else [[]]
    if len(low) > 4:
        spans.append([(2, 4)])
    return spans


def assert_plain(reader: DepthReader, text: str) -> None:
    normalized = NORMALIZER.normalize(text)
    low, words = normalized.text, stems(normalized.words)
    assert reader.shape(low, text) == reader.shape_reference(low, text), text
    for flags in (set(), {"blame"}, {"appreciation"}):
        assert reader.depth(flags, low, text, words) == reader.depth(flags, low, text), text
    for spans in feeling_spans(low):
        fast = reader.complex_span(low, spans, words)
        assert fast == reader.complex_span(low, spans), (text, spans)


@settings(max_examples=800, deadline=None)
@given(st.lists(GATE_TEXTS, min_size=1, max_size=4))
def test_kept_readings_are_the_plain_answers(texts: list[str]) -> None:
    reader = DepthReader(LEXICON)
    for _ in range(2):  # read, then kept
        for text in texts:
            assert_plain(reader, text)


def test_kept_readings_are_the_plain_answers_on_varied_texts() -> None:
    reader = DepthReader(LEXICON)
    for _ in range(2):
        for text in DEPTH_SAMPLE:
            assert_plain(reader, text)
    assert depth.CUED in reader._told.values() and len(reader._told) > 100 and reader._mixed


def test_the_same_text_with_another_first_feeling_is_read_again() -> None:
    reader = DepthReader(LEXICON)
    low = "i am happy and sad"  # a mixture from "happy", none from "sad" alone
    words = stems(frozenset(low.split()))
    assert reader.complex_span(low, [(5, 10)], words) == reader.complex_span(low, [(5, 10)])
    assert reader.complex_span(low, [(15, 18)], words) == reader.complex_span(low, [(15, 18)])
    assert reader.complex_span(low, [], words) == reader.complex_span(low, [])
    assert len(reader._mixed) == 2  # (nothing to weigh without a feeling: not kept)


def test_what_is_kept_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(depth, "KEPT", 3)
    reader = DepthReader(LEXICON)
    long_text = "I went to the shop and then I walked home. " * 5  # past KEPT_LENGTH
    texts = [*DEPTH_SAMPLE[:12], long_text]
    for _ in range(2):
        for text in texts:
            assert_plain(reader, text)
    kept = (reader._told, reader._mixed)
    assert all(0 < len(found) <= 3 for found in kept)
    reader = DepthReader(LEXICON)
    assert_plain(reader, long_text)
    assert not reader._told and not reader._mixed


@cache
def gates() -> dict[str, frozenset[str]]:
    found = {name: word_gate(SOURCES[name], COMMON) for name in GATED}
    assert None not in found.values()
    return found  # type: ignore[return-value]


def test_gates_leave_out_the_commonest_words() -> None:
    """(Else they gain little: most messages hold "i" or "am".)"""
    for name, gate in gates().items():
        assert gate.isdisjoint({"i", "me", "my", "am", "at", "to", "and", "the", "of"}), name


@settings(max_examples=2000, deadline=None)
@given(GATE_TEXTS | st.text(max_size=30))
def test_a_text_an_expression_matches_passes_its_gate(text: str) -> None:
    normalized = NORMALIZER.normalize(text)
    words = stems(normalized.words)
    for name, gate in gates().items():
        if re.search(SOURCES[name], normalized.text):
            assert not gate.isdisjoint(words), (name, text)


def test_a_text_an_expression_matches_passes_its_gate_on_varied_texts() -> None:
    compiled = {name: re.compile(SOURCES[name]) for name in GATED}
    matched = 0
    for text in [*DEPTH_SAMPLE, *GATE_PIECES]:
        normalized = NORMALIZER.normalize(text)
        words = stems(normalized.words)
        for name, gate in gates().items():
            if compiled[name].search(normalized.text):
                matched += 1
                assert not gate.isdisjoint(words), (name, text)
    assert matched > 50


def test_expressions_as_written_are_compiled_only_when_read() -> None:
    """Importing depth compiles none of `SOURCES`; the fast path compiles only the few it
    searches as written; the module's names are the compiled expressions."""
    script = (
        "import tending.coach.depth as d\n"
        "assert not vars(d.EXPRESSIONS), vars(d.EXPRESSIONS)\n"
        "from tending.coach import read\n"
        "for text in ('I went home.', 'Sam said hi', 'did I win?', 'it breaks my heart',\n"
        "             'I feel happy but also sad', 'part of me wants to', 'ok'):\n"
        "    read(text)\n"
        "print(sorted(vars(d.EXPRESSIONS)))\n"
    )
    ran = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    compiled = set(eval(ran.stdout))  # noqa: S307 - our own script's printed list
    assert compiled <= {"SELF_SUBJECT", "SELF_START", "NAME_START", "EFFECT"}, compiled
    for name, source in SOURCES.items():
        regex = getattr(depth, name)
        assert isinstance(regex, re.Pattern) and regex.pattern == source
        assert getattr(depth, name) is regex
    assert [regex.pattern for regex in depth.AS_WRITTEN] == [
        SOURCES[name] for name in ("PROUD_OF", "WANT", "ATTACHED", "MISSING")
    ]
    with pytest.raises(AttributeError):
        _ = depth.NO_SUCH_EXPRESSION


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(["Sam", "sam", "SAM", "so", "So", " ", ",", "said", "İ", "ǅ",
                                 "ß", "Mum", "'s", "x", "\n", "1", "É"]), max_size=6).map("".join))
def test_a_text_without_a_capital_opens_with_no_name(text: str) -> None:
    """What `with_name` stands on: NAME_START needs a capital, which `islower` rules out."""
    if text.islower():
        assert depth.EXPRESSIONS.NAME_START.match(text) is None, text
    assert depth.with_name(depth.shape_of(0, 0, 0), text).about_others == (
        depth.EXPRESSIONS.NAME_START.match(text) is not None
    )
