"""Whether a pattern that reads replies matches a message: `RuleEngine.replies_match`, gated.

`read` asks this of every message with a context (and of most without one: it fills
`Reading.context_matters`). The patterns that read replies (a `context` expression) are kept
out of the planned index and were searched whole whenever their trigger words were present;
those words are very common ("so", "no", "yes", "again") and one such pattern has an unanchored
branch that scans the whole text, so that cost about 1.4 µs a message of a 13 µs `read`.

Here each of those patterns is cut into its alternatives (as shipped in `data/plans.json.gz`,
the same cut and clauses the planned index uses). One anchored at the text's start whose first
words can be told (`heads.head_words`, or `open_heads.open_prefixes`: those words and open
prefixes) is filed under each of them; any other under no first word. Each is filed there under
the words of its best clause (`choosing.Chooser`), and searched only when the message's first
word and words find it, its other needed words are present and its pattern's trigger is met,
and, for one made of literal phrases and separators anchored at both ends (`ending`), when the
text ends with one of its phrases. The whole pattern matches somewhere exactly when one of its
alternatives does, and the clauses, first words and endings are sound (a matching text always
holds them), so the answer is the whole search's (`RuleEngine.replies_match_whole`, which the
tests compare it with). Nothing is kept per text.

The walk runs in C where the extension is built (`_engine.replies_match`, twin `held_match`):
`RuleEngine.replies_match` is `ReplyGates.fast`, a partial of it over the list holding the
gates, so the glue calls into C with no Python frame; a message's words are looked up in an
index only where the index's bloom (`BLOOM_BITS`, by hash) lets them by. That cut `read` from
about 48,450 to 41,400 instructions a message (callgrind).

Building the gates costs about 20 ms (the first words of the anchored alternatives are read
from their parsed expressions), and reading the plan file, if the engine has not yet, about
40 ms more; they save about 0.5 µs a message. So, as the engine plans a pattern once searching
it whole has cost as much as planning, they are built once `BUILD_CALLS` messages have asked
(when the engine has planned patterns, so has read the file) or `LOAD_CALLS`, and by
`prepare_all` (`RuleEngine.plan_all`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from tending.coach.alternatives import fast_start
from tending.coach.choosing import Chooser, Ranks, TriggerParts
from tending.coach.heads import gate
from tending.coach.open_heads import open_prefixes
from tending.coach.triggers import all_present

if TYPE_CHECKING:
    from tending.coach.rules import RuleEngine

# messages asked whole before the gates are built: about what building them costs (20 ms) at
# what they save (0.5 µs a message), or with the plan file to read too (another 40 ms)
BUILD_CALLS = 40_000
LOAD_CALLS = 120_000
FIRST_WORD = re.compile(r"[a-z_]*")  # a text's first word, as `heads.first_word` reads it
NO_PREFIXES: frozenset[str] = frozenset()


# an alternative of a pattern that reads replies, with what a text's words need for it to
# match: words each needed, clauses of several words each needing one, and its pattern's
# trigger where its clauses do not imply it; what the text must end with (`Ending`); then its
# expression (a tuple: read in the loop of `_filed_match`)
Gated = tuple[
    frozenset[str] | None, tuple[frozenset[str], ...] | None, TriggerParts | None,
    "Ending | None", "Expression",
]
# an alternative that is a run of literal phrases and separators anchored at both ends: the
# characters stripped from a text's end (its separators and a newline, which `$` lets by), and
# the phrases by their last letter, one of which the text's end must then be
Ending = tuple[str, dict[str, tuple[str, ...]]]
# `^(?:(?:phrase|phrase(?: words)?|...)[separators]*){m,n}$`, and one of those phrases
ENDED = re.compile(
    r"\^\(\?:\(\?:(?P<phrases>[a-z |():?]+)\)\[(?P<separators>(?:[ ,.!?]|\\\?)+)\]\*\)"
    r"\{[1-9]\d*,\d+\}\$"
)
PHRASE = re.compile(r"(?P<words>[a-z]+(?: [a-z]+)*)(?:\(\?:(?P<optional>(?: [a-z]+)+)\)\?)?")
Keyed = tuple[frozenset[str], Gated]  # an alternative and the words it is filed under
# alternatives by those words: the words, the alternatives filed under each, and a bit of
# `BLOOM_BITS` set for each word at its hash's low bits (a word whose bit is clear is not
# filed: `_engine.replies_match` looks up only those whose bit is set)
Filed = tuple[frozenset[str], dict[str, tuple[Gated, ...]], bytes]
BLOOM_BITS = 1024  # (as `_engine.c` reads them)
# the gates once built: anchored alternatives by first word, the letters of a first word the
# next is keyed by, those of open prefixes by those letters, and the alternatives not anchored
# (each of the first two indexes holds those not anchored too: one walk of the words)
Gates = tuple[dict[str, Filed], int, dict[str, Filed], Filed]
# what `held_match` reads: the gates once built (else None), and what answers until then
Held = list[Any]


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
    (`open_heads.open_head`) is filed under each of those words and prefixes, and there under
    the words of its best clause (`choosing.Chooser`); any other under those words alone. (One
    filed under two of a message's words is searched twice when it does not match: rare, and
    cheaper than a set of those tried.)

    `fast` answers as `match` without a Python frame once built: `held_match` (in C where
    built) given the list that holds the gates.
    """

    def __init__(self, engine: RuleEngine) -> None:
        self._engine = engine
        self._calls = 0  # messages asked before the gates are built
        self._built = False
        self._by_first: dict[str, Filed] = {}  # first word -> the anchored ones it allows
        self._length = 0  # the letters of a first word `_by_prefix` is keyed by
        self._by_prefix: dict[str, Filed] = {}  # its first letters -> those of open prefixes
        self._others: Filed = _filed([])  # the alternatives not anchored
        self._held: Held = [None, self._unbuilt]  # the gates once built, as `held_match` reads
        self.fast: Callable[[str, frozenset[str]], bool] = partial(FAST_MATCH, self._held)

    def match(self, text: str, words: frozenset[str]) -> bool:
        """Does a pattern that reads replies match `text`, whatever the message answered?"""
        return FAST_MATCH(self._held, text, words)

    def _unbuilt(self, text: str, words: frozenset[str]) -> bool:
        """`match` before the gates are built: the whole search (building them when due)."""
        self._calls += 1
        if self._calls % BUILD_CALLS == 0 and self._due():
            self.build()
        return self._engine.replies_match_whole(text, words)

    def _due(self) -> bool:
        """Are the gates worth building now (the plan file read, or long enough without)?"""
        engine = self._engine
        return self._calls >= LOAD_CALLS or engine.unplanned() < len(engine.patterns)

    def build(self) -> None:
        """Cut the patterns that read replies into gated alternatives and file them."""
        engine = self._engine
        ranks = Ranks(engine.lexicon.stopwords.get("en", frozenset()))
        by_first: dict[str, list[Keyed]] = {}
        others: list[Keyed] = []
        prefixed: list[tuple[frozenset[str], Keyed]] = []
        for pattern in engine.patterns:
            if pattern.context is None:
                continue
            parts = pattern.trigger_parts
            choose = Chooser(parts, ranks)
            for source, clauses, head in _alternatives(engine, pattern.source):
                key, _, need, several, check = choose(clauses)
                keyed = (key, _gated(need, several, parts if check else None, source))
                opened = (head, 0, NO_PREFIXES) if isinstance(head, frozenset) else (
                    open_prefixes(source))  # fmt: skip
                if opened is None:
                    others.append(keyed)
                    continue
                for word in opened[0]:
                    by_first.setdefault(word, []).append(keyed)
                if opened[2]:
                    prefixed.append((opened[2], keyed))
        # the prefixes cut to the shortest (a shorter prefix lets more by: still sound)
        length = min((len(p) for prefixes, _ in prefixed for p in prefixes), default=0)
        by_prefix: dict[str, list[Keyed]] = {}
        for prefixes, keyed in prefixed:
            for prefix in {p[:length] for p in prefixes}:
                by_prefix.setdefault(prefix, []).append(keyed)
        for word, found in by_first.items():  # (a first word's entry holds its prefix's)
            found += [keyed for keyed in by_prefix.get(word[:length], ()) if keyed not in found]
        shared: dict[tuple[int, ...], Filed] = {}  # (many first words file the same ones)
        filed_first: dict[str, Filed] = {}
        for word, found in by_first.items():  # (each with those not anchored)
            ids = tuple(map(id, found))
            filed_first[word] = shared.get(ids) or shared.setdefault(ids, _filed(found + others))
        self._by_first = filed_first
        self._length = length
        self._by_prefix = {
            prefix: _filed(found + others) for prefix, found in by_prefix.items()
        }
        self._others = _filed(others)
        self._held[0] = (self._by_first, length, self._by_prefix, self._others)
        self._built = True


def held_match(held: Held, text: str, words: frozenset[str]) -> bool:
    """`ReplyGates.match`, `held` being its `[gates or None, what answers until built]`. (In C:
    `_engine.replies_match`.)"""
    gates = held[0]
    if gates is None:
        return bool(held[1](text, words))
    return gated_match(text, words, gates)


def gated_match(text: str, words: frozenset[str], gates: Gates) -> bool:
    """`ReplyGates.match` once built: the alternatives filed under the text's first word (or
    its first letters, each entry with those not anchored), or else those not anchored, each
    searched when `words` pass its checks. (In C: `_engine.replies_match`, which walks the
    words a bloom of an index's words lets by.)"""
    by_first, length, by_prefix, others = gates
    first = FIRST_WORD.match(text).group()  # type: ignore[union-attr]
    filed = by_first.get(first)  # (its entry holds those of its prefix too)
    if filed is None:
        filed = by_prefix.get(first[:length], others)
    return _filed_match(filed, text, words)


def _filed(alternatives: list[Keyed]) -> Filed:
    """Alternatives filed under the words of their keys."""
    index: dict[str, list[Gated]] = {}
    for key, gated in alternatives:
        for word in key:
            index.setdefault(word, []).append(gated)
    bloom = bytearray(BLOOM_BITS // 8)
    for word in index:
        bit = hash(word) & (BLOOM_BITS - 1)
        bloom[bit >> 3] |= 1 << (bit & 7)
    return frozenset(index), {word: tuple(found) for word, found in index.items()}, bytes(bloom)


def _filed_match(filed: Filed, text: str, words: frozenset[str]) -> bool:
    """Does an alternative filed under one of `words`, whose other needed words `words` hold,
    match `text`? (The clause loop is written out: `triggers.all_present` cost more.)"""
    keys, index, _ = filed
    for word in words & keys:
        for need, several, trigger, ending, expression in index[word]:
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
            if ending is not None:
                stripped = text.rstrip(ending[0])
                if not stripped.endswith(ending[1].get(stripped[-1:], ())):
                    continue
            if (expression.regex or expression.compile()).search(text) is not None:
                return True
    return False


FAST_MATCH = held_match  # `held_match`, or its C twin where the extension is built
try:
    from tending.coach._engine import replies_match as _built_match
except ImportError:  # pragma: no cover - only where the extension could not be built
    pass
else:
    FAST_MATCH = _built_match


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
    return need or None, tuple(kept) or None, trigger, ending(source), Expression(source)


def ending(source: str) -> Ending | None:
    """What a text `source` matches must end with, where `source` is a run of literal phrases
    (each maybe with optional words at its end) and separators anchored at both ends: the text,
    stripped of those separators and a newline at its end, ends with one of the phrases (its
    last letter is the last phrase's). None for any other expression."""
    shape = ENDED.fullmatch(source)
    if shape is None:
        return None
    by_last: dict[str, list[str]] = {}
    for phrase in shape["phrases"].split("|"):
        parts = PHRASE.fullmatch(phrase)
        if parts is None:
            return None
        for made in (parts["words"], parts["words"] + (parts["optional"] or "")):
            if made not in by_last.get(made[-1], ()):
                by_last.setdefault(made[-1], []).append(made)
    separators = shape["separators"].replace("\\", "") + "\n"
    return separators, {last: tuple(phrases) for last, phrases in by_last.items()}


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
