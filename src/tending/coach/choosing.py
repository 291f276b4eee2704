"""Choosing what a planned alternative is filed under and checks, from its clauses and its
pattern's trigger (`Chooser`), and the word gate of an `unless` (`unless_gate`).

`planning.PatternIndex` files every alternative by these choices; `plan_file` writes them for
every pattern into `data/plans.json.gz`, so they are worked out here only for an expression the
file does not hold (and when the file is rebuilt).
"""

from __future__ import annotations

from collections.abc import Callable

from tending.coach.literals import Clause

REST = 4  # clauses of several words checked before a search (more cost more than they save)
# the most words a clause checked before a search may have: a longer one (a class of 300
# feelings) is checked word by word on every candidate, and costs more than the searches it
# saves (on the benchmark's messages, clauses of more than 200 words doubled the word tests)
LONG = 48
PAIRS = 400  # most (key, second key) entries one alternative may take in the index
NONE = frozenset({""})  # the second key of an alternative filed under its key alone

Parts = tuple[frozenset[str], ...]  # trigger parts still to find, one word of each
TriggerParts = tuple[Parts, ...]  # a pattern's trigger: entries of parts
# `Chooser`: (key, second key, words needed, clauses of several words, check the trigger?)
Choice = tuple[frozenset[str], frozenset[str], frozenset[str], tuple[Clause, ...], bool]


class Ranks:
    """How good a gate a clause is, best first: the cost of its words (40 for a common
    word, 1 for another: a clause is only as rare as its commonest words let it be), then
    its words in order, so ties go the same way every time. Kept per clause: the same
    classes come back in pattern after pattern."""

    def __init__(self, common: frozenset[str]) -> None:
        self.common = common
        self.kept: dict[Clause, tuple[int, list[str]]] = {}

    def __call__(self, clause: Clause) -> tuple[int, list[str]]:
        found = self.kept.get(clause)
        if found is None:
            cost = len(clause) + 39 * len(clause & self.common)  # = sum of `common_cost`
            found = self.kept[clause] = (cost, sorted(clause))
        return found


class Chooser:
    """What a pattern's alternative is filed under and checks, from its clauses and the
    pattern's trigger: (key: the clause whose words file it, second: the clause whose words
    file it with the key's (`NONE`: the key alone), need: words each needed, several: clauses
    of several words each needing one, check: whether the trigger is still to be checked).
    Written for every pattern in `data/plans.json.gz` (`plan_file`), worked out here for a
    pattern the file does not hold."""

    def __init__(self, parts: TriggerParts, rank: Callable[[Clause], tuple[int, list[str]]]):
        self.rank = rank
        self.trigger_key = frozenset(
            word for entry in parts for word in min(entry, key=rank)
        )  # fmt: skip
        self.trigger_cost = rank(self.trigger_key)[0]
        self.single_parts = all(len(entry) == 1 for entry in parts)
        self.singles = frozenset(w for entry in parts if len(entry) == 1 for w in entry[0])
        self.implies = _Implies(parts)

    def __call__(self, clauses: list[Clause]) -> Choice:
        options = sorted(clauses, key=self.rank)
        implied = self.implies(clauses)
        if options and self.rank(options[0])[0] <= self.trigger_cost:
            key, rest = options[0], tuple(options[1:])
            check = not implied
        else:
            key, rest = self.trigger_key, tuple(options)
            check = not (implied or self.single_parts)
        # the second key: the cheapest other clause, if indexing by both stays small
        # (a clause that shares no word with the key first: one that does is met by the
        # key word itself, found for every message that holds it)
        small = [c for c in rest if len(key) * len(c) <= PAIRS]
        seconds = next((c for c in small if c.isdisjoint(key)), small[0] if small else NONE)
        need = frozenset(w for c in rest if len(c) == 1 for w in c)
        trigger: tuple[Clause, ...] = ()
        if check and self.single_parts:
            # a trigger of one-part entries is one more clause (a word of any entry):
            # checked with the others, not by `searching.trigger_met` (a call per pattern)
            if len(self.singles) == 1:
                need |= self.singles
            else:
                trigger = (self.singles,)
            check = False
        return key, seconds, need, self._several(key, need, rest) + trigger, check

    def _several(self, key: Clause, need: frozenset[str], rest: tuple[Clause, ...]) -> tuple[
            Clause, ...]:  # fmt: skip
        """The clauses of several words to check (`rest` ranked best first): the best `REST`
        of at most `LONG` words that another check does not already meet (a clause holding a
        needed word, every key word, or every word of a clause kept before it is met whenever
        those are)."""
        kept: list[Clause] = []
        for clause in rest:
            if len(kept) == REST:
                break
            if (1 < len(clause) <= LONG and clause.isdisjoint(need) and not key <= clause
                    and not any(other <= clause for other in kept)):  # fmt: skip
                kept.append(clause)
        return tuple(kept)


def unless_gate(
    clauses: list[list[Clause]], rank: Callable[[Clause], tuple[int, list[str]]]
) -> frozenset[str] | None:
    """Words one of which a sentence needs for an `unless` whose alternatives have `clauses`
    to match: the best clause of each (None: an alternative has none)."""
    if not all(clauses):
        return None
    return frozenset().union(*(min(found, key=rank) for found in clauses))


class _Implies:
    """Do a list of clauses imply the trigger `parts` (some entry with every part sure to be
    present: a clause within it)? What each clause implies is worked out once per pattern (its
    alternatives share most of their clauses): -1 when it is within an entry of one part, else
    a bitmap of the parts of the entries of several it is within."""

    def __init__(self, parts: tuple[tuple[frozenset[str], ...], ...]) -> None:
        self.alone = [entry[0] for entry in parts if len(entry) == 1]
        self.parts: list[tuple[int, frozenset[str]]] = []  # (bit, part) of the entries of several
        self.entries: list[int] = []  # each entry of several as the bitmap of its parts
        for entry in parts:
            if len(entry) > 1:
                first = len(self.parts)
                self.parts += [(1 << (first + j), part) for j, part in enumerate(entry)]
                self.entries.append(((1 << len(entry)) - 1) << first)
        self.kept: dict[Clause, int] = {}

    def _of(self, clause: Clause) -> int:
        found = 0
        if any(clause <= part for part in self.alone):
            found = -1
        else:
            for bit, part in self.parts:
                if clause <= part:
                    found |= bit
        self.kept[clause] = found
        return found

    def __call__(self, clauses: list[Clause]) -> bool:
        kept = self.kept
        within = 0
        for clause in clauses:
            found = kept.get(clause)
            if found is None:
                found = self._of(clause)
            if found < 0:
                return True
            within |= found
        for entry in self.entries:  # noqa: SIM110 - (a loop: cheaper than `any` here)
            if within & entry == entry:
                return True
        return False
