r"""The rule engine's inner loop over planned alternatives: `search_planned`.

`tending.coach._engine` (C, built when a compiler is at hand: `setup.py`) does the same steps
without the interpreter; this Python twin runs when it is not built, and
`tests/unit/coach/test_fast_paths.py` holds the two to the same answers. Per message the loop
gathers about twelve candidate alternatives from the word index, sorts them, checks their words
and searches about eight: the searches cost about 7 µs, the Python around them about 12 µs more.

The index (`PatternIndex._records`): key word -> (records filed under it alone, None or
{second word: records filed under both}, None or those second words as a frozenset, and for
the C build the entry's records' checks as one table and its records as one tuple:
`WordIds.table`). A record is a `Record` tuple:

- rank: pattern number * 1,000,000 + the alternative's place in its pattern (sort order);
- pattern: the pattern's number (the key of `best`);
- need: a frozenset of words, every one needed;
- rest: clauses (frozensets), each needing one of its words;
- trigger: None, or the pattern's trigger as (alone, keys, rest) (see `trigger_met`);
- alternative: the `planning.Alternative` (its `regex`, compiled on first search by `compile`);
- rank, need and rest again as the C build reads them, in one bytes object (`WordIds.blob`:
  the needed words' numbers, each clause as its words' numbers), copied into the tables of
  the entries it is filed in, and the trigger's sets as bitmaps. A message's words are looked
  up once for their numbers and set in a bitmap; the C build then checks each candidate's
  words in its entry's table (a few bit tests, reading one small buffer per word of the
  message), where probing frozensets cost a hash look-up per word, and reading each
  candidate record and its checks a cache miss or two (about 20 candidates a message, of
  which about 4 pass their words and are searched);
- head: None, or for an alternative anchored at the text's start the first words a text it
  matches can have (`heads.head_words`): a text whose first word (`heads.first_word`) is not
  one of them is not searched; or for one that starts with punctuation marks (`[.!?;,]\s*`)
  the marks and the words that can follow them (`heads.follow_words`, `heads.follows`).

`run_planned` is the rule engine's whole common path (every triggered pattern planned, no
reply read): `search_planned`, then each match's checks (`passes_guard`) and the hits. A
pattern's `Guard` is (requires or None, its `unless` cut into alternatives or None, negatable,
the unless's gate as a set and as a bitmap, or None): each `unless` alternative is an
`UnlessRecord` (need, rest, their `blob`, the alternative), filed under the words of its best
clause (`Unless`), and searched in the match's sentence only when the message holds its words.
Most messages hold none of an `unless`'s alternatives' words, and most not even a word of its
gate, one of which every alternative needs: searched whole, the `unless`es cost about 1.4 µs
a message, and checking each alternative's words about 1 µs (58 alternatives a message).
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable
from itertools import accumulate
from operator import itemgetter
from struct import pack
from typing import Any

from tending.coach.heads import Head, first_word, passes

Trigger = tuple[frozenset[str], frozenset[str], dict[str, tuple[tuple[frozenset[str], ...], ...]]]
Bits = bytes  # a set of words as a bitmap of their numbers (bit n % 8 of byte n // 8)
# a trigger as `_engine.c` reads it (`WordIds.trigger`): 32-bit numbers
NumbersTrigger = bytes


class Record(tuple):  # type: ignore[type-arg]
    """(rank, pattern, need, rest, trigger, alternative, the checks for C, head): a
    tuple hashed by identity, so a set of records dedupes one filed under two words without
    hashing what it holds."""

    __slots__ = ()
    __hash__ = object.__hash__


# a trigger word's pending patterns: those it alone triggers, and by a word of a second part
# the others, with the parts still to find (one word of each)
Pending = tuple[
    tuple[int, ...], frozenset[str], dict[str, tuple[tuple[int, tuple[frozenset[str], ...]], ...]]
]
# a pattern's checks: requires, its unless's alternatives (None: no unless), negatable
UnlessRecord = tuple[frozenset[str], tuple[frozenset[str], ...], bytes, Any]
# an unless's alternatives: those with no words to check, and by word those filed under each
# word of their best clause (one of which a sentence they match holds)
Unless = tuple[tuple[UnlessRecord, ...], dict[str, tuple[UnlessRecord, ...]]]
Guard = tuple[
    "re.Pattern[str] | None", "Unless | None", bool, frozenset[str] | None, Bits | None
]
# an `[[imply]]` rule as `implied_hits` reads it: (source flag, `when`'s gate (words one of
# which a sentence it matches holds, None: no such words), that gate as a bitmap, `when`,
# `unless`'s gate, as a bitmap, `unless` or None, the flag implied, why)
GatedRule = tuple[
    str, frozenset[str] | None, Bits | None, "re.Pattern[str]", frozenset[str] | None,
    Bits | None, "re.Pattern[str] | None", str, str,
]
# what `run_planned` needs besides the search: each pattern's (flag, why, id, has checks,
# reads a reply), each pattern's `Guard` (None until planned or when it has no checks), the
# hit type, the negation expression, the flags `[[imply]]` reads, its rules, the compiler of
# an unless alternative, and the index's entries' tables and their records by word number
# (`WordIds.ids`; None where a number has none: the C build looks a word up once, for its
# number)
Finish = tuple[
    tuple[tuple[str, str, str, bool, bool], ...], "list[Guard | None]", Any, "re.Pattern[str]",
    frozenset[str], list[GatedRule], Callable[[Any], "re.Pattern[str]"], "list[bytes | None]",
    "list[tuple[Record, ...] | None]",
]
# an entry with more second words than this has their bitmap in its table (`WordIds.table`):
# a message's words tested there, not in a scan of their numbers
MANY_SECONDS = 32
SENTENCE_END = re.compile(r"[.!?;\n]")
UP_TO_LAST_MARK = re.compile(r".*[.!?;\n]", re.DOTALL)  # the text up to its last sentence mark
RANK = itemgetter(0)  # records sort by rank (ints compare faster than tuples)
IndexEntry = tuple[
    tuple[Record, ...], dict[str, tuple[Record, ...]] | None, frozenset[str] | None, bytes,
    tuple[Record, ...],
]
Index = dict[str, IndexEntry]


class Table:
    """An index entry's parts as `WordIds.table` keeps them between filings: its records,
    the slots of those alone and their count, each second word's slots, the second words'
    numbers (sorted), the words in that order, and each one's count of slots and their size
    (in 32-bit numbers) in that order."""

    __slots__ = (
        "records", "alone", "alone_count", "by_second", "numbers", "seconds", "counts", "sizes"
    )

    def __init__(
        self, records: tuple[Record, ...], alone: bytes, alone_count: int,
        by_second: dict[str, bytes], numbers: list[int], seconds: list[str], counts: list[int],
        sizes: list[int],
    ) -> None:  # fmt: skip
        self.records = records
        self.alone = alone
        self.alone_count = alone_count
        self.by_second = by_second
        self.numbers = numbers
        self.seconds = seconds
        self.counts = counts
        self.sizes = sizes


class WordIds:
    """Each word a record, a trigger or the index needs, numbered as first met (for the C
    build: sets of words as bitmaps of these numbers). A bitmap made before a word was numbered
    is shorter than its number: the word is not in it, as it was not in the set."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        # a clause as `blob` writes it, kept: its words are numbered once, so it never changes
        # (the alternatives of a pattern share most of their clauses)
        self._written: dict[frozenset[str], bytes] = {}
        self._checks: dict[tuple[frozenset[str], tuple[frozenset[str], ...]], bytes] = {}
        self._heads: dict[frozenset[str], bytes] = {}  # head gates as numbers (`_head`)
        # each entry's parts as `table` made them last (grown in place at each filing)
        self._tables: dict[str, Table] = {}

    def bits(self, words: Iterable[str]) -> Bits:
        ids = self.ids
        numbers = [ids.setdefault(word, len(ids)) for word in words]
        out = bytearray(max(numbers, default=-1) // 8 + 1)
        for number in numbers:
            out[number >> 3] |= 1 << (number & 7)
        return bytes(out)

    def blob(self, rank: int, need: frozenset[str], rest: tuple[frozenset[str], ...]) -> bytes:
        """A record's rank and word checks in one bytes object, as `_engine.c` reads them (one
        object, where a tuple of bytes objects cost a cache miss each), in 32-bit numbers but
        the rank (64 bits): the rank, the counts of needed words and of clauses, the needed
        words' numbers, then each clause as its count of words and their numbers (a clause
        as numbers, not a bitmap: 9 words are 36 bytes, where a bitmap of numbers up to 5,000
        spread its bits over ten cache lines)."""
        checks = self._checks.get((need, rest))
        if checks is None:
            checks = self._checks[(need, rest)] = self._write_checks(need, rest)
        return pack("q", rank) + checks

    def _write_checks(self, need: frozenset[str], rest: tuple[frozenset[str], ...]) -> bytes:
        """`blob` after the rank (kept per need and clauses: alternatives share them, and
        their words' numbers never change)."""
        numbers = self._numbers(need)
        out = [pack(f"ii{len(numbers)}i", len(numbers), len(rest), *numbers)]
        written = self._written
        for clause in rest:
            found = written.get(clause)
            if found is None:
                numbers = self._numbers(clause)
                found = written[clause] = pack(f"i{len(numbers)}i", len(numbers), *numbers)
            out.append(found)
        return b"".join(out)

    def _numbers(self, words: Iterable[str]) -> list[int]:
        ids = self.ids
        return sorted([ids.setdefault(word, len(ids)) for word in words])

    def table(
        self, word: str, alone: list[Record], by_second: dict[str, list[Record]]
    ) -> tuple[bytes, tuple[Record, ...]]:
        """The entry of `word` as `_engine.c` gathers it, once `alone` and `by_second` are
        filed under it too: its records in one tuple (each added at its end), and a table
        (32-bit numbers) of their word checks, so a message reads one small buffer per word
        it holds, not each candidate record and its checks (two cache misses each, for about
        20 candidates of which 4 are searched). The table: the count of second words, of
        records alone and of numbers in the bitmap that follows (for more than `MANY_SECONDS`
        second words, their numbers as a bitmap; else none); the second words' numbers,
        sorted; in that order each one's count of slots, then the place of its first slot (in
        numbers from the table's start); then the slots of the records alone, then those of
        each second word in turn. A slot: its size (in numbers), its record's place in the
        tuple, the count of its head gate's first words (-1: none to check here), the
        record's `blob`, then those words' numbers, sorted (a text whose first word is not
        one of them is passed over without reading its record: `heads.head_words`).

        Each part is kept and grown: a word is filed under about 16 times, once per pattern,
        and has about 40 second words. Each array apart: a binary search reads only the
        numbers. A message tests its words in the bitmap (independent reads) and searches
        only for those in it, where a binary search for each of its words was a chain of
        dependent reads."""
        found = self._tables.get(word)
        if found is None:
            found = self._tables[word] = Table((), b"", 0, {}, [], [], [], [])
        places = len(found.records)
        found.records += (*alone, *[record for added in by_second.values() for record in added])
        found.alone += self._slots(alone, places)
        found.alone_count += len(alone)
        places += len(alone)
        ids, numbers = self.ids, found.numbers
        for second, added in by_second.items():
            number = ids.setdefault(second, len(ids))
            place = bisect_left(numbers, number)
            if place == len(numbers) or numbers[place] != number:
                numbers.insert(place, number)
                found.seconds.insert(place, second)
                found.counts.insert(place, 0)
                found.sizes.insert(place, 0)
            slots = self._slots(added, places)
            found.by_second[second] = found.by_second.get(second, b"") + slots
            found.counts[place] += len(added)
            found.sizes[place] += len(slots) // 4
            places += len(added)
        bitmap = _bitmap(numbers) if len(numbers) > MANY_SECONDS else b""
        start = 3 + len(bitmap) // 4 + 3 * len(numbers) + len(found.alone) // 4
        places_of = list(accumulate(found.sizes, initial=start))[:-1]  # (each second's first)
        parts = [
            pack("iii", len(numbers), found.alone_count, len(bitmap) // 4), bitmap,
            array("i", numbers).tobytes(), array("i", found.counts).tobytes(),
            array("i", places_of).tobytes(), found.alone,
            *[found.by_second[second] for second in found.seconds],
        ]  # fmt: skip
        return b"".join(parts), found.records

    def _slots(self, records: list[Record], place: int) -> bytes:
        """The slots of `records` (`table`), the first at `place` in the entry's tuple."""
        slots = []
        for offset, record in enumerate(records):
            head = self._head(record[8])
            slots.append(
                pack("iii", 3 + len(record[6]) // 4 + len(head) // 4, place + offset,
                     -1 if record[8] is None or isinstance(record[8], tuple) else len(head) // 4)
                + record[6] + head
            )  # fmt: skip
        return b"".join(slots)

    def _head(self, head: Head) -> bytes:
        """The first words of a head gate (`heads.head_words`) as their numbers, sorted (b""
        for no such gate)."""
        if not isinstance(head, frozenset):
            return b""
        found = self._heads.get(head)
        if found is None:
            found = self._heads[head] = array("i", self._numbers(head)).tobytes()
        return found

    def trigger(self, trigger: Trigger) -> NumbersTrigger:
        """`trigger` in 32-bit numbers, as `_engine.c` checks it against the bitmap of a
        message's words (where look-ups by word in `rest` cost a hash probe each): the count
        of words alone and their numbers, the count of entries of several parts, then each
        entry as its key word's number, its count of parts and each part as its count of
        words and their numbers."""
        alone, _, rest = trigger
        numbers = self._numbers(alone)
        out = [len(numbers), *numbers, sum(len(entries) for entries in rest.values())]
        for word, entries in rest.items():
            for parts in entries:
                out += (self.ids.setdefault(word, len(self.ids)), len(parts))
                for part in parts:
                    numbers = self._numbers(part)
                    out += (len(numbers), *numbers)
        return array("i", out).tobytes()

    def record(
        self, rank: int, pattern: int, need: frozenset[str], rest: tuple[frozenset[str], ...],
        trigger: tuple[Trigger, NumbersTrigger] | None, alternative: Any,
        head: Head = None,
    ) -> Record:
        return Record((
            rank, pattern, need, rest, trigger and trigger[0], alternative,
            self.blob(rank, need, rest), trigger and trigger[1], head,
        ))  # fmt: skip


def _bitmap(numbers: list[int]) -> bytes:
    """`numbers` as a bitmap (bit n % 8 of byte n // 8), padded to 32-bit numbers."""
    joined = 0
    for number in numbers:
        joined |= 1 << number
    return joined.to_bytes((max(numbers) // 32 + 1) * 4, "little")


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
    compile: Callable[[Any], re.Pattern[str]], ids: dict[str, int],
) -> None:
    """Search `text` with the planned alternatives whose words are all in `words`, in pattern
    order and in each pattern in their own order, keeping in `best` each pattern's leftmost
    match (at one position, the alternative that comes first: what `re` answers for the whole
    pattern). `ids`: the words' numbers (`WordIds.ids`; the C build's, unused here)."""
    found: set[Record] = set()
    for word in words & index.keys():
        alone, by_second, seconds, _, _ = index[word]
        if alone:
            found.update(alone)
        if seconds:
            for second in words & seconds:
                found.update(by_second[second])  # type: ignore[index]
    number = -1
    fired: bool | None = None
    first: str | None = None
    for _, pattern, need, rest, trigger, alternative, _, _, head in sorted(found, key=RANK):
        if pattern != number:
            number = pattern
            fired = None
        else:
            before = best.get(number)
            if before is not None and before.start() == 0:
                continue  # a later alternative cannot match further left
        if need and not need <= words:
            continue
        if rest:
            for needed in rest:
                if needed.isdisjoint(words):
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
        if head is not None:
            if first is None:
                first = first_word(text)
            if not passes(head, text, first):
                continue  # the text does not start, or have a word after a mark, as it must
        regex = alternative.regex or compile(alternative)
        match = regex.search(text)
        if match is not None:
            before = best.get(number)
            if before is None or match.start() < before.start():
                best[number] = match


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence that holds the span [start, end): from after the last mark before `start`
    (one match, where five `rfind`s and a `max` cost twice as much) to the first mark at or
    after `end`, included."""
    found = UP_TO_LAST_MARK.match(text, 0, start)
    left = found.end() if found is not None else 0
    found = SENTENCE_END.search(text, end)
    return text[left : found.end() if found is not None else len(text)]


def passes_guard(
    guard: Guard, text: str, words: frozenset[str], start: int, end: int,
    compile: Callable[[Any], re.Pattern[str]], negation: re.Pattern[str],
) -> bool:
    """Does the match at [start, end) pass its pattern's checks: `requires` found in the
    text, no alternative of `unless` whose words the message holds found in the match's
    sentence, and (a negatable pattern) no negation just before it?"""
    requires, unless, negatable, gate, _ = guard
    if requires is not None and requires.search(text) is None:
        return False
    if unless is not None and (gate is None or not gate.isdisjoint(words)):
        always, by_word = unless
        sentence = None
        for records in (always, *[by_word[word] for word in words & by_word.keys()]):
            for need, rest, _, alternative in records:
                if need and not need <= words:
                    continue
                for clause in rest:
                    if clause.isdisjoint(words):
                        break
                else:
                    if sentence is None:
                        sentence = sentence_around(text, start, end)
                    if (alternative.regex or compile(alternative)).search(sentence):
                        return False
    return not (negatable and negation.search(text, max(0, start - 24), start))


def run_planned(
    words: frozenset[str], text: str, index: Index, compile: Callable[[Any], re.Pattern[str]],
    ids: dict[str, int], finish: Finish,
) -> list[Any]:
    """The hits of the planned patterns: `search_planned`, then, in pattern order, each
    match that passes its pattern's `Guard` as a hit, and the hits `[[imply]]` adds."""
    best: dict[int, re.Match[str]] = {}
    search_planned(words, text, index, best, compile, ids)
    if not best:
        return []
    outcomes, guards, hit_type, negation, implying, rules, compile_unless, _, _ = finish
    hits: list[Any] = []
    for number, match in best.items():
        flag, why, rule, checked, _ = outcomes[number]
        start, end = match.span()
        if checked and not passes_guard(
            guards[number], text, words, start, end, compile_unless, negation  # type: ignore[arg-type]
        ):
            continue
        hits.append(tuple.__new__(hit_type, (flag, start, end, why, rule)))
    if hits and not implying.isdisjoint([hit[0] for hit in hits]):
        hits += implied_hits(rules, text, words, hits, hit_type)
    return hits


def implied_hits(
    rules: list[GatedRule], text: str, words: frozenset[str], hits: list[Any], hit_type: Any
) -> list[Any]:
    """The hits `[[imply]]` rules add: for each rule, the first hit of its source flag whose
    sentence its `when` matches and its `unless` does not (a rule whose `when` needs a word the
    message lacks is skipped, an `unless` whose words it lacks is not searched)."""
    implied: list[Any] = []
    for source, when_gate, _, when, unless_gate, _, unless, flag, why in rules:
        if when_gate is not None and when_gate.isdisjoint(words):
            continue
        for hit in hits:
            if hit[0] != source:
                continue
            start, end = hit[1], hit[2]
            sentence = sentence_around(text, start, end)
            if not when.search(sentence):
                continue
            if (
                unless is None
                or (unless_gate is not None and unless_gate.isdisjoint(words))
                or not unless.search(sentence)
            ):
                implied.append(tuple.__new__(hit_type, (flag, start, end, why, "imply")))
                break
    return implied


def triggered_pending(
    words: frozenset[str], pending_set: frozenset[str], split: dict[str, Pending],
    missing: Callable[[str], Pending | None],
) -> list[int]:
    """The numbers of the patterns not planned yet whose trigger the message meets, sorted.

    `split`: a trigger word's pending entries (`triggers.split_entries`): the patterns it alone
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
FAST_RUN = run_planned
try:
    from tending.coach._engine import run_planned as _built_run
    from tending.coach._engine import search_planned as _built_search
    from tending.coach._engine import triggered_pending as _built_triggered
except ImportError:  # pragma: no cover - only where the extension could not be built
    pass
else:
    FAST_SEARCH = _built_search
    FAST_TRIGGERED = _built_triggered
    FAST_RUN = _built_run
