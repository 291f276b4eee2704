"""The index entries' tables (`word_ids.WordIds.table`): grown in C (`_engine.grow_table`)
exactly as by the Python twin (`word_ids.grow_table`), each filing's slots in their place.

A table holds the word checks of an entry's records for the C search: its records alone, then
those filed with each second word, the second words' numbers sorted (a bitmap of them past
`MANY_SECONDS`). Each filing grows the last table; here every filing of a whole planning is
checked against the twin, and random filings against what was filed, read back.
"""

from __future__ import annotations

import os
import random
from array import array
from types import ModuleType

import pytest

from tending.coach import word_ids
from tending.coach.lexicon import load_lexicon
from tending.coach.rules import RuleEngine, load_patterns
from tending.coach.word_ids import MANY_SECONDS, grow_table


def _engine_built() -> ModuleType:
    """The C build; skipped where it is not built, except under CI (which builds it)."""
    if os.environ.get("CI"):
        from tending.coach import _engine

        return _engine
    return pytest.importorskip("tending.coach._engine")


def test_the_index_grows_its_tables_in_c_where_it_is_built() -> None:
    assert word_ids.GROW_TABLE is _engine_built().grow_table


def test_every_filing_of_a_whole_planning_grows_the_table_the_twin_grows(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    built = _engine_built().grow_table
    calls = 0

    def both(*args: object) -> bytes:
        nonlocal calls
        calls += 1
        found = built(*args)
        assert found == grow_table(*args)  # type: ignore[arg-type]
        return found

    monkeypatch.setattr(word_ids, "GROW_TABLE", both)
    engine = RuleEngine(load_lexicon(), load_patterns(load_lexicon()))
    order = list(range(len(engine.patterns)))
    random.Random(5).shuffle(order)  # (another order of filings than the file's)
    for number in order:
        engine._plan(number)
    assert calls > 5_000


def _read(table: bytes) -> tuple[int, list[bytes], dict[int, tuple[int, list[bytes]]]]:
    """A table read back: its count of records alone, their slots, and by second word's number
    its count of records and their slots (a slot: its size, then size - 1 numbers)."""
    values = array("i", table)
    count, alone_count, words = values[0], values[1], values[2]
    first = 3 + 2 * words
    numbers = list(values[first : first + count])
    assert numbers == sorted(set(numbers))
    if words:
        assert count > MANY_SECONDS
        bits = sum(word << 32 * w for w, word in enumerate(array("I", table[12 : 12 + 4 * words])))
        assert [n for n in range(words * 32) if bits >> n & 1] == numbers
        ranks = list(values[3 + words : first])
        assert ranks == [sum(1 for n in numbers if n < 32 * w) for w in range(words)]
    else:
        assert count <= MANY_SECONDS
    places = [*values[first + 2 * count : first + 3 * count], len(values)]

    def slots(start: int, end: int) -> list[bytes]:
        out = []
        while start < end:
            out.append(values[start : start + values[start]].tobytes())
            start += values[start]
        assert start == end
        return out

    alone = slots(first + 3 * count, places[0])
    seconds = {
        number: (values[first + count + place], slots(places[place], places[place + 1]))
        for place, number in enumerate(numbers)
    }
    return alone_count, alone, seconds


def _slot(rng: random.Random) -> bytes:
    size = rng.randint(1, 6)
    return array("i", [size, *[rng.randint(-5, 9_999) for _ in range(size - 1)]]).tobytes()


@pytest.mark.parametrize("seed", range(40))
def test_random_filings_grow_in_c_as_in_the_twin_each_slot_under_its_word(seed: int) -> None:
    built = _engine_built().grow_table
    rng = random.Random(seed)
    table = b""
    alone_count, alone, seconds = 0, [], {}  # what was filed, in order
    for _ in range(rng.randint(1, 12)):
        added_alone = [_slot(rng) for _ in range(rng.choice([0, 0, 1, 3]))]
        added = []
        for number in sorted(rng.sample(range(rng.choice([40, 200, 3_000])), rng.randint(0, 30))):
            slots = [_slot(rng) for _ in range(rng.randint(1, 3))]
            records = len(slots) + rng.randint(0, 2)  # (a count of records, not of slots)
            added.append((number, records, b"".join(slots)))
            count, listed = seconds.get(number, (0, []))
            seconds[number] = (count + records, listed + slots)
        alone_count += len(added_alone)
        alone += added_alone
        grown = built(table, b"".join(added_alone), len(added_alone), added, MANY_SECONDS)
        assert grown == grow_table(table, b"".join(added_alone), len(added_alone), added,
                                   MANY_SECONDS)  # fmt: skip
        table = grown
        assert _read(table) == (alone_count, alone, seconds)


def test_grow_table_in_c_refuses_what_is_out_of_order_or_shape() -> None:
    built = _engine_built().grow_table
    slot = array("i", [1]).tobytes()
    with pytest.raises(ValueError):
        built(b"", b"", 0, [(5, 1, slot), (3, 1, slot)], MANY_SECONDS)
    with pytest.raises(ValueError):
        built(b"", b"\x00", 0, [], MANY_SECONDS)
    with pytest.raises(ValueError):
        built(array("i", [2, 0, 0, 1, 2, 1, 1, 99, 100]).tobytes(), b"", 0, [], MANY_SECONDS)
    with pytest.raises(TypeError):
        built(b"", b"", 0, [(1, 1)], MANY_SECONDS)


def _entries(engine: RuleEngine) -> dict[str, tuple[list[int], dict[str, list[int]]]]:
    """Each index entry as the ranks filed under its word alone and with each second word,
    read from its table (each slot's record found at its place) and checked against the
    entry's tuples, which the Python search reads."""
    words = {number: word for word, number in engine._ids.ids.items()}
    out = {}
    for word, (alone, by_second, _, table, records) in engine._records.items():
        _, alone_slots, seconds = _read(table)
        ranks = sorted(records[array("i", slot)[1]][0] for slot in alone_slots)
        assert ranks == sorted(record[0] for record in alone)
        by_word = {
            words[number]: sorted(records[array("i", slot)[1]][0] for slot in slots)
            for number, (_, slots) in seconds.items()
        }
        assert by_word == {second: sorted(r[0] for r in found) for second, found in
                           (by_second or {}).items()}  # fmt: skip
        out[word] = (ranks, by_word)
    return out


def test_planning_all_at_once_files_what_planning_one_by_one_files() -> None:
    at_once = RuleEngine(load_lexicon(), load_patterns(load_lexicon()))
    at_once.plan_all()
    one_by_one = RuleEngine(load_lexicon(), load_patterns(load_lexicon()))
    for number in range(len(one_by_one.patterns)):
        one_by_one._plan(number)
    assert at_once.unplanned() == one_by_one.unplanned() == 0
    assert at_once._pending == one_by_one._pending == {}
    assert _entries(at_once) == _entries(one_by_one)
    assert [guard is None for guard in at_once._guards] == [
        guard is None for guard in one_by_one._guards
    ]
