"""`GatedRegex`: a compiled expression searched only when a text's words could let it match.

Its gate is read off the expression by `literals.required_words` (one word from each of its
alternatives, `alternatives.split_alternatives`); the words it is checked against are a
message's words with their stems (`stems.stems`).
"""

from __future__ import annotations

import re

from tending.coach.alternatives import split_alternatives
from tending.coach.literals import required_words


class GatedRegex:
    """A compiled expression searched only when the text's words could let it match.

    The gate is one set of words, one from each alternative (`split_alternatives`) of the
    expression; a text holding none of them cannot match, so `search` answers None without
    running the expression. Gates are worked out on first use.
    """

    __slots__ = ("_gate", "regex")

    def __init__(self, regex: re.Pattern[str]) -> None:
        self.regex = regex
        self._gate: frozenset[str] | None | bool = False  # False: not worked out yet

    def gate(self) -> frozenset[str] | None:
        """Words one of which a matching text holds (None: no such promise)."""
        if self._gate is False:
            chosen: set[str] = set()
            for piece in split_alternatives(self.regex.pattern):
                clauses = required_words(piece, _plain_cost) if not self.regex.flags & (
                    re.IGNORECASE | re.VERBOSE) else None  # fmt: skip
                if not clauses:
                    chosen = set()
                    self._gate = None
                    break
                chosen |= min(clauses, key=lambda c: (len(c), sorted(c)))
            else:
                self._gate = frozenset(chosen)
        return self._gate  # type: ignore[return-value]

    def search(self, text: str, words: frozenset[str], pos: int = 0) -> re.Match[str] | None:
        """`regex.search(text, pos)`, or None at once when `words` (with stems) rule it out."""
        gate = self.gate()
        if gate is not None and gate.isdisjoint(words):
            return None
        return self.regex.search(text, pos)


def _plain_cost(word: str) -> int:
    return 1
