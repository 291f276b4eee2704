"""The gates the depth reader searches behind change no answer.

`DepthReader`'s searches are skipped when the text's words rule them out (`word_gate`), a text
with nothing to weigh gets no mixture at once, and the expressions the fast path never needs as
written are compiled only when read. Each is held here to the plain path.
"""

from __future__ import annotations

import re
import subprocess
import sys
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tending.coach import depth, depth_expressions
from tending.coach.depth import DepthReader, word_gate
from tending.coach.depth_expressions import SOURCES
from tending.coach.stems import stems
from tests.unit.coach.test_fast_stages import (
    DEPTH_PIECES,
    DEPTH_SAMPLE,
    LEXICON,
    fresh_normalizer,
)

COMMON = frozenset(LEXICON.stopwords["en"])
NORMALIZER = fresh_normalizer()
FEELING_WORD = DepthReader(LEXICON)._feeling_tree()
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
def test_gated_readings_are_the_plain_answers(texts: list[str]) -> None:
    reader = DepthReader(LEXICON)
    for text in texts:
        assert_plain(reader, text)


def test_gated_readings_are_the_plain_answers_on_varied_texts() -> None:
    reader = DepthReader(LEXICON)
    for text in DEPTH_SAMPLE:
        assert_plain(reader, text)


def test_the_same_text_with_another_first_feeling_is_the_plain_answer() -> None:
    reader = DepthReader(LEXICON)
    low = "i am happy and sad"  # a mixture from "happy", none from "sad" alone
    words = stems(frozenset(low.split()))
    for spans in ([(5, 10)], [(15, 18)], []):
        assert reader.complex_span(low, spans, words) == reader.complex_span(low, spans)


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
    """Importing depth (and so `depth_expressions`) compiles none of `SOURCES`; the fast path
    compiles only the few it searches as written; that module's names are the compiled
    expressions."""
    script = (
        "import tending.coach.depth\n"
        "import tending.coach.depth_expressions as d\n"
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
        regex = getattr(depth_expressions, name)
        assert isinstance(regex, re.Pattern) and regex.pattern == source
        assert getattr(depth_expressions, name) is regex
    assert [regex.pattern for regex in depth_expressions.AS_WRITTEN] == [
        SOURCES[name] for name in ("PROUD_OF", "WANT", "ATTACHED", "MISSING")
    ]
    with pytest.raises(AttributeError):
        _ = depth_expressions.NO_SUCH_EXPRESSION


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(["Sam", "sam", "SAM", "so", "So", " ", ",", "said", "İ", "ǅ",
                                 "ß", "Mum", "'s", "x", "\n", "1", "É"]), max_size=6).map("".join))
def test_a_text_without_a_capital_opens_with_no_name(text: str) -> None:
    """What `with_name` stands on: NAME_START needs a capital, which `islower` rules out."""
    if text.islower():
        assert depth_expressions.EXPRESSIONS.NAME_START.match(text) is None, text
    assert depth.with_name(depth.SentenceShape(0, 0, 0), text).about_others == (
        depth_expressions.EXPRESSIONS.NAME_START.match(text) is not None
    )
