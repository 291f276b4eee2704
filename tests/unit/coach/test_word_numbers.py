"""A message's words with their stems and numbers in one pass (`_engine.WordNumbers`).

The engine's `stems` (C build) is `stems.stems_reference` and notes the numbers of the set's
words (`WordIds.ids`), which `run_planned` then reads instead of looking each word up; a word
numbered after it was first met is looked up again, and a set other than the last one made
(or `ids` grown since) is looked up as before. The same hits whichever way.
"""

from __future__ import annotations

import os
from types import ModuleType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tending.coach import searching
from tending.coach.rules import load_engine
from tending.coach.stems import _STEM_OF, stems_reference
from tests.unit.coach.test_fast_paths import TEXTS


def _engine_built() -> ModuleType:
    """The C build of the engine's loops (skipped where it is not built, but under CI)."""
    if os.environ.get("CI"):
        from tending.coach import _engine

        return _engine
    return pytest.importorskip("tending.coach._engine")


WORDS = st.frozensets(st.text(alphabet="abcdefg_", max_size=7), max_size=30)


@settings(max_examples=500, deadline=None)
@given(WORDS, st.dictionaries(st.text(alphabet="abcdefg*", max_size=5), st.just(0), max_size=20))
def test_stems_are_the_python_twin_with_the_numbers_of_the_set(
    words: frozenset[str], numbered: dict[str, int]
) -> None:
    engine_c = _engine_built()
    ids = {word: number for number, word in enumerate(numbered)}
    numbers = engine_c.WordNumbers(_STEM_OF, ids)
    for _ in range(2):  # (made, then read from the records kept)
        built, plain = numbers.stems(words), stems_reference(words)
        assert built == plain and type(built) is frozenset
        assert list(built) == list(plain)  # the same set, made the same way: the same order
        assert numbers.noted() == {word: ids[word] for word in built if word in ids}


def test_a_word_numbered_after_it_was_met_is_looked_up_again() -> None:
    engine_c = _engine_built()
    ids: dict[str, int] = {"you": 0}
    numbers = engine_c.WordNumbers(_STEM_OF, ids)
    words = frozenset({"you", "ruined", "it"})
    numbers.stems(words)
    assert numbers.noted() == {"you": 0}
    ids["ruin*"] = len(ids)  # (as `WordIds` numbers words: only ever added)
    ids["it"] = len(ids)
    numbers.stems(words)
    assert numbers.noted() == {"you": 0, "ruin*": 1, "it": 2}
    ids["ruined"] = len(ids)
    numbers.stems(frozenset({"ruined"}))
    assert numbers.noted() == {"ruined": 3, "ruin*": 1}


def test_run_planned_reads_the_numbers_noted_only_of_the_set_they_are_of() -> None:
    """The hits with the numbers noted, with a set made before another (looked up again),
    and with the dict of numbers are the same, and the Python twin's."""
    engine_c = _engine_built()
    engine = load_engine()
    engine.plan_all()
    numbers = engine._numbers
    assert isinstance(numbers, engine_c.WordNumbers) and engine.stems == numbers.stems
    before = engine.normalizer.normalize("you never listen, you always ruin it")
    earlier = engine.stems(before.words)
    for text, _ in TEXTS:
        normalized = engine.normalizer.normalize(text)
        words = engine.stems(normalized.words)
        rest = (engine._records, engine._regex)
        noted = engine_c.run_planned(words, normalized.text, *rest, numbers, engine._finish)
        plain = (words, normalized.text, *rest, engine._ids.ids, engine._finish)
        assert noted == engine_c.run_planned(*plain) == searching.run_planned(*plain), text
    # (a set made before the last: its words looked up, not the last set's numbers read)
    want = engine_c.run_planned(earlier, before.text, *rest, engine._ids.ids, engine._finish)
    got = engine_c.run_planned(earlier, before.text, *rest, numbers, engine._finish)
    assert want and got == want


def test_a_set_made_while_another_is_made_leaves_each_its_own_numbers() -> None:
    """`kept.__missing__` runs Python, where another thread may make a set with the same
    `WordNumbers`: here it does so itself. The numbers noted are those of the set made last."""
    engine_c = _engine_built()
    ids = {"you": 0, "ruin*": 1, "never": 2, "it": 3}
    inner = frozenset({"never", "it"})

    class Kept(dict[str, str]):
        def __missing__(self, word: str) -> str:
            stem = self[word] = _STEM_OF[word]
            numbers.stems(inner)  # (its words' stems are kept once worked out, as here)
            return stem

    numbers = engine_c.WordNumbers(Kept(), ids)
    outer = numbers.stems(frozenset({"you", "ruined"}))
    assert outer == {"you", "ruined", "ruin*"}
    assert numbers.noted() == {"you": 0, "ruin*": 1}
    assert numbers.stems(inner) == stems_reference(inner)
    assert numbers.noted() == {"never": 2, "it": 3}


def test_many_words_and_words_of_a_str_subclass() -> None:
    """The records are kept in a table that grows (thousands of words, read twice, some
    numbered between the two readings); a word of a str subclass is read each time, not kept,
    and gives the same set and numbers."""
    engine_c = _engine_built()

    class Word(str):
        pass

    ids = {f"w{n}": n for n in range(0, 4000, 3)}
    numbers = engine_c.WordNumbers(_STEM_OF, ids)
    words = frozenset([f"w{n}" for n in range(4000)] + [Word("ruined"), Word("it")])
    for round_ in range(2):
        built = numbers.stems(words)
        assert built == stems_reference(words) and list(built) == list(stems_reference(words))
        assert numbers.noted() == {word: ids[word] for word in built if word in ids}, round_
        ids.update({f"w{n}": len(ids) + n for n in range(1, 4000, 3)})
        ids["ruin*"] = len(ids)
