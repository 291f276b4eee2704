"""Clauses that hold a word of every one of a few strings, chosen cheap (`covers`).

`literals.Reader.words_of` reads the words of each string a piece of an expression stands for
(`you (?:always )?(?:know how to|make me laugh)` stands for four); a clause of words one of
which every string holds is then one any text the piece matches holds. The strings of a piece
multiply out its optional parts and branches, so the rarest word of each string is a poor
choice (`always`, `how`, `laugh`: a word of each string, where `know` or `make` holds them all);
a greedy cover, weighed by the words' costs, finds the few words that hold them all.

A run of letters (`x+`, `o{2,}`) stands for strings too (`run_strings`): its short forms, and
the one of `STEM` letters marked as one that may grow, which `words_of` reads by its stem.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable
from itertools import product

from tending.coach.stems import STEM

Clause = frozenset[str]
COVERS = 3  # most clauses `covers` makes of one piece
STARTS = 8  # the first words a cover is tried from (the best by what they hold for their cost)
GROW = "\x01"  # after a run of letters in a piece's strings: more may follow (`run_strings`)
TOKEN_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz_")  # what a word of a message is made of
LIMIT = 512  # the most strings a finite piece of an expression may stand for
USED = 1000  # how much more a used word costs in a later cover (used only where needed)


def covers(per_string: list[list[str]], cost: Callable[[str], int]) -> list[Clause]:
    """Clauses that hold a word of every string (`per_string`: the words of each), each as
    cheap as a greedy choice finds it: the word that holds the most strings not held yet for
    its cost, until every string is held, then any word the others make needless dropped
    (`you (?:always )?(?:know how to|make me laugh)` needs `know` or `make`, where the rarest
    word of each string gives {always, how, laugh}). Up to `COVERS` clauses, each later one
    made of other words where it can (a word used already costs `USED` times more)."""
    holds: dict[str, int] = {}  # word -> the strings that hold it, as a bitmap
    for number, words in enumerate(per_string):
        for word in words:
            holds[word] = holds.get(word, 0) | 1 << number
    every = (1 << len(per_string)) - 1
    found: list[Clause] = []
    used: set[str] = set()
    for _ in range(COVERS):
        weight = {word: cost(word) * (USED if word in used else 1) for word in holds}
        clause = _cover(holds, weight, every)
        if clause in found:
            break
        found.append(clause)
        used |= clause
    return found


def _cover(holds: dict[str, int], weight: dict[str, int], every: int) -> Clause:
    """The cheapest of the greedy covers of the strings `every` by the words of `holds` that
    start from one of the `STARTS` best words (greedy alone goes wrong on ties: from
    `always` in "always know how" / "know how" / "make me laugh" / "always make", where
    `know` then `make` hold all four)."""
    ratio = {word: held.bit_count() / weight[word] for word, held in holds.items()}
    starts = heapq.nsmallest(STARTS, holds, key=lambda w: (-ratio[w], w))
    best: tuple[int, int, list[str]] | None = None
    for start in starts:
        chosen = _greedy(holds, weight, every & ~holds[start], [start])
        found = (sum(weight[w] for w in chosen), len(chosen), sorted(chosen))
        if best is None or found < best:
            best = found
    return frozenset(best[2]) if best is not None else frozenset()


def _greedy(holds: dict[str, int], weight: dict[str, int], left: int, chosen: list[str]
            ) -> list[str]:  # fmt: skip
    """`chosen` and the words a greedy choice adds to hold the strings `left` (lazy: a word's
    gain only falls as others are chosen, so it is worked out again only when it comes up),
    then the words the others make needless dropped, dearest first."""
    heap = [(-(holds[w] & left).bit_count() / weight[w], w, (holds[w] & left).bit_count())
            for w in holds if holds[w] & left]  # fmt: skip
    heapq.heapify(heap)
    while left:
        _, word, count = heapq.heappop(heap)
        now = (holds[word] & left).bit_count()
        if now < count:  # (stale: its gain fell since; back in with what it holds now)
            if now:
                heapq.heappush(heap, (-now / weight[word], word, now))
            continue
        chosen.append(word)
        left &= ~holds[word]
    for word in sorted(chosen, key=lambda w: (-weight[w], w)):
        others = 0
        for other in chosen:
            if other != word:
                others |= holds[other]
        if holds[word] & ~others == 0:
            chosen.remove(word)
    return chosen


def run_strings(letters: frozenset[str] | None, low: int) -> frozenset[str] | None:
    """A run of `low` or more of the word characters `letters` (`x+`, `o{2,}`): its strings up
    to `STEM` letters, the longest marked as one that may grow (`GROW`: a word `words_of`
    reads as open there, by its stem). None when the body is not single word characters."""
    if not letters or low > STEM or not all(len(c) == 1 and c in TOKEN_CHARS for c in letters):
        return None
    found: set[str] = {""} if low == 0 else set()
    power: frozenset[str] | None = frozenset({""})
    for count in range(1, STEM + 1):
        power = _product(power, letters)
        if power is None:
            return None
        if count >= low:
            found.update(power if count < STEM else (text + GROW for text in power))
    return frozenset(found)


def _product(first: frozenset[str] | None, second: frozenset[str]) -> frozenset[str] | None:
    """Every string of `first` followed by one of `second` (None: more than `LIMIT`)."""
    if first is None or len(first) * len(second) > LIMIT:
        return None
    return frozenset(a + b for a, b in product(first, second))
