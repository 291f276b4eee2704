"""The gates of `shapes.py` and the gate kinds `heads.gate` joins (`NEEDS`, `BARS`, `ALL`, `ANY`,
`OPEN`) never turn a match away, let through the texts they must, and are checked alike in C
(`_engine.passes`) and in Python (`heads.passes`).
"""

from __future__ import annotations

import re
from re import _parser as sre_parse  # type: ignore[attr-defined]

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tending.coach import plan_file
from tending.coach.heads import (
    ALL,
    ANY,
    BARS,
    HOLDS,
    NEEDS,
    OPEN,
    Head,
    first_word,
    gate,
    passes,
)
from tending.coach.shapes import (
    MARKS,
    barred_marks,
    holds_none,
    in_order,
    needed_marks,
    needed_text,
)
from tests.unit.coach.test_heads import expressions

try:
    from tending.coach import _engine
except ImportError:  # pragma: no cover - only where the extension could not be built
    _engine = None  # type: ignore[assignment]


def parsed(source: str) -> list[object]:
    return list(sre_parse.parse(source))


@pytest.mark.parametrize(
    ("source", "needed"),
    [
        (r"(?<![a-z])'(?:busy|sick)'(?![a-z])", ("'", "'")),
        (r"(?<=[.!?,])\s*(?:\w+ ){0,2}pizza tonight\?", ("!,.?", "?")),
        (r"a(?:,|;)b", (",;",)),
        (r"a(?:,|b)c", None),  # a way needs no mark
        (r"a,?b[.]*c", None),  # optional marks
        (r"(?:x!)+(?:y\?){2}", ("!", "?")),
        (r"a(?=\?)b", None),  # a lookahead: its mark's place is not known
        (r"a(?<=,)b", None),  # a lookbehind past the start may read what was matched
        (r"[^a]b", None),
        (r"[a,]b", None),  # a class with a letter
        ("a.b.c.d.e.f", None),  # `.` is any character
        (r"a\.b\.c\.d\.e\.f", (".", ".", ".", ".")),  # at most four
    ],
)
def test_needed_marks(source: str, needed: tuple[str, ...] | None) -> None:
    assert needed_marks(parsed(source)) == needed


@pytest.mark.parametrize(
    ("source", "run"),
    [
        (r"i(?<=\bi)s now good\b", "is now good"),
        (r"x(?<=\bx)x+\b", "xx"),
        (r"(?:ab)+c", "ab"),
        (r"a(?:bc|bd) ef", None),  # (read as `ab(?:c|d) ef`: " ef" is a word)
        (r"a(?:x|y)efg", None),  # (a run of letters: the words are checked apart)
        (r"a(?:b c)d?e", "ab c"),
        (r"(?i:ab c)d", None),  # (a flag inside: not read)
        (r"a[bc] d", None),
        (r"\bno\b", None),
        (r"\bno, you\b", "no, you"),
        (r"(?:so )+sad", None),  # (the repeat starts another word)
    ],
)
def test_needed_text(source: str, run: str | None) -> None:
    assert needed_text(parsed(source)) == run


@pytest.mark.parametrize(
    ("source", "barred"),
    [
        (r"^(?:hey[ ,]+)*what (?=[^.!?]*\byou\b)[^.!?]*$", "!.?"),
        (r"^(?:hey|so)\W*$", "_"),  # `\W` reads every mark but `_`
        (r"^a[^.!?]*$", "!.?"),
        (r"^a.*$", None),
        (r"^a[^.]*", None),  # not anchored at the end
        (r"a[^.]*$", None),  # not anchored at the start
        (r"\b^a[^.]\Z", "."),
        (r"^a[^.](?:b|\d|\s|[x-z])*$", "."),
        (r"^a[^.][!-/]$", None),  # (the range reads `.`: every mark may be read)
        (r"^(a)\1$", None),  # a group read again: not told
        (r"^a[\w ]*$", "".join(sorted(MARKS - {"_"}))),  # (`\w` reads `_`)
        (r"^a[\W_]*$", None),
    ],
)
def test_barred_marks(source: str, barred: str | None) -> None:
    assert barred_marks(parsed(source)) == barred


def test_in_order_and_holds_none() -> None:
    assert in_order("ok, pizza?", ("!,.?", "?"))
    assert not in_order("pizza?", ("!,.?", "?"))
    assert in_order("it's 'busy'", ("'", "'"))
    assert not in_order("'busy", ("'", "'"))
    assert in_order("", ())
    assert holds_none("what was it", "!.?")
    assert not holds_none("what was it?", "!.?")


@pytest.mark.parametrize(
    ("source", "passing", "failing"),
    [
        (
            r"(?:,|^) ?(?:(?:hey|so)[ ,]+)*(?:you )?(?:idiot|a fool)(?= *(?:[.!?]|emo_[a-z]+|$))",
            ["ok, idiot.", "you idiot", "idiotemo_x", "hey a fool", "so idiot emo_sad"],
            ["is it you idiot", "i know.", "idio"],
        ),
        (
            r"^(?:(?:you|such an?) )*(?:idiot|fool)(?:\W|emo_[a-z]+)*$",
            ["you idiot", "fool!", "foolemo_sad", "such a fool"],
            ["is a fool", "i am a fool"],
        ),
        (
            r"^(?:so )*what (?:is|was)\b(?=[^.!?]*\byou\b)[^.!?]*$",
            ["what is it you want", "so what was you"],
            ["what is it you want?", "so. what is you", "why is you"],
        ),
        (
            r"(?:^(?:hey )*|[.!?] )(?:need|want) (?:a|some) nap\b",
            ["need a nap", "hey want some nap", "ok. need a nap", "ok!  want a nap"],
            ["i need a nap", "ok, need a nap"],
        ),
        (r"(?<=[.!?,])\s*(?:\w+ ){0,2}pizza tonight\?", ["ok, pizza tonight?"], ["pizza?"]),
    ],
)
def test_gate_lets_by_what_may_match_and_turns_away_the_rest(
    source: str, passing: list[str], failing: list[str]
) -> None:
    head = gate(source)
    assert head is not None
    regex = re.compile(source)
    for text in passing:
        assert passes(head, text, first_word(text)), text
    for text in failing:
        assert regex.search(text) is None
        assert not passes(head, text, first_word(text)), text


def test_gate_kinds_of_a_branch_and_an_anchored_expression() -> None:
    head = gate(r"(?:,|^) ?(?:hey[ ,]+)*(?:idiot|fool)(?= *(?:[.!?]|emo_[a-z]+|$))")
    assert head is not None and head[0] == ANY
    assert (NEEDS, (",",)) in head[1:]
    assert any(isinstance(one, tuple) and one[0] == OPEN for one in head[1:])
    head = gate(r"^(?:so )*what\b[^.!?]*$")
    assert head == (ALL, frozenset({"so", "what"}), (BARS, "!.?"))
    assert gate(r"\bhey you\b") == (HOLDS, "hey you")
    assert gate(r"\bhey\b") is None


PREFIXES = st.sampled_from([
    "", "^", r"\b^", "(?:,|^) ?", "(?:^|[.!?] )", "(?<=[.,])", r"[.!?]\s*", "(?:^|')",
])  # fmt: skip
SUFFIXES = st.sampled_from(
    ["", "$", r"\?", "'", "[^.!?]*$", r"(?:\W|a+)*$", "(?= *(?:[.!]|$))", r"\w*$", r"[^_]$"]
)


@settings(max_examples=1500, deadline=None)
@given(
    PREFIXES,
    expressions(),
    SUFFIXES,
    st.lists(st.text("ab _,.\n1?'!", max_size=9), min_size=1, max_size=6),
)
def test_a_gated_expression_matches_only_texts_that_pass_its_gate(
    prefix: str, body: str, suffix: str, texts: list[str]
) -> None:
    source = prefix + body + suffix
    head = gate(source)
    if head is None:
        return
    regex = re.compile(source)
    for text in texts:
        if regex.search(text) is not None:
            assert passes(head, text, first_word(text)), (source, text)


GATES: list[Head] = [
    None, frozenset({"ab", "a"}), (".,", frozenset({"b"})), (NEEDS, ("!,.?", "?")),
    (NEEDS, ("'",)), (BARS, "!.?"), (OPEN, frozenset({"a"}), 2, frozenset({"ba", "b_"})),
    (OPEN, frozenset(), 0, frozenset({""})),
]  # fmt: skip
GATES += [
    (HOLDS, "a b"),
    (HOLDS, "é."),
    (HOLDS, ""),
    (HOLDS, "b_"),
    ("é.", frozenset({"a"})),
    (NEEDS, ("é!", "a")),
    (BARS, "é!"),
]
GATES += [(ALL, GATES[1], GATES[5]), (ANY, GATES[3], GATES[6]), (ALL, (ANY, *GATES[2:5]))]
GATES += [
    (ALL, GATES[1], GATES[8], GATES[3]),
    (ALL, GATES[11], GATES[5]),
]  # (the text's characters read once: reused)


@pytest.mark.skipif(_engine is None, reason="the C extension is not built")
@settings(max_examples=2000, deadline=None)
@given(st.sampled_from(GATES), st.text("ab _,.\n?'!é", max_size=10) | st.text(max_size=6))
def test_the_c_check_of_a_gate_is_its_python_twin(head: Head, text: str) -> None:
    assert _engine.passes(head, text) is passes(head, text, first_word(text)), (head, text)


@pytest.mark.parametrize("head", GATES[1:])
def test_a_gate_is_written_to_the_plan_file_and_read_back(head: Head) -> None:
    words: dict[str, int] = {}

    def number(found: object) -> list[int]:
        return [words.setdefault(word, len(words)) for word in sorted(found)]  # type: ignore[call-overload]

    written = plan_file.written_head(head, number)
    assert plan_file.read_head(written, list(words)) == head
