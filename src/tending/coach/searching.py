"""The rule engine's inner loop over planned alternatives: `search_planned`.

`tending.coach._engine` (C, built when a compiler is at hand: `setup.py`) does the same steps
without the interpreter; this Python twin runs when it is not built, and
`tests/unit/coach/test_fast_paths.py` holds the two to the same answers. Per message the loop
gathers about twelve candidate alternatives from the word index, sorts them, checks their words
and searches about eight: the searches cost about 7 µs, the Python around them about 12 µs more.

The index (`PatternIndex._records`): key word -> (records filed under it alone, None or
{second word: records filed under both}, None or those second words as a frozenset, for the
twin's `&`). A record is a `Record` tuple:

- rank: pattern number * 1,000,000 + the alternative's place in its pattern (sort order);
- pattern: the pattern's number (the key of `best`);
- need: a tuple of words, every one needed;
- rest: clauses, each needing one of its words: a tuple of a few words, or a frozenset of more;
- trigger: None, or the pattern's trigger as (alone, keys, rest) (see `planning.trigger_met`);
- alternative: the `planning.Alternative` (its `regex`, compiled on first search by `compile`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from operator import itemgetter
from typing import Any

Trigger = tuple[frozenset[str], frozenset[str], dict[str, tuple[tuple[frozenset[str], ...], ...]]]
Clause = tuple[str, ...] | frozenset[str]
SMALL = 32  # a clause of at most this many words is kept as a tuple (its words looked up)


class Record(tuple):  # type: ignore[type-arg]
    """(rank, pattern, need, rest, trigger, alternative): a tuple hashed by identity, so a set
    of records dedupes one filed under two words without hashing what it holds."""

    __slots__ = ()
    __hash__ = object.__hash__


# a trigger word's pending patterns: those it alone triggers, and by a word of a second part
# the others, with the parts still to find (one word of each)
Pending = tuple[
    tuple[int, ...], frozenset[str], dict[str, tuple[tuple[int, tuple[frozenset[str], ...]], ...]]
]
RANK = itemgetter(0)  # records sort by rank (ints compare faster than tuples)
Index = dict[
    str,
    tuple[tuple[Record, ...], dict[str, tuple[Record, ...]] | None, frozenset[str] | None],
]


def as_clause(words: frozenset[str]) -> Clause:
    """A clause as records hold it: a few words as a tuple, more as the frozenset."""
    return tuple(sorted(words)) if len(words) <= SMALL else words


def trigger_met(trigger: Trigger, words: frozenset[str]) -> bool:
    """Is the trigger met: a word of `alone`, or every part of an entry of several (filed under
    the words of its smallest part)?"""
    alone, keys, rest = trigger
    if not alone.isdisjoint(words):
        return True
    for word in words & keys:
        for others in rest[word]:
            for part in others:
                if part.isdisjoint(words):
                    break
            else:
                return True
    return False


def search_planned(
    words: frozenset[str], text: str, index: Index, best: dict[int, re.Match[str]],
    compile: Callable[[Any], re.Pattern[str]],
) -> None:
    """Search `text` with the planned alternatives whose words are all in `words`, in pattern
    order and in each pattern in their own order, keeping in `best` each pattern's leftmost
    match (at one position, the alternative that comes first: what `re` answers for the whole
    pattern)."""
    found: set[Record] = set()
    for word in words & index.keys():
        alone, by_second, seconds = index[word]
        if alone:
            found.update(alone)
        if seconds:
            for second in words & seconds:
                found.update(by_second[second])  # type: ignore[index]
    number = -1
    fired: bool | None = None
    for _, pattern, need, rest, trigger, alternative in sorted(found, key=RANK):
        if pattern != number:
            number = pattern
            fired = None
        else:
            before = best.get(number)
            if before is not None and before.start() == 0:
                continue  # a later alternative cannot match further left
        if need and not words.issuperset(need):
            continue
        if rest:
            for needed in rest:
                if words.isdisjoint(needed):
                    break
            else:
                needed = None
            if needed is not None:
                continue
        if trigger is not None:
            if fired is None:
                fired = trigger_met(trigger, words)
            if not fired:
                continue
        regex = alternative.regex or compile(alternative)
        match = regex.search(text)
        if match is not None:
            before = best.get(number)
            if before is None or match.start() < before.start():
                best[number] = match


def triggered_pending(
    words: frozenset[str], pending_set: frozenset[str], split: dict[str, Pending],
    missing: Callable[[str], Pending | None],
) -> list[int]:
    """The numbers of the patterns not planned yet whose trigger the message meets, sorted.

    `split`: a trigger word's pending entries (`planning._split`): the patterns it alone
    triggers, and by a word of a second part the others with the parts still to find; made
    by `missing` for a word met first."""
    triggered: set[int] = set()
    for word in words & pending_set:
        found = split.get(word)
        if found is None:
            found = missing(word)
            if found is None:
                continue
        alone, seconds, by_second = found
        if alone:
            triggered.update(alone)
        if seconds:
            for second in words & seconds:
                for number, others in by_second[second]:
                    for part in others:
                        if part.isdisjoint(words):
                            break
                    else:
                        triggered.add(number)
    return sorted(triggered)


# what the engine runs: the C builds where there are (`setup.py`; optional: without a
# compiler the install goes on and the twins run)
FAST_SEARCH = search_planned
FAST_TRIGGERED = triggered_pending
try:
    from tending.coach._engine import search_planned as _built_search
    from tending.coach._engine import triggered_pending as _built_triggered
except ImportError:  # pragma: no cover - only where the extension could not be built
    pass
else:
    FAST_SEARCH = _built_search
    FAST_TRIGGERED = _built_triggered
