"""Planning the rule engine's patterns: each cut into alternatives and filed under its words.

`PatternIndex` holds the patterns (read by `patterns.py`) and the two word indexes the engine
(`rules.py`) looks a message's words up in. Triggers: each trigger entry is filed under the
words of its smallest part, so a message finds the patterns whose trigger it meets. Planning: a
pattern is cut at its top-level `|` into alternatives (`alternatives.py`), and each alternative
is filed under the whole words its expression needs (read from the parsed expression by
`literals.py`: a key word and, where it has one, a second word), so a message searches only the
few small expressions whose words it holds. What the cutting and the reading give is shipped in
`data/plans.json.gz` (`plan_file.py`), worked out here only for an expression it does not hold.
Planning costs about 1 µs per character of a pattern, so it waits until searching the pattern
whole has cost a good part of that (the rent-or-buy rule, applied by the engine); index entries only
grow and pending lists are replaced, never edited, so threads reading meanwhile see a pattern
either whole or planned, never half.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from typing import TYPE_CHECKING

from tending.coach import triggers
from tending.coach.alternatives import fast_start, lead
from tending.coach.choosing import Chooser, Parts, Ranks, TriggerParts, unless_gate
from tending.coach.heads import gate
from tending.coach.lexicon import Lexicon
from tending.coach.literals import Clause, common_cost
from tending.coach.patterns import NAME, Compiled, Pattern, compile_pattern, compile_regex
from tending.coach.planned import Alternative, Plan
from tending.coach.searching import Guard, Index, RequiresGate, Unless, UnlessRecord
from tending.coach.told import bare_form, requires_gate
from tending.coach.triggers import PendingWord, all_present, split_entries, trigger_index
from tending.coach.word_ids import Record, WordIds
from tending.domain.errors import FormatProblem

if TYPE_CHECKING:
    from tending.coach.plan_file import PlanFile, Shipped

# planning costs about 0.3-0.5 µs per character of a pattern (653k: 0.45 s of CPU in `plan_all`'s
# one batch), its alternatives (compiled from the shipped code) next to nothing.
# A pattern is planned once its rent (whole searches, and its share of the slower path a message
# takes because of it: `rules.SLOW_PATH_NS`) reaches about half of that: a short batch never plans
# a pattern it meets once (1,000 messages from a fresh process: 300-310 ms of CPU). At 200-230
# those plan 30-50 more patterns, +20-50 ms, for no gain beyond noise on the first 100k pass of
# `coach_speed.py` (75-78k messages/s, 87k on the next, 92k all planned; since the pending gate
# of `run_planned`, the next pass runs as fast as all planned). At 0 a 10-message batch cost 5x.
PLAN_NS_PER_CHAR = 250
_NO_WORDS: frozenset[str] = frozenset()


class PatternIndex:
    """All patterns, indexed by their trigger words and, once planned, by the words their
    alternatives need.

    A pattern is planned (cut into alternatives, each gated by its words) once the engine has
    spent about as long searching it whole, and each alternative's expression is compiled the
    first time it is searched (once per process), so loading stays fast; `compile_all`
    compiles every whole pattern (the data-lint test).
    """

    def __init__(self, lexicon: Lexicon, patterns: Iterable[Pattern]) -> None:
        self.patterns = tuple(patterns)
        self.lexicon = lexicon
        self._compiled: list[Compiled | None] = [None] * len(self.patterns)
        # each pattern's unless and requires, compiled on first use (without its expression)
        self._checks: list[tuple[re.Pattern[str] | None, re.Pattern[str] | None] | None] = [
            None
        ] * len(self.patterns)
        # each whole pattern as `fast_start` writes it, for the search before it is planned
        self._whole: list[re.Pattern[str] | None] = [None] * len(self.patterns)
        index, self._trigger_keys = trigger_index(self.patterns)
        self._index = index
        # patterns that read a reply with the message it answers (`context`): kept out of the
        # planned index and searched whole, and only when there is a message answered
        needs = tuple(pattern.context is not None for pattern in self.patterns)
        self._needs_context = needs
        self._contexts: dict[int, re.Pattern[str]] = {}
        reply_keys = frozenset().union(
            *(keys for keys, need in zip(self._trigger_keys, needs, strict=True) if need)
        )
        self._replies = {
            word: [entry for entry in entries if needs[entry[0]]]
            for word, entries in index.items()
            if word in reply_keys
        }
        self._reply_words = frozenset(self._replies)  # (a frozenset: `&` with one is cheapest)
        # trigger word -> (pattern, other trigger parts) of the patterns not planned yet
        self._pending = {  # (planning replaces these lists, never edits them)
            word: kept
            for word, entries in index.items()
            if (
                kept := [entry for entry in entries if not needs[entry[0]]]
                if word in reply_keys
                else list(entries)
            )
        }
        self._pending_set = frozenset(self._pending)
        # the same, split for the search (`triggers.split_entries`), worked out for a word when
        # first met (for every word at once it would add about 13 ms to loading)
        self._pending_split: dict[str, PendingWord] = {}
        # Planning pays for itself only on long batches: a pattern is planned once the time
        # spent searching it whole reaches what planning it is expected to cost (the rent-or-
        # buy rule: never more than about twice the better of the two choices made in hindsight)
        self._spent = [0] * len(self.patterns)  # ns spent searching each unplanned pattern whole
        self._plan_cost = [
            PLAN_NS_PER_CHAR * (len(pattern.source) + len(pattern.unless or ""))
            for pattern in self.patterns
        ]
        # planning is done by one thread at a time (reentrant: the engine's first planning
        # also prepares its implications under it, `RuleEngine._gate_rules`)
        self._lock = threading.RLock()
        self._plans: list[Plan | None] = [None] * len(self.patterns)
        # each planned pattern's checks as `searching.passes_guard` reads them (None: none)
        self._guards: list[Guard | None] = [None] * len(self.patterns)
        # each `unless` as `_guard` cuts it, by its text (patterns share some: one of 4,600
        # characters is seven patterns')
        self._unlesses: dict[str, tuple[Unless, frozenset[str] | None, bytes | None]] = {}
        # each `requires`'s `searching.RequiresGate`, by its text (a dozen patterns share one)
        self._requires_gates: dict[str, RequiresGate | None] = {}
        self._cut: list[tuple[Alternative, ...]] = [()] * len(self.patterns)  # once planned
        # the same as `searching.Record`s, for `search_planned`: key word -> (records needing
        # only it, None or {second key: records}, the second keys as a set, and for the C
        # build the records' checks as one table and the records in one tuple:
        # `WordIds.table`); entries replaced, never edited
        self._records: Index = {}
        # numbers of the words records need (bitmaps for `_engine`), the pending words first
        self._ids = WordIds(self._pending)
        # their gates by number (`searching.pending_met`: b"" until split), so C tells in a few
        # bit tests a message that triggers no pending pattern (most)
        self._pending_gate: list[bytes | None] = [b""] * len(self._pending)
        # `_records`' entries' tables and records by their word's number (None: no entry), for
        # `run_planned` in C (one read less a word than through the entry)
        self._by_id: list[bytes | None] = []
        self._records_by_id: list[tuple[Record, ...] | None] = []
        common = lexicon.stopwords.get("en", frozenset())
        self._cost = common_cost(common)
        self._common = common
        self._shipped: PlanFile | None = None  # what `_gates` works out, as shipped (on first use)
        self._rank = Ranks(common)

    def compiled(self, number: int) -> Compiled:
        """The compiled regular expressions of pattern `number` (compiled on first use)."""
        found = self._compiled[number]
        if found is None:
            found = self._compiled[number] = compile_pattern(self.patterns[number])
        return found

    def checks(self, number: int) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
        """Pattern `number`'s `unless` and `requires`, compiled on first use (None: none)."""
        found = self._checks[number]
        if found is None:
            pattern = self.patterns[number]
            where = f"{NAME} pattern {pattern.id}"
            found = self._checks[number] = (
                compile_regex(pattern.unless, where) if pattern.unless else None,
                compile_regex(pattern.requires, where) if pattern.requires else None,
            )
        return found

    def compile_all(self) -> None:
        """Compile every pattern now (raises FormatProblem naming the first bad one)."""
        for number in range(len(self.patterns)):
            self.compiled(number)
            if self._needs_context[number]:
                self.context_regex(number)

    def plan_all(self) -> None:
        """Plan every pattern now (the tests compare every alternative with its pattern, and a
        long batch saves the rent of planning each as it earns it: `coach.prepare_all`)."""
        with self._lock:
            numbers = [number for number, plan in enumerate(self._plans) if plan is None]
            if numbers:
                from tending.coach.collecting import collector_held  # (not at loading)

                # (the first alone, as any first planning: the engine readies what its C
                # search reads before any, `RuleEngine._plan_now`; the rest in one batch)
                with collector_held():
                    self._plan(numbers[0])
                    self._plan_batch(numbers[1:])

    def unplanned(self) -> int:
        """How many patterns are not planned yet."""
        return self._plans.count(None)

    def candidates(self, words: frozenset[str]) -> list[int]:
        """Numbers of the patterns whose trigger words are all present, in file order."""
        found: set[int] = set()
        index = self._index
        for word in words:
            entries = index.get(word)
            if entries:
                for number, others in entries:
                    if number not in found and all_present(others, words):
                        found.add(number)
        return sorted(found)

    def _gates(self, source: str, parts: TriggerParts | None = None, lazy: bool = False) -> Shipped:
        """The alternatives of `source` and the clauses of each (None: keep it whole), and
        each alternative's head gate and, for a pattern's expression (`parts`: its trigger),
        what `Chooser` makes of each, if the file has them: read from the shipped file
        (`plan_file`), worked out where it does not hold `source`."""
        from tending.coach.plan_file import gates  # (on first need: not at loading)

        found = self._plan_file().entry(source, parts, lazy)
        return found if found is not None else (gates(source, self._cost), None, None)

    def _plan_file(self) -> PlanFile:
        """What `plan_file` shipped (read on first need)."""
        if self._shipped is None:
            from tending.coach.plan_file import PlanFile

            self._shipped = PlanFile(self._common)
        return self._shipped

    def _plan(self, number: int) -> Plan:
        """Cut pattern `number` into alternatives and file them in the index (once).

        Readers never lock: the plan is stored once its alternatives are published (a thread
        that comes to plan it meanwhile waits for the lock), index entries only grow, and the
        pending lists are replaced, not edited (their gates reset to "may trigger"), so a message
        read in another thread meanwhile sees the pattern whole or planned, never half.
        """
        plan = self._plans[number]
        if plan is not None:
            return plan
        with self._lock:
            plan = self._plans[number]
            if plan is None:
                plan = self._plan_now(number)
        return plan

    def _plan_now(self, number: int) -> Plan:
        return self._plan_batch([number])[0]

    def _plan_batch(self, numbers: list[int]) -> list[Plan]:
        """Plan the patterns `numbers` (not planned yet; the lock held) and file their
        alternatives, each word's entry once for them all (`plan_all`: a common word's table
        grown once, not once per pattern). The order of the writes keeps readers (who never
        lock) right: each pattern's checks (`_guards`) before its records, the records before
        the plans (a thread that comes to plan one meanwhile waits for the lock, not skipping
        it half filed) and before the pattern leaves the pending lists (meanwhile searched
        whole, its records maybe found too: the same answers)."""
        cuts = []
        adding: dict[str, list[tuple[frozenset[str], Record]]] = {}
        filed_numbers = []
        for number in numbers:
            cuts.append(cut := self._cut_pattern(number))
            _, filed, records = cut
            if self._needs_context[number]:
                continue  # searched whole, and only with a message answered (`_search_replies`)
            # (made here, not on a match's first need: it numbers words, which the C search
            # must not see change while it runs)
            self._guards[number] = self._guard(number)
            filed_numbers.append(number)
            for (key, seconds, _), filed_record in zip(filed, records, strict=True):
                for word in key:
                    adding.setdefault(word, []).append((seconds, filed_record))
        for word, added in adding.items():
            self._file(word, added)
        for number, (plan, _, _) in zip(numbers, cuts, strict=True):
            self._plans[number] = plan
        self._unpend(filed_numbers)
        return [plan for plan, _, _ in cuts]

    def _cut_pattern(
        self, number: int
    ) -> tuple[Plan, list[tuple[frozenset[str], frozenset[str], Alternative]], list[Record]]:
        """Pattern `number`'s plan, its alternatives with the words to file each under (key
        words, second words), and their records (not filed yet)."""
        pattern = self.patterns[number]
        parts = pattern.trigger_parts
        by_key: dict[str, list[Parts]] = {}
        for entry in parts:
            if len(entry) > 1:
                smallest = min(range(len(entry)), key=lambda i: len(entry[i]))
                for word in entry[smallest]:
                    by_key.setdefault(word, []).append(entry[:smallest] + entry[smallest + 1 :])
        plan = Plan(
            frozenset().union(*(entry[0] for entry in parts if len(entry) == 1)),
            frozenset(by_key), {word: tuple(found) for word, found in by_key.items()},
            self._unless_gate(pattern.unless) if pattern.unless else None,
        )  # fmt: skip
        gated, heads, chosen = self._gates(pattern.source, parts)
        if gated is None:
            gated, heads, chosen = ([pattern.source], [[]]), None, None
        if heads is None:
            heads = [gate(source) for source in gated[0]]
        if chosen is None:
            choose = Chooser(parts, self._rank)
            chosen = [choose(clauses) for clauses in gated[1]]
        filed: list[tuple[frozenset[str], frozenset[str], Alternative]] = []
        base = number * 1_000_000
        for order, (source, (key, seconds, need, several, check)) in enumerate(
            zip(gated[0], chosen, strict=True)
        ):
            alternative = Alternative(number, order, base + order, source, need, several, check)
            filed.append((key, seconds, alternative))
        cut = self._cut[number] = tuple([alternative for _, _, alternative in filed])
        triggers = (plan.trigger, self._ids.trigger(plan.trigger))
        return plan, filed, self._ids.records(number, cut, heads, triggers)

    def _unpend(self, numbers: list[int]) -> None:
        """Take the patterns `numbers` (planned, filed) out of the pending lists."""
        lists = self._pending, self._pending_split, self._pending_gate, self._ids.ids
        if triggers.unpend(*lists, self._trigger_keys, numbers):  # (a word left the lists:
            self._pending_set = frozenset(self._pending)  # 45 µs, where most plans drop none)

    def _file(self, word: str, added: list[tuple[frozenset[str], Record]]) -> None:
        """File records in `_records` under `word` and each of their second words ("": the
        word alone). The tuples a reader may hold are replaced, not edited; a word's
        dictionary of second words only grows, as the index always did."""
        alone, by_second, seconds_set = self._records.get(word, ((), None, None))[:3]
        by_second = by_second or {}
        alone_added: list[Record] = []
        by_added: dict[str, list[Record]] = {}  # (tuples made once: adding one at a time
        for seconds, record in added:  # copied a common word's records again each time)
            if "" in seconds:
                alone_added.append(record)
            for second in seconds:
                if second:
                    listed = by_added.get(second)
                    if listed is None:
                        by_added[second] = [record]
                    else:
                        listed.append(record)
        if alone_added:
            alone += tuple(alone_added)
        for second, records in by_added.items():
            by_second[second] = by_second.get(second, ()) + tuple(records)
        ids = self._ids.ids
        ids.setdefault(word, len(ids))  # a key word has a number: C looks up only words with one
        # (the C build's table of the entry's checks, with its records in one tuple)
        table, flat = self._ids.table(word, alone_added, by_added)
        if seconds_set is None or not seconds_set.issuperset(by_added):  # (else the same set)
            seconds_set = frozenset(by_second) or None
        entry = (alone, by_second or None, seconds_set, table, flat)
        by_id, records_by_id, number = self._by_id, self._records_by_id, ids[word]
        if number >= len(by_id):
            by_id.extend([None] * (number + 1 - len(by_id)))
            records_by_id.extend([None] * (number + 1 - len(records_by_id)))
        # (the records first: a reader between the two sees the table before, whose records
        # the new tuple holds at the same places)
        records_by_id[number] = flat
        by_id[number] = table
        self._records[word] = entry

    def planned_span(self, number: int, text: str) -> tuple[int, int] | None:
        """The span pattern `number`'s alternatives give on `text`, every one searched, no
        word gate (the data lint holds it to the whole pattern's span)."""
        self._plan(number)
        best: re.Match[str] | None = None
        for alternative in self._cut[number]:
            match = self._search(alternative, text)
            if match is not None and (best is None or match.start() < best.start()):
                best = match
        return best.span() if best is not None else None

    def _unless_gate(self, unless: str) -> frozenset[str] | None:
        """Words one of which a sentence needs for `unless` to match (None: no such words),
        as shipped (`plan_file`) or worked out."""
        held, found = self._plan_file().unless_gate(unless)
        if held:
            return found
        gated = self._gates(unless)[0]
        return None if gated is None else unless_gate(gated[1], self._rank)

    def _guard(self, number: int) -> Guard | None:
        """Pattern `number`'s checks as `searching.passes_guard` reads them: `requires`
        compiled (and what a message's words tell of it: `_requires_gate`), `unless` cut into
        alternatives (as shipped, or worked out; one whole alternative where it cannot be
        cut), each with the words it needs and those as the
        C build reads them, filed under the words of its best clause (`searching.Unless`), and
        the words one of which any of them needs (`unless_gate`,
        None: no such words) as a set and as a bitmap; None for a pattern without checks."""
        pattern = self.patterns[number]
        if pattern.requires is None and pattern.unless is None and not pattern.negatable:
            return None
        requires = None
        if pattern.requires:  # (as `checks` compiled it, where a match has needed it already:
            # compiled again, its shipped code's chunk was read again, about 0.2 ms)
            checks = self._checks[number]
            where = f"{NAME} pattern {pattern.id}"
            requires = checks[1] if checks is not None else compile_regex(pattern.requires, where)
        told = None
        if pattern.requires:
            if pattern.requires not in self._requires_gates:  # (shared by a dozen patterns)
                self._requires_gates[pattern.requires] = self._requires_gate(pattern.requires)
            told = self._requires_gates[pattern.requires]
        if not pattern.unless:
            return requires, None, pattern.negatable, None, None, told
        cut = self._unlesses.get(pattern.unless)
        if cut is None:  # (patterns that share an `unless` share what it is cut into)
            cut = self._unlesses[pattern.unless] = self._cut_unless(number, pattern.unless)
        unless, gate, bits = cut
        return requires, unless, pattern.negatable, gate, bits, told

    def _requires_gate(self, source: str) -> RequiresGate | None:
        """What a message's words tell of the `requires` `source` (`told.requires_gate`)."""
        return requires_gate(source, self._cost, self._ids.blob)

    def _cut_unless(
        self, number: int, source: str
    ) -> tuple[Unless, frozenset[str] | None, bytes | None]:
        """The `unless` expression `source` (first met in pattern `number`) as `_guard` reads
        it: its alternatives filed under words (`searching.Unless`), their gate and its
        bitmap."""
        gated = self._gates(source, lazy=True)[0]  # (the pieces' text made on first search)
        pieces, clauses = gated if gated is not None else ([source], [[]])
        always: list[UnlessRecord] = []
        by_word: dict[str, list[UnlessRecord]] = {}
        bests: list[Clause] = []
        for order, (piece, found) in enumerate(zip(pieces, clauses, strict=True)):
            ones = [clause for clause in found if len(clause) == 1]
            need = frozenset().union(*ones) if ones else _NO_WORDS
            rest = tuple([clause for clause in found if len(clause) > 1])
            alternative = Alternative(number, order, order, piece, need, rest, False)
            record = (need, rest, self._ids.blob(order, need, rest), alternative)
            if not found:
                always.append(record)
                continue
            best = min(found, key=self._rank)  # (the gate is the union of these, if none is
            bests.append(best)  # always: `choosing.unless_gate`)
            for word in best:
                by_word.setdefault(word, []).append(record)
        unless = tuple(always), {word: tuple(found) for word, found in by_word.items()}
        gate = None if always else frozenset().union(*bests)
        return unless, gate, None if gate is None else self._ids.bits(gate)

    def _unless_regex(self, alternative: Alternative) -> re.Pattern[str]:
        """An `unless` alternative as `fast_start` writes it, compiled on first use (groups
        allowed: an `unless` is only ever asked whether it matches), and its lead
        (`alternatives.lead`, read by `passes_guard`)."""
        regex = alternative.regex
        if regex is None:
            where = f"{NAME} pattern {self.patterns[alternative.pattern].id}"
            source = fast_start(alternative.source, group=True)
            compiled = compile_regex(source, where)
            alternative.lead = lead(alternative.source)  # (before its regex, as `_regex`)
            regex = alternative.regex = compiled
        return regex

    def _search(self, alternative: Alternative, text: str) -> re.Match[str] | None:
        return (alternative.regex or self._regex(alternative)).search(text)

    def _regex(self, alternative: Alternative) -> re.Pattern[str]:
        """The alternative's expression as `fast_start` writes it, compiled on first use, and
        what every match of it starts with (`alternatives.lead`, read by `search_planned`)."""
        regex = alternative.regex
        if regex is None:
            where = f"{NAME} pattern {self.patterns[alternative.pattern].id}"
            source = fast_start(alternative.source, group=True)
            compiled = compile_regex(source, where)
            if compiled.groups:
                raise FormatProblem(f"{where}: use (?:...) groups only")
            # (its lead and bare form before its regex: a thread that sees the regex sees them)
            alternative.lead = lead(alternative.source)
            alternative.bare = self._bare(alternative.source, where)
            regex = alternative.regex = compiled
        return regex

    def _bare(self, source: str, where: str) -> tuple[frozenset[str], re.Pattern[str]] | None:
        """`^R` for an alternative `^(?:(?:G)[ ,]+)*R` (`told.bare_form`), compiled here."""
        return bare_form(source, self._cost, lambda expression: compile_regex(expression, where))

    def context_regex(self, number: int) -> re.Pattern[str]:
        """Pattern `number`'s `context` expression, compiled on first use."""
        found = self._contexts.get(number)
        if found is None:
            pattern = self.patterns[number]
            where = f"{NAME} pattern {pattern.id}"
            found = self._contexts[number] = compile_regex(pattern.context or "", where)
        return found

    def _split_pending(self, word: str) -> PendingWord | None:
        """`split_entries` of the pending entries of `word`, made and kept with its gate (under
        the planning lock, so a pattern planned meanwhile is never kept in them)."""
        with self._lock:
            entries = self._pending.get(word)
            if not entries:
                return None
            found = self._pending_split[word] = split_entries(entries)
            self._pending_gate[self._ids.ids[word]] = triggers.gate_of(found, self._ids.ids)
        return found
