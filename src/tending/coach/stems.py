"""A message's words with their stems: what the word clauses of `literals.required_words` test.

Where an expression leaves a word's end open ("ruin" in `you ruin`), `required_words` asks for
the word by its first `STEM` letters, `ruin*`: some word of the text starts with them. So a
message's words are looked up with the stem of each added (`stems`), and a clause is met by a
plain set test. The stems of the words met are kept (`_STEM_OF`). (The rule engine makes the
set with `RuleEngine.stems`: with the C build, `_engine.WordNumbers`, the same set with the
words' numbers noted for its search.)
"""

from __future__ import annotations

from functools import partial

STEM = 4  # letters of a word whose end an expression leaves open


class _Stems(dict[str, str]):
    """Word -> its stem (`ruin*` for "ruined"), or the word itself when too short to have one
    (adding it to the word set then changes nothing). Filled as words are met, up to
    `STEMS_KEPT` words; past that, stems are worked out and not kept."""

    def __missing__(self, word: str) -> str:
        stem = word[:STEM] + "*" if len(word) >= STEM else word
        if len(self) < STEMS_KEPT:
            self[word] = stem
        return stem


STEMS_KEPT = 50_000
_STEM_OF = _Stems()


def stems_reference(words: frozenset[str]) -> frozenset[str]:
    """The words of a text with the stems `literals.Reader.words_of` may ask for (`ruin*` for
    "ruined").

    (One dictionary look-up a word, made in C by `map`: about 0.5 µs for a short message,
    where slicing each word in Python took about 1.3 µs.)
    """
    return words.union(map(_STEM_OF.__getitem__, words))


try:  # `stems_reference` in C (`_normalize.c`, optional): the same set, about half the time
    from tending.coach._normalize import stems as _compiled_stems
except ImportError:  # pragma: no cover - only where the extension could not be built
    stems = stems_reference
else:
    stems = partial(_compiled_stems, _STEM_OF)
