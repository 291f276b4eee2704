"""The rule engine: the patterns (read by `patterns.py`), compiled once, tried only when triggered.

A pattern is tried only if its trigger words are in the message. Each pattern is also cut at
its top-level `|` into alternatives, and each alternative is gated by the whole words its
expression needs (read from the parsed expression by `literals.py`): one dictionary from word to
the alternatives that wait for it, looked up once per word of the message, picks the few small
expressions worth searching. The leftmost match wins, and at one position the alternative that
comes first, exactly as Python's `re` would answer for the whole pattern; `run_reference` is
that whole-pattern path, kept for the tests that hold the two to the same answers. Word classes
of `lexicon.tsv` are spliced in as `{class}`.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from operator import attrgetter
from typing import Any, NamedTuple

from tending.coach.lexicon import Lexicon, load_lexicon
from tending.coach.literals import Clause, fast_start, required_words, split_alternatives, stems
from tending.coach.normalize import Normalized, Normalizer
from tending.coach.patterns import (
    NAME,
    Compiled,
    Pattern,
    compile_pattern,
    compile_regex,
    load_patterns,
)
from tending.domain.errors import FormatProblem

# "can not stop crying", "could not help laughing": the act goes on, so no negation
NEGATION = re.compile(
    r"\b(?:not|never|no|hardly|nobody)\b(?!\s+(?:stop|stopped|help|helped|quit)\b)(?:\s+\S+){0,2}\s*$"
)
SENTENCE_END = re.compile(r"[.!?;\n]")
LITERAL_WORDS = re.compile(r"[a-z]{2,}")
PLAN_NS_PER_CHAR = 5_000  # planning costs about 5 µs per character of a pattern (measured)
REST = 2  # clauses of several words checked before a search (more cost more than they save)
PAIRS = 400  # most (key, second key) entries one alternative may take in the index


Parts = tuple[frozenset[str], ...]  # trigger parts still to find, one word of each
# a trigger word's pending patterns: those it alone triggers, and by a word of a second part
# the others (with any parts left to check)
PendingWord = tuple[tuple[int, ...], frozenset[str], dict[str, tuple[tuple[int, Parts], ...]]]


class Hit(NamedTuple):
    """A pattern that matched: normalized span, flag, and reason (a named tuple: made often)."""

    flag: str
    start: int
    end: int
    why: str
    rule: str


@dataclass(slots=True, eq=False)
class Alternative:
    """One top-level alternative of a pattern, with the words it needs besides its index key."""

    pattern: int  # the pattern's number (file order)
    order: int  # its place among the pattern's alternatives (the first that matches wins)
    rank: int  # pattern and order in one number, for sorting
    source: str
    need: frozenset[str]  # words still to check once the key words are found
    rest: tuple[Clause, ...]  # clauses of several words still to check
    check_trigger: bool  # False when the clauses already imply the pattern's trigger
    regex: re.Pattern[str] | None = None  # compiled on first search


@dataclass(frozen=True, slots=True)
class Plan:
    """How one pattern is searched: its unless gate (None: always search the unless)."""

    trigger_alone: frozenset[str]  # any of these words alone meets the trigger
    trigger_parts: tuple[tuple[frozenset[str], ...], ...]  # entries of several parts
    unless: re.Pattern[str] | None
    requires: re.Pattern[str] | None
    unless_gate: frozenset[str] | None  # a word of these must be present for unless to match


def _triggered(
    alone: frozenset[str], parts: tuple[tuple[frozenset[str], ...], ...], words: frozenset[str]
) -> bool:
    """Is the trigger met: a word of `alone` (entries of one part), or every part of an entry?"""
    if not alone.isdisjoint(words):
        return True
    for entry in parts:
        for part in entry:
            if part.isdisjoint(words):
                break
        else:
            return True
    return False


class RuleEngine:
    """All patterns, indexed by the words their alternatives need.

    A pattern is planned (cut into alternatives, each gated by its words) the first time a
    message holds one of its trigger words, and each alternative's expression is compiled the
    first time it is searched (once per process), so loading stays fast; `compile_all`
    compiles every whole pattern (the data-lint test).
    """

    def __init__(self, lexicon: Lexicon, patterns: Iterable[Pattern]) -> None:
        self.patterns = tuple(patterns)
        self.lexicon = lexicon
        self._compiled: list[Compiled | None] = [None] * len(self.patterns)
        # each whole pattern as `fast_start` writes it, for the search before it is planned
        self._whole: list[re.Pattern[str] | None] = [None] * len(self.patterns)
        # trigger word -> (pattern, the entry's other parts): each entry of a trigger is filed
        # under the words of its smallest part (a class's words only where nothing smaller
        # will do), and met when each other part has a word in the message too
        index: dict[str, list[tuple[int, Parts]]] = {}
        self._trigger_keys: list[frozenset[str]] = []  # the words each pattern is filed under
        for number, pattern in enumerate(self.patterns):
            keys: set[str] = set()
            for entry in pattern.trigger_parts:
                smallest = min(range(len(entry)), key=lambda i: len(entry[i]))
                others = entry[:smallest] + entry[smallest + 1 :]
                keys.update(entry[smallest])
                for word in entry[smallest]:
                    index.setdefault(word, []).append((number, others))
            self._trigger_keys.append(frozenset(keys))
        self._index = index
        # patterns that read a reply with the message it answers (`context`): kept out of the
        # planned index and searched whole, and only when there is a message answered
        needs = tuple(pattern.context is not None for pattern in self.patterns)
        self._needs_context = needs
        self._contexts: dict[int, re.Pattern[str]] = {}
        self._replies = {
            word: [entry for entry in entries if needs[entry[0]]] for word, entries in index.items()
        }
        self._replies = {word: entries for word, entries in self._replies.items() if entries}
        # trigger word -> (pattern, other trigger parts) of the patterns not planned yet
        self._pending = {  # (planning replaces these lists, never edits them)
            word: kept
            for word, entries in index.items()
            if (kept := [entry for entry in entries if not needs[entry[0]]])
        }
        self._pending_set = frozenset(self._pending)
        # the same, split for the search (`_split`), worked out for a word when first met
        # (for every word at once it would add about 13 ms to loading)
        self._pending_split: dict[str, PendingWord] = {}
        # Planning pays for itself only on long batches: a pattern is planned once the time
        # spent searching it whole reaches what planning it is expected to cost (the rent-or-
        # buy rule: never more than about twice the better of the two choices made in hindsight)
        self._spent = [0] * len(self.patterns)  # ns spent searching each unplanned pattern whole
        self._plan_cost = [
            PLAN_NS_PER_CHAR * (len(pattern.source) + len(pattern.unless or ""))
            for pattern in self.patterns
        ]
        self._lock = threading.Lock()  # planning is done by one thread at a time
        self._plans: list[Plan | None] = [None] * len(self.patterns)
        self._cut: list[tuple[Alternative, ...]] = [()] * len(self.patterns)  # once planned
        # key word -> second key word ("" for none) -> alternatives needing both
        self._alternatives: dict[str, dict[str, list[Alternative]]] = {}
        # key word -> (alternatives needing only it, the second words, as a set for `&`)
        self._keys: dict[str, tuple[tuple[Alternative, ...], frozenset[str]]] = {}
        self._key_set: frozenset[str] = frozenset()
        common = lexicon.stopwords.get("en", frozenset())
        self._cost = lambda word: 40 if word in common else 1
        self.normalizer = Normalizer(lexicon, self._vocabulary)

    def _vocabulary(self) -> set[str]:
        """The words of the word classes and the patterns (the normalizer asks for them the
        first time it collapses a tripled letter, "sooo": about 5 ms, kept out of loading)."""
        classes = self.lexicon.classes
        vocabulary = {w for ws in classes.values() for p in ws for w in p.split()}
        for pattern in self.patterns:
            vocabulary.update(LITERAL_WORDS.findall(pattern.source))
        return vocabulary

    def compiled(self, number: int) -> Compiled:
        """The compiled regular expressions of pattern `number` (compiled on first use)."""
        found = self._compiled[number]
        if found is None:
            found = self._compiled[number] = compile_pattern(self.patterns[number])
        return found

    def compile_all(self) -> None:
        """Compile every pattern now (raises FormatProblem naming the first bad one)."""
        for number in range(len(self.patterns)):
            self.compiled(number)
            if self._needs_context[number]:
                self.context_regex(number)

    def plan_all(self) -> None:
        """Plan every pattern now (the tests compare every alternative with its pattern)."""
        for number in range(len(self.patterns)):
            self._plan(number)

    def candidates(self, words: frozenset[str]) -> list[int]:
        """Numbers of the patterns whose trigger words are all present, in file order."""
        found: set[int] = set()
        index = self._index
        for word in words:
            entries = index.get(word)
            if entries:
                for number, others in entries:
                    if number not in found and _all_present(others, words):
                        found.add(number)
        return sorted(found)

    # -- planning ----------------------------------------------------------------------------
    def _gates(self, source: str) -> tuple[list[str], list[list[Clause]]] | None:
        """The alternatives of `source` and the clauses of each (None: keep it whole)."""
        pieces = split_alternatives(source)
        clauses = []
        for piece in pieces:
            found = required_words(piece, self._cost)
            if found is None:
                return None
            clauses.append(found)
        return pieces, clauses

    def _plan(self, number: int) -> Plan:
        """Cut pattern `number` into alternatives and file them in the index (once).

        Readers never lock: the plan is stored before its alternatives are published, index
        entries only grow, and the pending lists are replaced, not edited, so a message read
        in another thread meanwhile sees the pattern either whole or planned, never half.
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
        pattern = self.patterns[number]
        cost = self._cost
        parts = pattern.trigger_parts
        where = f"{NAME} pattern {pattern.id}"
        plan = Plan(
            frozenset().union(*(entry[0] for entry in parts if len(entry) == 1)),
            tuple(entry for entry in parts if len(entry) > 1),
            compile_regex(pattern.unless, where) if pattern.unless else None,
            compile_regex(pattern.requires, where) if pattern.requires else None,
            self._unless_gate(pattern.unless) if pattern.unless else None,
        )  # fmt: skip
        gated = self._gates(pattern.source) or ([pattern.source], [[]])
        trigger_key = frozenset(
            word for entry in parts for word in min(entry, key=lambda p: (_clause_cost(p, cost),
                                                                        sorted(p)))
        )  # fmt: skip
        single_parts = all(len(entry) == 1 for entry in parts)
        singles = frozenset(w for entry in parts if len(entry) == 1 for w in entry[0])
        filed: list[tuple[frozenset[str], frozenset[str], Alternative]] = []
        for order, (source, clauses) in enumerate(zip(*gated, strict=True)):
            options = sorted(clauses, key=lambda c: (_clause_cost(c, cost), sorted(c)))
            implied = _implies(clauses, parts, singles)
            if options and _clause_cost(options[0], cost) <= _clause_cost(trigger_key, cost):
                key, rest = options[0], tuple(options[1:])
                check = not implied
            else:
                key, rest = trigger_key, tuple(options)
                check = not (implied or single_parts)
            # the second key: the cheapest other clause, if indexing by both stays small
            seconds = next((c for c in rest if len(key) * len(c) <= PAIRS), frozenset({""}))
            alternative = Alternative(
                number, order, number * 1_000_000 + order, source,
                frozenset(w for c in rest if len(c) == 1 for w in c),
                tuple(sorted((c for c in rest if len(c) > 1), key=len)[:REST]), check,
            )  # fmt: skip
            filed.append((key, seconds, alternative))
        self._cut[number] = tuple(alternative for _, _, alternative in filed)
        self._plans[number] = plan  # stored first: a published alternative finds its plan
        if self._needs_context[number]:
            return plan  # searched whole, and only with a message answered (`_search_replies`)
        for key, seconds, alternative in filed:
            for word in key:
                bucket = self._alternatives.setdefault(word, {})
                for second in seconds:
                    bucket.setdefault(second, []).append(alternative)
                self._keys[word] = (tuple(bucket.get("", ())), frozenset(bucket) - {""})
        self._key_set = frozenset(self._keys)
        for head in self._trigger_keys[number]:
            waiting = [entry for entry in self._pending.get(head, ()) if entry[0] != number]
            if waiting:
                self._pending[head] = waiting
            else:
                self._pending.pop(head, None)
            self._pending_split.pop(head, None)  # split again from `waiting` when next met
        self._pending_set = frozenset(self._pending)
        return plan

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
        """Words one of which a sentence needs for `unless` to match (None: no such words)."""
        gated = self._gates(unless)
        if gated is None or not all(gated[1]):
            return None
        cost = self._cost
        return frozenset().union(*(
            min(found, key=lambda c: (_clause_cost(c, cost), sorted(c))) for found in gated[1]
        ))  # fmt: skip

    def _search(self, alternative: Alternative, text: str) -> re.Match[str] | None:
        regex = alternative.regex
        if regex is None:
            where = f"{NAME} pattern {self.patterns[alternative.pattern].id}"
            regex = alternative.regex = compile_regex(fast_start(alternative.source), where)
            if regex.groups:
                raise FormatProblem(f"{where}: use (?:...) groups only")
        return regex.search(text)

    # -- running -----------------------------------------------------------------------------
    def context_regex(self, number: int) -> re.Pattern[str]:
        """Pattern `number`'s `context` expression, compiled on first use."""
        found = self._contexts.get(number)
        if found is None:
            pattern = self.patterns[number]
            where = f"{NAME} pattern {pattern.id}"
            found = self._contexts[number] = compile_regex(pattern.context or "", where)
        return found

    def _answers(self, number: int, context: str | None) -> bool:
        """Does pattern `number` fit the message answered (always, if it asks nothing of it)?"""
        if not self._needs_context[number]:
            return True
        return context is not None and self.context_regex(number).search(context) is not None

    def run(
        self, normalized: Normalized, words: frozenset[str] | None = None,
        context: str | None = None,
    ) -> list[Hit]:
        """Every pattern that matches the message and survives its checks.

        `words`: the message's words with their stems (`literals.stems`), if already made.
        `context`: the normalized message this one answers; a pattern with a `context` regex
        is searched only when there is one, and kept only when it matches.
        """
        text = normalized.text
        if words is None:
            words = stems(normalized.words)
        best: dict[int, re.Match[str]] = {}
        whole: set[int] = set()  # patterns searched whole (not planned yet)
        if self._pending and not words.isdisjoint(self._pending_set):
            self._unplanned(text, words, best, whole)
        if context is not None and self._replies:
            self._search_replies(text, words, context, best, whole)
        plans = self._plans
        keys = self._keys
        index = self._alternatives
        found: set[Alternative] = set()
        for word in words & self._key_set:
            alone, seconds = keys[word]
            if alone:
                found.update(alone)
            if seconds:
                buckets = index[word]
                for second in words & seconds:
                    found.update(buckets[second])
        if not found and not best:
            return []
        number = -1
        fired: bool | None = None
        # Alternatives in pattern order, and in each pattern in their own order: the first that
        # matches at the leftmost position wins, as in the whole pattern.
        for alternative in sorted(found, key=RANK):
            if alternative.pattern != number:
                number = alternative.pattern
                fired = None
            else:
                before = best.get(number)
                if before is not None and before.start() == 0:
                    continue
            if not alternative.need <= words:
                continue
            if alternative.rest:
                for clause in alternative.rest:
                    if clause.isdisjoint(words):
                        break
                else:
                    clause = None
                if clause is not None:
                    continue
            if alternative.check_trigger:
                if fired is None:
                    plan = plans[number]
                    fired = _triggered(
                        plan.trigger_alone, plan.trigger_parts, words  # type: ignore[union-attr]
                    )
                if not fired:
                    continue
            regex = alternative.regex
            match = regex.search(text) if regex is not None else self._search(alternative, text)
            if match is not None:
                before = best.get(number)
                if before is None or match.start() < before.start():
                    best[number] = match
        if not best:
            return []
        hits: list[Hit] = []
        needs = self._needs_context
        for number in sorted(best) if whole else best:
            match = best[number]
            pattern = self.patterns[number]
            start, end = match.span()
            if number in whole:
                if not _survives(pattern, self.compiled(number), text, start, end):
                    continue
            elif not self._survives(number, pattern, text, words, start, end):
                continue
            if needs[number] and not self._answers(number, context):
                continue
            hits.append(Hit(pattern.flag, start, end, pattern.why, pattern.id))
        return hits + self._implied(text, hits) if hits else hits

    def replies_match(self, text: str, words: frozenset[str]) -> bool:
        """Does a pattern that reads replies (`context`) match `text`, whatever the message
        answered? If none does, `run` finds the same with or without a context."""
        if not self._replies:
            return False
        replies = self._replies
        for word in words & replies.keys():
            for number, others in replies[word]:
                if (
                    _all_present(others, words)
                    and self.compiled(number).regex.search(text) is not None
                ):
                    return True
        return False

    def _search_replies(
        self, text: str, words: frozenset[str], context: str, best: dict[int, re.Match[str]],
        whole: set[int],
    ) -> None:
        """Triggered patterns that read a reply with the message it answers: searched whole."""
        triggered: set[int] = set()
        for word in words & self._replies.keys():
            for number, others in self._replies[word]:
                if _all_present(others, words):
                    triggered.add(number)
        for number in sorted(triggered):
            if not self._answers(number, context):
                continue
            match = self.compiled(number).regex.search(text)
            if match is not None:
                best[number] = match
                whole.add(number)

    def _unplanned(
        self, text: str, words: frozenset[str], best: dict[int, re.Match[str]], whole: set[int]
    ) -> None:
        """Triggered patterns not planned yet: searched whole, and planned once searching them
        whole has cost about what planning them will (so a short batch never waits for it)."""
        triggered: set[int] = set()
        pending = self._pending_split
        for word in words & self._pending_set:
            found = pending.get(word)
            if found is None:
                found = self._split_pending(word)
                if found is None:
                    continue
            alone, seconds, by_second = found
            if alone:
                triggered.update(alone)
            if seconds:
                for second in words & seconds:
                    for number, others in by_second[second]:
                        if not others or _all_present(others, words):
                            triggered.add(number)
        clock = time.perf_counter_ns
        for number in sorted(triggered):
            if self._spent[number] >= self._plan_cost[number]:
                self._plan(number)  # from now on in the alternatives' index
                continue
            whole.add(number)
            regex = self._whole[number]
            if regex is None:
                self.compiled(number)  # checked as written first (groups, errors)
                where = f"{NAME} pattern {self.patterns[number].id}"
                source = fast_start(self.patterns[number].source)
                regex = self._whole[number] = compile_regex(source, where)
            started = clock()
            match = regex.search(text)
            self._spent[number] += clock() - started
            if match is not None:
                best[number] = match

    def _split_pending(self, word: str) -> PendingWord | None:
        """`_split` of the pending entries of `word`, made and kept (under the planning lock,
        so a pattern planned meanwhile is never kept in it)."""
        with self._lock:
            entries = self._pending.get(word)
            if not entries:
                return None
            found = self._pending_split[word] = _split(entries)
        return found

    def _survives(
        self, number: int, pattern: Pattern, text: str, words: frozenset[str], start: int,
        end: int,
    ) -> bool:
        if pattern.requires is None and pattern.unless is None and not pattern.negatable:
            return True
        plan = self._plans[number]
        if plan.requires is not None and plan.requires.search(text) is None:  # type: ignore[union-attr]
            return False
        unless = plan.unless  # type: ignore[union-attr]
        if unless is not None:
            gate = plan.unless_gate  # type: ignore[union-attr]
            if (gate is None or not gate.isdisjoint(words)) and unless.search(
                sentence_around(text, start, end)
            ):
                return False
        return not (pattern.negatable and NEGATION.search(text, max(0, start - 24), start))

    def run_reference(self, normalized: Normalized, context: str | None = None) -> list[Hit]:
        """The plain path: every triggered pattern searched whole (slow; for the tests)."""
        text = normalized.text
        hits: list[Hit] = []
        for number in self.candidates(normalized.words):
            if not self._answers(number, context):
                continue
            compiled = self.compiled(number)
            match = compiled.regex.search(text)
            if match is None:
                continue
            pattern = self.patterns[number]
            if not _survives(pattern, compiled, text, match.start(), match.end()):
                continue
            hits.append(Hit(pattern.flag, match.start(), match.end(), pattern.why, pattern.id))
        return hits + self._implied(text, hits)

    def _implied(self, text: str, hits: list[Hit]) -> list[Hit]:
        implied: list[Hit] = []
        for rule in self.lexicon.implications:
            for hit in hits:
                if hit.flag != rule.source:
                    continue
                sentence = sentence_around(text, hit.start, hit.end)
                if not rule.when.search(sentence):
                    continue
                if rule.unless is None or not rule.unless.search(sentence):
                    implied.append(Hit(rule.flag, hit.start, hit.end, rule.why, "imply"))
                    break
        return implied


def _split(entries: list[tuple[int, Parts]]) -> PendingWord:
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


def _all_present(parts: Parts, words: frozenset[str]) -> bool:
    """Does each part have a word among `words`? (A loop: `all` over a generator costs more.)"""
    for part in parts:  # noqa: SIM110
        if part.isdisjoint(words):
            return False
    return True


RANK = attrgetter("rank")  # sort key of alternatives: pattern number, then order in the pattern
def _implies(
    clauses: list[Clause], parts: tuple[tuple[frozenset[str], ...], ...], singles: frozenset[str]
) -> bool:
    """Do the clauses imply the trigger (some entry with every part sure to be present)?"""
    for clause in clauses:
        if clause <= singles and any(clause <= entry[0] for entry in parts if len(entry) == 1):
            return True
    return any(
        all(any(clause <= part for clause in clauses) for part in entry)
        for entry in parts if len(entry) > 1
    )  # fmt: skip


def _clause_cost(clause: frozenset[str], cost: Any) -> int:
    return sum(cost(word) for word in clause)


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence that holds the span [start, end)."""
    left = max(text.rfind(".", 0, start), text.rfind("!", 0, start), text.rfind("?", 0, start),
               text.rfind(";", 0, start), text.rfind("\n", 0, start)) + 1  # fmt: skip
    found = SENTENCE_END.search(text, end)
    right = found.end() if found else len(text)
    return text[left:right]


def _survives(pattern: Pattern, compiled: Compiled, text: str, start: int, end: int) -> bool:
    if compiled.requires is not None and compiled.requires.search(text) is None:
        return False
    if compiled.unless is not None and compiled.unless.search(sentence_around(text, start, end)):
        return False
    return not (pattern.negatable and NEGATION.search(text, max(0, start - 24), start))


@cache
def load_engine() -> RuleEngine:
    """The rule engine of this process (built once)."""
    lexicon = load_lexicon()
    return RuleEngine(lexicon, load_patterns(lexicon))


def example_failures(engine: RuleEngine) -> list[str]:
    """Patterns whose own example does not trigger them, does not match them, or is matched
    differently by the pattern cut into alternatives (the data-lint test wants none)."""
    failures = []
    for number, pattern in enumerate(engine.patterns):
        normalized = engine.normalizer.normalize(pattern.example)
        if number not in engine.candidates(normalized.words):
            failures.append(f"{pattern.id}: trigger words are not in its example")
        elif (match := engine.compiled(number).regex.search(normalized.text)) is None:
            failures.append(f"{pattern.id}: does not match its example {pattern.example!r}")
        elif engine.planned_span(number, normalized.text) != match.span():
            failures.append(f"{pattern.id}: its alternatives and the whole pattern disagree on "
                            f"its example (a bug of literals.split_alternatives)")  # fmt: skip
        elif pattern.context_example is not None:
            context = engine.normalizer.normalize(pattern.context_example).text
            if engine.context_regex(number).search(context) is None:
                failures.append(f"{pattern.id}: context does not match {pattern.context_example!r}")
    for drop in engine.lexicon.context_drops:
        if not drop.when.search(engine.normalizer.normalize(drop.example).text):
            failures.append(f"context_drop {drop.flag}: does not match {drop.example!r}")
    return failures
