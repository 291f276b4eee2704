"""The trigger index: which patterns a message's words trigger.

Each trigger entry of a pattern (`patterns.py` reads them into parts: a word, or a class's
first words; one word of each part must be in a message) is filed under the words of its
smallest part, with the parts left to check (`trigger_index`). A trigger word's pending
entries are split once more, by a word of a second part, for the engine's look-up of the
patterns not planned yet (`split_entries`, `searching.triggered_pending`), and that split
read as the word's pending gate (`gate_of`, `searching.pending_met`).
"""

from __future__ import annotations

from array import array

from tending.coach.choosing import Parts
from tending.coach.patterns import Pattern
from tending.coach.word_ids import BITMAP_MARK, MANY_SECONDS

# a trigger word's pending patterns: those it alone triggers, and by a word of a second part
# the others (with any parts left to check)
PendingWord = tuple[tuple[int, ...], frozenset[str], dict[str, tuple[tuple[int, Parts], ...]]]


def split_entries(entries: list[tuple[int, Parts]]) -> PendingWord:
    """A trigger word's entries as the patterns it alone triggers and, filed under each word
    of a second part (the smallest: one of its words is needed), the entries needing more,
    with the parts left after that one."""
    by_second: dict[str, list[tuple[int, Parts]]] = {}
    for number, others in entries:
        if others:
            second = min(range(len(others)), key=lambda i: len(others[i]))
            left = others[:second] + others[second + 1 :]
            for word in others[second]:
                by_second.setdefault(word, []).append((number, left))
    return (
        tuple(number for number, others in entries if not others),
        frozenset(by_second),
        {second: tuple(found) for second, found in by_second.items()},
    )


def gate_of(split: PendingWord, ids: dict[str, int]) -> bytes:
    """A trigger word's pending gate (`searching.pending_met`) from its split entries: b""
    when it alone triggers a pattern, else the numbers (32-bit, sorted; numbered here where
    new) of its second words, one of which the message needs for any entry to be met; more
    than `MANY_SECONDS` (a common word: "not" has about 260) as `BITMAP_MARK` and their
    bitmap, where the message's words are tested (about 15, where the numbers were read)."""
    alone, seconds, _ = split
    if alone:
        return b""
    numbers = sorted(ids.setdefault(word, len(ids)) for word in seconds)
    if len(numbers) <= MANY_SECONDS:
        return array("i", numbers).tobytes()
    bits = bytearray(numbers[-1] // 8 + 1)
    for number in numbers:
        bits[number >> 3] |= 1 << (number & 7)
    return BITMAP_MARK + bytes(bits)


def unpend(
    pending: dict[str, list[tuple[int, Parts]]], split: dict[str, PendingWord],
    gate: list[bytes | None], ids: dict[str, int], keys: list[frozenset[str]],
    numbers: list[int],
) -> bool:
    """Take the patterns `numbers` (planned) out of the pending entries of their trigger words
    (`keys`: each pattern's, `trigger_index`): each list replaced, never edited (a reader may
    hold it), its split dropped and its gate reset (worked out again from what is left when
    next met: `gate_of`). True when a word has no pending entries left (out of `pending`)."""
    planned = set(numbers)
    emptied = False
    for head in set().union(*[keys[number] for number in numbers]):
        waiting = [entry for entry in pending.get(head, ()) if entry[0] not in planned]
        if waiting:
            pending[head] = waiting
        else:
            emptied = pending.pop(head, None) is not None or emptied
        split.pop(head, None)
        gate[ids[head]] = b"" if waiting else None
    return emptied


def all_present(parts: Parts, words: frozenset[str]) -> bool:
    """Does each part have a word among `words`? (A loop: `all` over a generator costs more.)"""
    for part in parts:  # noqa: SIM110
        if part.isdisjoint(words):
            return False
    return True


def trigger_index(
    patterns: tuple[Pattern, ...],
) -> tuple[dict[str, list[tuple[int, Parts]]], list[frozenset[str]]]:
    """Trigger word -> (pattern, the entry's other parts), and the words each pattern is filed
    under: each entry of a trigger is filed under the words of its smallest part (a class's
    words only where nothing smaller will do), and met when each other part has a word in the
    message too."""
    index: dict[str, list[tuple[int, Parts]]] = {}
    filed_under: list[frozenset[str]] = []
    find = index.get
    for number, pattern in enumerate(patterns):
        keys: set[str] = set()
        alone: tuple[int, Parts] = (number, ())  # an entry of one part (most): nothing left
        for entry in pattern.trigger_parts:
            if len(entry) == 1:
                part, filed = entry[0], alone
            else:
                smallest = min(range(len(entry)), key=lambda i: len(entry[i]))
                part = entry[smallest]
                filed = (number, entry[:smallest] + entry[smallest + 1 :])
            keys.update(part)
            for word in part:  # (one tuple shared by the words of a part: it is never changed)
                bucket = find(word)
                if bucket is None:
                    index[word] = [filed]
                else:
                    bucket.append(filed)
        filed_under.append(frozenset(keys))
    return index, filed_under
