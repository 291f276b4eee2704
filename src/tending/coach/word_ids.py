"""The numbers of the words the rule engine's index needs, and the index's records and
tables as the C build (`_engine.c`) reads them.

`WordIds` numbers each word a record, a trigger or the index needs as first met; a set of
words is then a bitmap or a sorted array of numbers, and a message's words are looked up once
for theirs (see `searching.py` for the index and its records).
"""

from __future__ import annotations

import sys
from array import array
from bisect import bisect_left
from collections.abc import Iterable
from itertools import accumulate
from struct import pack
from typing import Any

from tending.coach.heads import Head

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


# an entry with more second words than this has their bitmap in its table (`WordIds.table`):
# a message's words tested there, not in a scan of their numbers
MANY_SECONDS = 32


class Table:
    """An index entry's parts as `WordIds.table` keeps them between filings: its records, its
    last table (whose parts the next one copies: kept apart as well, they doubled the tables'
    memory), the size (in 32-bit numbers) of that table's heads, the count and size of the
    slots of its records alone, the second words' numbers (sorted), the words in that order,
    each one's count of slots and their size, and their bitmap (made again when one is
    added)."""

    __slots__ = (
        "records", "table", "heads", "alone_count", "alone_size", "numbers", "seconds",
        "counts", "sizes", "bitmap",
    )

    def __init__(self) -> None:
        self.records: tuple[Record, ...] = ()
        self.table = b""
        self.heads = 0
        self.alone_count = 0
        self.alone_size = 0
        self.numbers: list[int] = []
        self.seconds: list[str] = []
        self.counts: list[int] = []
        self.sizes: list[int] = []
        self.bitmap = b""


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
        records alone and of words in the bitmap that follows (for more than `MANY_SECONDS`
        second words, their numbers as a bitmap, with ranks: `_bitmap`; else none); the
        second words' numbers, sorted; in that order each one's count of slots, then the place
        of its first slot (in numbers from the table's start); then the slots of the records
        alone, then those of each second word in turn. A slot: its size (in numbers), its
        record's place in the tuple, the count of its head gate's first words (-1: none to
        check here), the record's `blob`, then those words' numbers, sorted (a text whose
        first word is not one of them is passed over without reading its record:
        `heads.head_words`).

        Each part is copied from the last table and grown: a word is filed under about 16
        times, once per pattern, and has about 40 second words. Each array apart: a binary
        search reads only the numbers. A message tests its words in the bitmap (independent
        reads) and finds the place of those in it from the ranks, where a binary search for
        each of its words was a chain of dependent reads."""
        found = self._tables.get(word)
        if found is None:
            found = self._tables[word] = Table()
        old, at = found.table, found.heads * 4
        alone_slots = old[at : at + found.alone_size * 4]
        at += found.alone_size * 4
        by_slots: dict[str, bytes] = {}  # each second word's slots in the last table
        for second, size in zip(found.seconds, found.sizes, strict=True):
            by_slots[second] = old[at : at + size * 4]
            at += size * 4
        places = len(found.records)
        found.records += (*alone, *[record for added in by_second.values() for record in added])
        alone_slots += self._slots(alone, places)
        found.alone_count += len(alone)
        found.alone_size = len(alone_slots) // 4
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
                found.bitmap = b""
            slots = self._slots(added, places)
            by_slots[second] = by_slots.get(second, b"") + slots
            found.counts[place] += len(added)
            found.sizes[place] += len(slots) // 4
            places += len(added)
        if len(numbers) > MANY_SECONDS and not found.bitmap:
            found.bitmap = _bitmap(numbers)
        bitmap = found.bitmap
        found.heads = 3 + len(bitmap) // 4 + 3 * len(numbers)
        start = found.heads + found.alone_size
        places_of = list(accumulate(found.sizes, initial=start))[:-1]  # (each second's first)
        parts = [
            pack("iii", len(numbers), found.alone_count, len(bitmap) // 8), bitmap,
            array("i", numbers).tobytes(), array("i", found.counts).tobytes(),
            array("i", places_of).tobytes(), alone_slots,
            *[by_slots[second] for second in found.seconds],
        ]  # fmt: skip
        found.table = b"".join(parts)
        return found.table, found.records

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
