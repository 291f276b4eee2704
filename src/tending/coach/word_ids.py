"""The numbers of the words the rule engine's index needs, and the index's records and
tables as the C build (`_engine.c`) reads them.

`WordIds` numbers each word a record, a trigger or the index needs as first met; a set of
words is then a bitmap or a sorted array of numbers, and a message's words are looked up once
for theirs (see `searching.py` for the index and its records).
"""

from __future__ import annotations

import sys
from array import array
from collections.abc import Iterable
from itertools import accumulate
from operator import itemgetter
from struct import pack
from typing import Any

from tending.coach.heads import ALL, Head

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


_NUMBER = itemgetter(0)  # (the second words added to a table, in their numbers' order)
# an entry with more second words than this has their bitmap in its table (`WordIds.table`):
# a message's words tested there (about 8 with a number), not in a scan of their numbers
# (was 32: the entries of 9 to 32 second words cost 80 instructions a message more scanned,
# their bitmaps 0.6 MB more of tables)
MANY_SECONDS = 8
# a pending gate of more second words than that is this mark (-1 as a 32-bit number, in any
# byte order) and their bitmap (`triggers.gate_of`): a message's words tested there
BITMAP_MARK = b"\xff\xff\xff\xff"
# a set of words one of which is needed, of this many words or more, is written with a filter
# of its numbers (`word_set`: `LONG_SET` and `FILTER_WORDS` in `_engine.c`)
LONG_SET = 16
FILTER_BITS = 1024


class Table:
    """An index entry as `WordIds.table` keeps it between filings: its records and its last
    table (which the next one grows: `grow_table`)."""

    __slots__ = ("records", "table")

    def __init__(self) -> None:
        self.records: tuple[Record, ...] = ()
        self.table = b""


class WordIds:
    """Each word a record, a trigger or the index needs, numbered as first met (for the C
    build: sets of words as bitmaps of these numbers). A bitmap made before a word was numbered
    is shorter than its number: the word is not in it, as it was not in the set."""

    def __init__(self, words: Iterable[str] = ()) -> None:
        self.ids: dict[str, int] = {word: number for number, word in enumerate(words)}
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
        words' numbers, then each clause as its count of words and their numbers (`word_set`,
        which adds a filter to a long one; a clause as numbers, not a bitmap: 9 words are 36
        bytes, where a bitmap of numbers up to 5,000 spread its bits over ten cache lines)."""
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
                found = written[clause] = word_set(self._numbers(clause))
            out.append(found)
        return b"".join(out)

    def _numbers(self, words: Iterable[str]) -> list[int]:
        ids = self.ids
        try:  # (most words have their number by then: looked up without a Python loop)
            return sorted(map(ids.__getitem__, words))
        except KeyError:  # (numbered in the order read, as when all are new)
            return sorted([ids.setdefault(word, len(ids)) for word in words])

    def table(
        self, word: str, alone: list[Record], by_second: dict[str, list[Record]]
    ) -> tuple[bytes, tuple[Record, ...]]:
        """The entry of `word` as `_engine.c` gathers it, once `alone` and `by_second` are
        filed under it too: its records in one tuple (each added at its end), and a table
        (32-bit numbers) of their word checks, so a message reads one small buffer per word
        it holds, not each candidate record and its checks (two cache misses each, for about
        20 candidates of which 4 are searched). The table: the count of second words, of
        records alone and of words in the bitmap that follows (for more than `MANY_SECONDS`
        second words, their numbers as a bitmap, with ranks: `_bitmap`; else none); the
        second words' numbers, sorted; in that order each one's count of slots, then the place
        of its first slot (in numbers from the table's start); then the slots of the records
        alone, then those of each second word in turn. A slot: its size (in numbers), its
        record's place in the tuple, the count of its head gate's first words (-1: none to
        check here), the record's `blob`, then those words' numbers, sorted (a text whose
        first word is not one of them is passed over without reading its record:
        `heads.head_words`; of a gate of all of several, its first words when it has them:
        the record's head is then read and checked whole).

        Each filing grows the last table (`grow_table`, in C where built: in Python it was a
        third of planning's cost): a word is filed under about 16 times, once per pattern, and
        has about 12 second words (the commonest, 100 to 260). Each array apart: a binary
        search reads only the numbers. A message tests its words in the bitmap (independent
        reads) and finds the place of those in it from the ranks, where a binary search for
        each of its words was a chain of dependent reads."""
        found = self._tables.get(word)
        if found is None:
            found = self._tables[word] = Table()
        filed = [*alone, *[record for added in by_second.values() for record in added]]
        slots = self._slots(filed, len(found.records))  # (all in one call, then grouped)
        found.records += tuple(filed)
        alone_slots = b"".join(slots[: len(alone)])
        at = len(alone)
        ids = self.ids
        seconds: list[tuple[int, int, bytes]] = []
        for second, added in by_second.items():
            number = ids.setdefault(second, len(ids))
            seconds.append((number, len(added), b"".join(slots[at : at + len(added)])))
            at += len(added)
        seconds.sort(key=_NUMBER)
        found.table = GROW_TABLE(found.table, alone_slots, len(alone), seconds, MANY_SECONDS)
        return found.table, found.records

    def _slots(self, records: list[Record], place: int) -> list[bytes]:
        """The slot of each of `records` (`table`), the first at `place` in the entry's
        tuple."""
        slots: list[bytes] = []
        heads = self._heads  # (`_head`, looked up here: a call a slot was a tenth of filing)
        for at, record in enumerate(records, place):
            checks, gate = record[6], record[8]
            if type(gate) is tuple and gate[0] == ALL and isinstance(gate[1], frozenset):
                gate = gate[1]  # (its first words checked here too; the rest when read)
            if isinstance(gate, frozenset):
                head = heads.get(gate) or self._head(gate)
                first = len(head) // 4
            else:
                head, first = b"", -1
            slots.append(pack("iii", 3 + (len(checks) + len(head)) // 4, at, first) + checks + head)
        return slots

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
        words and their numbers (the words alone and each part as `word_set` writes them)."""
        alone, _, rest = trigger
        out = [word_set(self._numbers(alone))]
        out.append(pack("i", sum(len(entries) for entries in rest.values())))
        for word, entries in rest.items():
            for parts in entries:
                out.append(pack("ii", self.ids.setdefault(word, len(self.ids)), len(parts)))
                out += [word_set(self._numbers(part)) for part in parts]
        return b"".join(out)

    def records(
        self, pattern: int, alternatives: Iterable[Any], heads: Iterable[Head],
        trigger: tuple[Trigger, NumbersTrigger],
    ) -> list[Record]:
        """The `Record` of each of a pattern's `alternatives` (`planning.Alternative`s) with its
        head gate, in one call (a pattern has about 45: a call or two each were a tenth of
        planning it); its checks are `blob`'s, written here without the call."""
        words, numbers = trigger
        kept, write = self._checks, self._write_checks
        out = []
        for alternative, head in zip(alternatives, heads, strict=True):
            rank, need, rest = alternative.rank, alternative.need, alternative.rest
            checks = kept.get((need, rest))
            if checks is None:
                checks = kept[(need, rest)] = write(need, rest)
            check = alternative.check_trigger
            out.append(Record((
                rank, pattern, need, rest, words if check else None, alternative,
                pack("q", rank) + checks, numbers if check else None, head,
            )))  # fmt: skip
        return out


def word_set(numbers: list[int]) -> bytes:
    """A set of words, one of which is needed (a clause, a part of a trigger), as `_engine.c`
    reads it: its count and its numbers (sorted), and for a set of `LONG_SET` words or more
    then a filter of `FILTER_BITS` bits (bit n % `FILTER_BITS`: 32-bit words, bit n % 32 of
    word n // 32 % 32), in which C looks up each of a message's numbers before it looks for
    one in the set (by a binary search: a message has about 8 numbers, a word class up to
    140; where a filter bit is set for about one number in eight), instead of testing each of
    the set's numbers in the message's bitmap."""
    out = pack(f"i{len(numbers)}i", len(numbers), *numbers)
    if len(numbers) < LONG_SET:
        return out
    filter_bits = 0
    for number in numbers:
        filter_bits |= 1 << (number % FILTER_BITS)
    words = [filter_bits >> at & 0xFFFFFFFF for at in range(0, FILTER_BITS, 32)]
    return out + array("I", words).tobytes()


def _bitmap(numbers: list[int]) -> bytes:
    """`numbers` as a bitmap in 32-bit words (bit n % 32 of word n // 32), then each word's
    rank (the count of numbers in the words before it): a number's place among them is its
    word's rank and the count of bits below it in its word."""
    joined = 0
    for number in numbers:
        joined |= 1 << number
    words = array("I", joined.to_bytes((max(numbers) // 32 + 1) * 4, "little"))
    if sys.byteorder == "big":
        words.byteswap()
    ranks = accumulate([word.bit_count() for word in words[:-1]], initial=0)
    return words.tobytes() + array("i", ranks).tobytes()


def grow_table(
    old: bytes, alone: bytes, alone_count: int, added: list[tuple[int, int, bytes]], many: int
) -> bytes:
    """`old` (a table as `WordIds.table` writes it; b"": none) with the slots `alone` of
    `alone_count` records after those of its records alone, and for each (second word's
    number, count of records, their slots) of `added` (sorted by number) those slots after the
    second word's (a word new to it in its place among the numbers), and a bitmap of the
    second words when there are more than `many` (`_engine.grow_table`'s twin)."""
    counts: dict[int, int] = {}
    slots: dict[int, list[bytes]] = {}
    alone_parts = [alone]
    if old:
        values = array("i", old)
        count, old_alone, words = values[0], values[1], values[2]
        first = 3 + 2 * words
        places = values[first + 2 * count : first + 3 * count]
        ends = [*places, len(values)]
        alone_parts.insert(0, old[(first + 3 * count) * 4 : ends[0] * 4])
        alone_count += old_alone
        for place, number in enumerate(values[first : first + count]):
            counts[number] = values[first + count + place]
            slots[number] = [old[ends[place] * 4 : ends[place + 1] * 4]]
    for number, records, added_slots in added:
        counts[number] = counts.get(number, 0) + records
        slots.setdefault(number, []).append(added_slots)
    numbers = sorted(counts)
    bitmap = _bitmap(numbers) if len(numbers) > many else b""
    heads = 3 + len(bitmap) // 4 + 3 * len(numbers)
    grouped = [b"".join(slots[number]) for number in numbers]
    alone_slots = b"".join(alone_parts)
    start = heads + len(alone_slots) // 4  # (the first second word's first slot)
    places_of = accumulate([len(group) // 4 for group in grouped], initial=start)
    return b"".join([
        pack("iii", len(numbers), alone_count, len(bitmap) // 8), bitmap,
        array("i", numbers).tobytes(), array("i", [counts[number] for number in numbers]).tobytes(),
        array("i", list(places_of)[:-1]).tobytes(), alone_slots, *grouped,
    ])  # fmt: skip


# the table builder the index runs: C where built (`setup.py`), else its twin
GROW_TABLE = grow_table
try:
    from tending.coach._engine import grow_table as _built_grow
except ImportError:  # pragma: no cover - only where the extension could not be built
    pass
else:
    GROW_TABLE = _built_grow
