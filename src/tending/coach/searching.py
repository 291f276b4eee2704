r"""The rule engine's inner loop over planned alternatives: `search_planned`.

`tending.coach._engine` (C, built when a compiler is at hand: `setup.py`) does the same steps
without the interpreter; this Python twin runs when it is not built, and
`tests/unit/coach/test_fast_paths.py` holds the two to the same answers. Per message the loop
gathers about twelve candidate alternatives from the word index, sorts them, checks their words
and searches about eight: the searches cost about 7 µs, the Python around them about 12 µs more.

The index (`PatternIndex._records`): key word -> (records filed under it alone, None or
{second word: records filed under both}, None or those second words as a frozenset, and for
the C build the entry's records' checks as one table and its records as one tuple:
`word_ids.WordIds.table`). A record is a `word_ids.Record` tuple:

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
  the marks and the words that can follow them (`heads.follow_words`, `heads.follows`); or a
  gate of the kinds `heads.gate` joins (marks needed in order, marks a whole-text match cannot
  hold, a run of characters it reads, open first-word prefixes, all or one of several:
  `shapes.py`), checked by `heads.passes` (in C `gate_met`).

An alternative whose matches all start with `\\b` and plain characters (its `lead`,
`alternatives.lead`, read when it is compiled) is searched from the first place they stand
with a word edge before them (`lead_at`; `re`'s `pos`: `\\b` and look-behinds still see the text
before it, `^` never matches there), and not at all where they stand nowhere; one that is its
lead alone (`\\bmiss you\\b`) matches where it stands, which the C build's `run_planned` takes
as the span without a search (a search cost 2,000-3,000 instructions, most of them `re`'s own,
for a match object of which only the span is read; on the benchmark's messages about half the
alternatives searched have a lead, and one in eight is its lead alone).

An alternative `^(?:(?:G)[ ,]+)*R` (a loop of openers, "hey, so ...": about 190 planned
alternatives start so) has a bare form, `^R` compiled (`Alternative.bare`), searched instead
where the text's first word is none of G's (the loop then passes zero times): about a fifth
cheaper for `re`, which no longer enters the loop and its branch of forty openers.

`run_planned` is the rule engine's whole common path (every triggered pattern planned, no
reply read): `search_planned`, then each match's checks (`passes_guard`) and the hits. A
pattern's `Guard` is (requires or None, its `unless` cut into alternatives or None, negatable,
the unless's gate as a set and as a bitmap, or None, and what the message's words tell of the
requires, `RequiresGate`, or None: most messages a `^(?!X)` requires of 4,700 characters was
searched on lack every word of one of X's clauses, so it holds with no search, where the
search cost about 20,000 instructions). Each `unless` alternative is an
`UnlessRecord` (need, rest, their `blob`, the alternative), filed under the words of its best
clause (`Unless`), and searched in the match's sentence only when the message holds its words.
Most messages hold none of an `unless`'s alternatives' words, and most not even a word of its
gate, one of which every alternative needs: searched whole, the `unless`es cost about 1.4 µs
a message, and checking each alternative's words about 1 µs (58 alternatives a message).
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Callable
from operator import itemgetter
from typing import Any

from tending.coach.heads import first_word, passes
from tending.coach.triggers import all_present
from tending.coach.word_ids import BITMAP_MARK, Bits, Record, Trigger

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
# what a message's words tell of a `requires` without searching it (`planning._requires_gate`):
# clauses of words it needs (one lacking: it fails), clauses of words a `^(?!X)` needs to fail
# (one lacking: X cannot match, so it holds), and each as `WordIds.blob` (None: no clauses)
# and what its alternatives' leads tell (`Proofs`: None, or the leads of those that are their
# lead alone, `alternatives.lead`, one standing a match; and whether they are all its
# alternatives: then none standing, no match)
Proofs = tuple[tuple[tuple[str, int], ...], bool]
RequiresGate = tuple[
    tuple[frozenset[str], ...], tuple[frozenset[str], ...], bytes | None, bytes | None,
    Proofs | None,
]
Guard = tuple[
    "re.Pattern[str] | None", "Unless | None", bool, frozenset[str] | None, Bits | None,
    RequiresGate | None,
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
# an unless alternative, the index's entries' tables and their records by word number
# (`WordIds.ids`; None where a number has none: the C build looks a word up once, for its
# number), and the pending gate by word number (`pending_met`; [] for none)
Finish = tuple[
    tuple[tuple[str, str, str, bool, bool], ...], "list[Guard | None]", Any, "re.Pattern[str]",
    frozenset[str], list[GatedRule], Callable[[Any], "re.Pattern[str]"], "list[bytes | None]",
    "list[tuple[Record, ...] | None]", "list[bytes | None]",
]
SENTENCE_END = re.compile(r"[.!?;\n]")
UP_TO_LAST_MARK = re.compile(r".*[.!?;\n]", re.DOTALL)  # the text up to its last sentence mark
RANK = itemgetter(0)  # records sort by rank (ints compare faster than tuples)
IndexEntry = tuple[
    tuple[Record, ...], dict[str, tuple[Record, ...]] | None, frozenset[str] | None, bytes,
    tuple[Record, ...],
]
Index = dict[str, IndexEntry]


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
        bare = alternative.bare
        if bare is not None:  # (`^(?:(?:G)[ ,]+)*R`: `^R` where the loop cannot be entered)
            if first is None:
                first = first_word(text)
            if first not in bare[0]:
                regex = bare[1]
        lead = alternative.lead
        if lead is None:
            match = regex.search(text)
        else:  # (no match before the first place its lead stands: searched from there)
            at = lead_at(lead, text)
            match = regex.search(text, at) if at >= 0 else None
        if match is not None:
            before = best.get(number)
            if before is None or match.start() < before.start():
                best[number] = match


def is_word(char: str) -> bool:
    """Is `char` a word character to `re`'s `\\b` (a str pattern's: Unicode letters and digits,
    and `_`)?"""
    return char.isalnum() or char == "_"


def edge_at(text: str, at: int) -> bool:
    """Does `\\b` hold at `at` in `text`, as `re` reads it?"""
    if not text:
        return False
    before = at > 0 and is_word(text[at - 1])
    return before != (at < len(text) and is_word(text[at]))


def lead_at(lead: tuple[str, int], text: str) -> int:
    """Where the first match of an alternative whose matches all start with `lead`
    (`alternatives.lead`: `\\b` and its characters) may start: the first place its characters
    stand with a word edge before them (and after them, for a whole `\\b...\\b`: that place
    is then the match); -1 where there is none (no match). `_engine.lead_at` in C."""
    chars, whole = lead
    at = text.find(chars)
    while at >= 0:
        if edge_at(text, at) and (whole != 2 or edge_at(text, at + len(chars))):
            return at
        at = text.find(chars, at + 1)
    return -1


def found_in(regex: re.Pattern[str], lead: tuple[str, int] | None, text: str) -> bool:
    """Does `regex`, whose matches all start with `lead` (None: no such), match in `text`?
    Searched from where the lead first stands (`lead_at`), not where it stands nowhere, and
    not at all for a lead alone (a match where it stands)."""
    if lead is None:
        return regex.search(text) is not None
    at = lead_at(lead, text)
    return at >= 0 and (bool(lead[1]) or regex.search(text, at) is not None)


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
    requires, unless, negatable, gate, _, told = guard
    if requires is not None:
        if told is None:
            found = requires.search(text) is not None
        else:
            fails, holds, _, _, proofs = told
            if not all_present(fails, words):
                return False
            found = not all_present(holds, words) or proven(proofs, requires, text)
        if not found:
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
                    if found_in(alternative.regex or compile(alternative), alternative.lead,
                                sentence):
                        return False
    return not (negatable and negation.search(text, max(0, start - 24), start))


def proven(proofs: Proofs | None, regex: re.Pattern[str], text: str) -> bool:
    """Does `regex` match in `text`? Told by `proofs` where they can tell (one of its
    alternatives that is its lead alone stands: yes; none stands and they are all of its
    alternatives: no; a few `lead_at`s where the search cost about 10,000 instructions),
    else searched."""
    if proofs is not None:
        leads, complete = proofs
        for lead in leads:
            if lead_at(lead, text) >= 0:
                return True
        if complete:
            return False
    return regex.search(text) is not None


def pending_met(gate: list[bytes | None], words: frozenset[str], ids: dict[str, int]) -> bool:
    """Might the message trigger a pattern not planned yet? `gate`: by word number, None (no
    pending pattern filed under the word) or the numbers (32-bit) of the second words one of
    which its pending entries need, or `BITMAP_MARK` and their bitmap (`triggers.gate_of`;
    empty: one needs none, or not worked out yet). A yes is then checked by
    `triggered_pending`; a no is sure."""
    numbers = {ids[word] for word in words if word in ids}
    for number in numbers:
        seconds = gate[number] if number < len(gate) else None
        if seconds is None:
            continue
        if not seconds:
            return True
        if seconds.startswith(BITMAP_MARK):
            bits = seconds[4:]
            if any(n >> 3 < len(bits) and bits[n >> 3] >> (n & 7) & 1 for n in numbers):
                return True
        elif not numbers.isdisjoint(array("i", seconds)):
            return True
    return False


def run_planned(
    words: frozenset[str], text: str, index: Index, compile: Callable[[Any], re.Pattern[str]],
    ids: Any, finish: Finish,
) -> list[Any] | None:
    """The hits of the planned patterns: `search_planned`, then, in pattern order, each
    match that passes its pattern's `Guard` as a hit, and the hits `[[imply]]` adds. None,
    without searching, when the message may trigger a pattern not planned yet (`pending_met`
    over `finish`'s gate). `ids`: a dict, or (C build) the `WordNumbers` holding it."""
    gate = finish[9]
    if gate and pending_met(gate, words, ids if isinstance(ids, dict) else ids.ids):
        return None
    best: dict[int, re.Match[str]] = {}
    search_planned(words, text, index, best, compile, ids)
    if not best:
        return []
    outcomes, guards, hit_type, negation, implying, rules, compile_unless, _, _, _ = finish
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
# the words with their stems, their numbers noted for `run_planned` (`_engine.WordNumbers`;
# None without the C build: then `stems.stems`, and the numbers are looked up)
WORD_NUMBERS: Any = None
try:
    from tending.coach._engine import WordNumbers
    from tending.coach._engine import run_planned as _built_run
    from tending.coach._engine import search_planned as _built_search
    from tending.coach._engine import triggered_pending as _built_triggered
except ImportError:  # pragma: no cover - only where the extension could not be built
    pass
else:
    FAST_SEARCH = _built_search
    FAST_TRIGGERED = _built_triggered
    FAST_RUN = _built_run
    WORD_NUMBERS = WordNumbers
