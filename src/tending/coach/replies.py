"""Whether a pattern that reads replies matches a message: `RuleEngine.replies_match`, gated.

`read` asks this of every message with a context (and of most without one: it fills
`Reading.context_matters`). The patterns that read replies (a `context` expression) are kept
out of the planned index and were searched whole whenever their trigger words were present;
those words are very common ("so", "no", "yes", "again") and one such pattern has an unanchored
branch that scans the whole text, so that cost about 1.4 µs a message of a 13 µs `read`.

Here each of those patterns is cut into its alternatives (as shipped in `data/plans.json.gz`,
the same cut and clauses the planned index uses) and each alternative is filed under the words
of its best clause (`choosing.Chooser`). A message's words are looked up once; an alternative
is searched only when its other needed words are present, its pattern's trigger is met, and,
for one anchored at the text's start whose first words can be told (`heads.head_words`), the
message starts with one of them. The whole pattern matches somewhere exactly when one of its
alternatives does, and the clauses and first words are sound (a matching text always holds
them), so the answer is the whole search's (`RuleEngine.replies_match_whole`, which the tests
compare it with). Nothing is kept per text.

Cutting costs about a millisecond once the plan file is read (about 40 ms to read it): a
short batch keeps the whole search, and the gates are built once about `BUILD_CALLS` messages
have asked, when the engine has planned patterns (so has read the file), or `LOAD_CALLS`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from tending.coach.alternatives import fast_start
from tending.coach.choosing import Chooser, Ranks, TriggerParts
from tending.coach.heads import gate
from tending.coach.open_heads import open_head
from tending.coach.triggers import all_present

if TYPE_CHECKING:
    from tending.coach.rules import RuleEngine

BUILD_CALLS = 2_000  # messages asked whole before the gates are built (about 3 ms of searches)
LOAD_CALLS = 30_000  # the same when the plan file is not read yet (about 40 ms to read it)
FIRST_WORD = re.compile(r"[a-z_]*")  # a text's first word, as `heads.first_word` reads it
NO_PREFIXES: frozenset[str] = frozenset()


# an alternative of a pattern that reads replies, with what a text's words need for it to
# match: words each needed, clauses of several words each needing one, and its pattern's
# trigger where its clauses do not imply it; then its expression (a tuple: read in the loop
# of `_first_match`)
Gated = tuple[
    frozenset[str] | None, tuple[frozenset[str], ...] | None, TriggerParts | None,
    "Expression",
]


class Expression:
    """An alternative's expression as `fast_start` writes it, compiled on first search
    (compiling them all when the gates are built took about 60 ms)."""

    __slots__ = ("source", "regex")

    def __init__(self, source: str) -> None:
        self.source = source
        self.regex: re.Pattern[str] | None = None

    def compile(self) -> re.Pattern[str]:
        regex = self.regex = re.compile(fast_start(self.source, group=True))
        return regex


class ReplyGates:
    """`match`: does a pattern that reads replies match a text (with its words and stems)?

    An alternative anchored at the text's start whose first words can be told
    (`open_heads.open_head`) is filed under those words and prefixes; any other under the
    words of its best clause (`choosing.Chooser`). (One filed under two of a message's words
    is searched twice when it does not match: rare, and cheaper than a set of those tried.)
    """

    def __init__(self, engine: RuleEngine) -> None:
        self._engine = engine
        self._calls = 0  # messages asked before the gates are built
        self._built = False
        self._by_first: dict[str, tuple[Gated, ...]] = {}  # first word -> anchored ones
        self._length = 0  # the letters of a first word `_by_prefix` is keyed by
        self._by_prefix: dict[str, tuple[Gated, ...]] = {}  # its first letters -> the same
        self._by_key: dict[str, tuple[Gated, ...]] = {}  # key word -> the others
        self._keys: frozenset[str] = frozenset()  # (`_by_key`'s: `&` with a frozenset)

    def match(self, text: str, words: frozenset[str]) -> bool:
        """Does a pattern that reads replies match `text`, whatever the message answered?"""
        if not self._built:
            self._calls += 1
            if self._calls % BUILD_CALLS == 0 and self._due():
                self.build()
            return self._engine.replies_match_whole(text, words)
        first = FIRST_WORD.match(text).group()  # type: ignore[union-attr]
        found = self._by_first.get(first)
        if found is not None and _first_match(found, text, words):
            return True
        found = self._by_prefix.get(first[: self._length])
        if found is not None and _first_match(found, text, words):
            return True
        by_key = self._by_key
        for word in words & self._keys:  # noqa: SIM110
            if _first_match(by_key[word], text, words):
                return True
        return False

    def _due(self) -> bool:
        """Are the gates worth building now (the plan file read, or long enough without)?"""
        engine = self._engine
        return self._calls >= LOAD_CALLS or engine.unplanned() < len(engine.patterns)

    def build(self) -> None:
        """Cut the patterns that read replies into gated alternatives and file them."""
        engine = self._engine
        ranks = Ranks(engine.lexicon.stopwords.get("en", frozenset()))
        by_first: dict[str, list[Gated]] = {}
        by_key: dict[str, list[Gated]] = {}
        prefixed: list[tuple[frozenset[str], Gated]] = []
        for pattern in engine.patterns:
            if pattern.context is None:
                continue
            parts = pattern.trigger_parts
            choose = Chooser(parts, ranks)
            for source, clauses, head in _alternatives(engine, pattern.source):
                key, _, need, several, check = choose(clauses)
                trigger = parts if check else None
                opened = (head, 0, NO_PREFIXES) if isinstance(head, frozenset) else (
                    open_head(source))  # fmt: skip
                if opened is None:
                    gated = _gated(need, several, trigger, source)
                    for word in key:
                        by_key.setdefault(word, []).append(gated)
                    continue
                # filed by its first words: its key words become one more clause to check
                if len(key) == 1:
                    need |= key
                else:
                    several += (key,)
                gated = _gated(need, several, trigger, source)
                for word in opened[0]:
                    by_first.setdefault(word, []).append(gated)
                if opened[2]:
                    prefixed.append((opened[2], gated))
        # the prefixes cut to the shortest (a shorter prefix lets more by: still sound)
        length = min((len(p) for prefixes, _ in prefixed for p in prefixes), default=0)
        by_prefix: dict[str, list[Gated]] = {}
        for prefixes, gated in prefixed:
            for prefix in {p[:length] for p in prefixes}:
                by_prefix.setdefault(prefix, []).append(gated)
        self._by_first = {word: tuple(found) for word, found in by_first.items()}
        self._length = length
        self._by_prefix = {prefix: tuple(found) for prefix, found in by_prefix.items()}
        self._by_key = {word: tuple(found) for word, found in by_key.items()}
        self._keys = frozenset(by_key)
        self._built = True


def _first_match(alternatives: tuple[Gated, ...], text: str, words: frozenset[str]) -> bool:
    """Does one of `alternatives` whose needed words `words` hold match `text`? (The clause
    loop is written out: a call of `triggers.all_present` cost more than the checks.)"""
    for need, several, trigger, expression in alternatives:
        if need is not None and not need <= words:
            continue
        if several is not None:
            missing = False
            for clause in several:
                if clause.isdisjoint(words):
                    missing = True
                    break
            if missing:
                continue
        if trigger is not None and not _trigger_met(trigger, words):
            continue
        if (expression.regex or expression.compile()).search(text) is not None:
            return True
    return False


def _gated(
    need: frozenset[str], several: tuple[frozenset[str], ...], trigger: TriggerParts | None,
    source: str,
) -> Gated:
    """An alternative's checks, fewest first: a clause met whenever another is (it holds a
    needed word, or all of another clause's words) is left out, the smaller clauses first."""
    kept: list[frozenset[str]] = []
    for clause in sorted(set(several), key=lambda c: (len(c), sorted(c))):
        if clause.isdisjoint(need) and not any(other <= clause for other in kept):
            kept.append(clause)
    return need or None, tuple(kept) or None, trigger, Expression(source)


def _alternatives(
    engine: RuleEngine, source: str
) -> list[tuple[str, list[frozenset[str]], object]]:
    """Each alternative of `source` with its clauses and head gate, as the engine plans them
    (the shipped cut, or worked out); the whole expression, with no clauses, where it is
    kept whole."""
    gated, heads, _ = engine._gates(source)
    if gated is None:
        return [(source, [], gate(source))]
    pieces, clauses = gated
    if heads is None:
        heads = [gate(piece) for piece in pieces]
    return [
        (str(piece), list(found), head)
        for piece, found, head in zip(pieces, clauses, heads, strict=True)
    ]


def _trigger_met(parts: TriggerParts, words: frozenset[str]) -> bool:
    """Is an entry of the trigger met (a word of each of its parts present)?"""
    for entry in parts:  # noqa: SIM110
        if all_present(entry, words):
            return True
    return False
