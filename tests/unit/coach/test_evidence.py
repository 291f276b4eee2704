"""The C twins of `_normalize.c` held to their Python twins: the evidence of a list of hits
(`evidence_of` against `evidence_reference`: the same records in the same order, or the same
error), the words with their stems (`stems` against `stems_reference`: the same set, iterated in
the same order), and the normalizer's C reader handing a text with "lets" to `_suggestions`.
Under CI the C twins must be built and used.
"""

from __future__ import annotations

import os
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tending.coach import evidence as evidence_module
from tending.coach import model
from tending.coach.evidence import FLAG_ORDER, evidence_of, evidence_reference
from tending.coach.lexicon import load_lexicon
from tending.coach.model import FLAGS, Evidence
from tending.coach.normalize import Normalized, Normalizer
from tending.coach.rules import load_engine
from tending.coach.stems import _STEM_OF, stems, stems_reference
from tests.unit.coach.test_fast_paths import TEXTS

BUILT = evidence_module._compiled is not None
pytestmark = pytest.mark.skipif(
    not BUILT and not os.environ.get("CI"),
    reason="the C twins are not built here (installed without a C compiler)",
)
CHARACTERS = "ab ,;.\t\n\u00a0é1😂\u2028_'"
HIT = st.tuples(
    st.sampled_from(FLAGS[:5]), st.integers(-3, 14), st.integers(-3, 14),
    st.sampled_from(["why", "another why", "a third"]), st.just("rule"),
)  # fmt: skip


def edited(text: str, cuts: list[tuple[int, int, int]]) -> Normalized:
    """A `Normalized` of `text` with edits at increasing places (what `_edited` records)."""
    edits, norm, orig = [], 0, 0
    for gap, norm_length, orig_length in cuts:
        norm, orig = norm + gap, orig + gap
        edits.append((norm, norm + norm_length, orig, orig + orig_length))
        norm, orig = norm + norm_length, orig + orig_length
    return Normalized(text, frozenset(), tuple(edit[0] for edit in edits), tuple(edits))


def outcome(work: Any) -> tuple[str, Any]:
    try:
        return "answer", work()
    except Exception as error:  # noqa: BLE001 - the twins must fail alike too
        return "error", type(error)


def assert_twins(hits: list[Any], normalized: Normalized, text: str) -> None:
    built = outcome(lambda: evidence_of(hits, normalized, text))
    plain = outcome(lambda: evidence_reference(hits, normalized, text))
    assert built == plain, (hits, normalized, text)
    if BUILT:  # (`evidence_of` is `_compiled` with its first three arguments bound)
        unbound = outcome(
            lambda: evidence_module._compiled(
                FLAG_ORDER, Evidence, evidence_reference, hits, normalized, text
            )
        )
        assert unbound == built
    if built[0] == "answer":
        assert [repr(item) for item in built[1]] == [repr(item) for item in plain[1]]
        assert all(type(item) is Evidence for item in built[1])


@settings(max_examples=2000, deadline=None)
@given(
    st.text(alphabet=CHARACTERS, max_size=12),
    st.lists(HIT, max_size=20),
    st.lists(st.tuples(st.integers(0, 3), st.integers(0, 4), st.integers(0, 4)), max_size=4),
)
def test_evidence_in_c_is_its_python_twin(
    text: str, hits: list[Any], cuts: list[tuple[int, int, int]]
) -> None:
    assert_twins(hits, Normalized(text, frozenset(), (), ()), text)
    assert_twins(hits, edited(text, cuts), text)


def test_evidence_of_every_varied_text() -> None:
    engine = load_engine()
    made = 0
    for text, _ in TEXTS:
        normalized = engine.normalizer.normalize(text)
        hits = engine.run_reference(normalized)
        assert_twins(hits, normalized, text)
        assert_twins(hits[::-1], normalized, text)
        made += len(hits)
    assert made > 500


def test_evidence_keeps_the_first_reason_of_a_repeat_and_orders_by_flag() -> None:
    # (4, 11) is "never, ", trimmed to (4, 9): a repeat of the span before it in order
    text = "you never, listen"
    hits = [("absolute", 4, 11, "first", "r"), ("feeling", 0, 3, "f", "r"),
            ("absolute", 4, 9, "second", "r"), ("feeling", 0, 3, "again", "r")]  # fmt: skip
    found = evidence_of(hits, Normalized(text, frozenset(), (), ()), text)
    assert found == (Evidence("feeling", 0, 3, "f"), Evidence("absolute", 4, 9, "second"))
    assert found == evidence_reference(hits, Normalized(text, frozenset(), (), ()), text)
    assert FLAG_ORDER["feeling"] < FLAG_ORDER["absolute"]


def test_evidence_of_an_unknown_flag_is_a_key_error() -> None:
    plain = Normalized("abc", frozenset(), (), ())
    with pytest.raises(KeyError):
        evidence_of([("nothing", 0, 1, "why", "r")], plain, "abc")


def test_the_c_evidence_checks_its_arguments() -> None:
    """`_normalize.EvidenceOf` (the C `evidence_of`) takes three arguments by position, is
    refused before it is made, and reads the rank of a flag it has met as it first found it
    (as often as asked, the same answer; an unknown flag, a KeyError each time)."""
    compiled = pytest.importorskip("tending.coach._normalize")
    plain = Normalized("you never", frozenset(), (), ())
    with pytest.raises(TypeError):
        evidence_of([], plain)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        evidence_of([], plain, "you never", FLAG_ORDER)  # type: ignore[call-arg]
    with pytest.raises(AttributeError):
        compiled.EvidenceOf(FLAG_ORDER, int, evidence_reference)  # (no slots)
    with pytest.raises(RuntimeError):
        compiled.EvidenceOf.__new__(compiled.EvidenceOf)([], plain, "you never")
    made = compiled.EvidenceOf(FLAG_ORDER, Evidence, evidence_reference)
    hits = [("absolute", 4, 9, "why", "r"), ("blame", 0, 9, "why", "r")]
    for _ in range(3):
        assert made(hits, plain, "you never") == evidence_reference(hits, plain, "you never")
        with pytest.raises(KeyError):
            made([*hits, ("nothing", 0, 1, "why", "r")], plain, "you never")
    with pytest.raises(TypeError):  # (more values bound than slots named)
        compiled.Maker(Evidence, ("flag",), ("need", 0))
    bound = compiled.Maker(Evidence, ("flag", "why", "start", "end"), ("need", "why"))
    assert bound(0, 4) == Evidence("need", 0, 4, "why")
    with pytest.raises(TypeError):
        bound("need", "why", 0, 4)


WORDS = st.frozensets(st.text(alphabet="abcdefg_", max_size=7), max_size=30)


@settings(max_examples=1000, deadline=None)
@given(WORDS)
def test_stems_in_c_are_the_python_twin(words: frozenset[str]) -> None:
    built, plain = stems(words), stems_reference(words)
    assert built == plain and type(built) is frozenset
    assert list(built) == list(plain)  # the same set, made the same way: the same order


def test_the_c_twins_are_used_where_built() -> None:
    assert (stems is stems_reference) != BUILT
    assert (evidence_of is evidence_reference) != BUILT
    assert (model.new_evidence is model.new_evidence_reference) != BUILT
    assert (model.settled_analysis is model.settled_reference) != BUILT
    assert (model.deferred_analysis is model.deferred_reference) != BUILT
    assert _STEM_OF["ruined"] == "ruin*"


@pytest.mark.parametrize(
    "text",
    ["ok lets talk", "Lets go 😂", "he lets me eat", "fine. lets not", "lets", "i’m fine, lets",
     "café, lets go", "lets <3"],
)  # fmt: skip
def test_the_c_reader_reads_lets_as_the_plain_path(text: str) -> None:
    lexicon = load_lexicon()
    built = Normalizer(lexicon, ["so"], compiled=True)
    plain = Normalizer(lexicon, ["so"], compiled=False)
    assert built.compiled == BUILT
    for _ in range(2):  # (its tokens read, then kept: whether it holds "lets" marked there)
        assert built.normalize(text) == plain.normalize(text) == plain.normalize_reference(text)
