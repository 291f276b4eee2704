"""The rule engine: which patterns match a message, with their spans, checks and implied flags.

A pattern is tried only if its trigger words are in the message. Until it is planned it is
searched whole (as `fast_start` writes it), and the time spent is counted; once that reaches
what planning it costs, `planning.py` cuts it into alternatives and files each under the whole
words it needs. `run` then looks the message's words up once and searches, in pattern order,
the few small alternatives whose words are all present: the leftmost match wins, and at one
position the alternative that comes first, exactly as Python's `re` would answer for the whole
pattern (that loop is `searching.search_planned`, run in C by `_engine` where it is built).
`run_reference` is the whole-pattern path, kept for the tests that hold the two to the
same answers. A match survives `requires`, `unless` (in its sentence), negation scope and, for
a pattern that reads replies, its `context`; implied flags (`[[imply]]`) are added last. When
every triggered pattern is planned and no reply is read (nearly every message of a long
batch), all of that after the word look-up is one call, `searching.run_planned` (C where built),
each `unless` cut into alternatives searched only when the message holds their words. It tells
first, in a few bit tests, whether the message may trigger a pattern not planned yet (the
pending gate: each pending trigger word's second words by number, `searching.pending_met`), and
answers None when it may: only then are the pending entries looked up (`triggered_pending`).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Collection, Iterable
from functools import cache
from typing import Any, NamedTuple

from tending.coach.alternatives import fast_start
from tending.coach.gated import GatedRegex
from tending.coach.lexicon import Implication, Lexicon, load_lexicon
from tending.coach.normalize import Normalized, Normalizer
from tending.coach.patterns import NAME, Pattern, load_patterns
from tending.coach.planned import Plan
from tending.coach.planning import PatternIndex
from tending.coach.replies import ReplyGates
from tending.coach.searching import (
    FAST_RUN,
    FAST_SEARCH,
    FAST_TRIGGERED,
    WORD_NUMBERS,
    Finish,
    GatedRule,
    implied_hits,
    passes_guard,
)
from tending.coach.searching import sentence_around as sentence_around  # (analyzer reads it here)
from tending.coach.stems import _STEM_OF, stems
from tending.coach.triggers import all_present
from tending.domain.errors import FormatProblem

# "can not stop crying", "could not help laughing": the act goes on, so no negation
NEGATION = re.compile(
    r"\b(?:not|never|no|hardly|nobody)\b(?!\s+(?:stop|stopped|help|helped|quit)\b)(?:\s+\S+){0,2}\s*$"
)
LITERAL_WORDS = re.compile(r"[a-z]{2,}")
# what a message pays, about, for taking the Python path because patterns it triggers are not
# planned yet (the one C call `run_planned` is only for messages whose patterns all are): rent
# shared by those patterns, counted with their whole searches toward planning them. Measured on
# the first 100k-message pass of `coach_speed.py` with most patterns unplanned: the pass cost
# 0.88 s more than with all planned, 0.22 s of it planning and 0.29 s whole searches, the rest
# (0.37 s) spread over the 22k messages that took this path: about 17 µs each
SLOW_PATH_NS = 15_000


class Hit(NamedTuple):
    """A pattern that matched: normalized span, flag, and reason (a named tuple: made often)."""

    flag: str
    start: int
    end: int
    why: str
    rule: str


# `RuleEngine.planned_call()`: `run_planned`, its arguments after the words and text,
# `run_pending`, and whether a pattern reads replies
PlannedCall = tuple[
    Callable[..., list[Hit] | None], tuple[Any, ...],
    Callable[[Normalized, frozenset[str], str | None], list[Hit]], bool,
]

# `new_hit(Hit, (flag, start, end, why, rule))`: a Hit made without calling its Python
# `__new__` (one is made per match)
new_hit = tuple.__new__

class RuleEngine(PatternIndex):
    """The patterns of `PatternIndex`, run on messages: a message's words looked up once, the
    triggered patterns not planned yet searched whole, the planned alternatives whose words are
    all present searched in pattern order; then `unless`, `requires`, negation and context."""

    def __init__(self, lexicon: Lexicon, patterns: Iterable[Pattern]) -> None:
        super().__init__(lexicon, patterns)
        self.normalizer = Normalizer(lexicon, self._vocabulary)
        # the inner loops (planned alternatives, pending patterns): C when built, else their
        # Python twins (the tests set the twins here to hold the two to the same answers)
        self.search_planned = FAST_SEARCH
        self.triggered_pending = FAST_TRIGGERED
        self.run_planned = FAST_RUN
        # what a match of each pattern gives, read once: its hit's flag, reason and id, and
        # whether it has checks (`requires`, `unless`, negation) or reads a reply (`context`)
        self._outcomes = tuple(
            (pattern.flag, pattern.why, pattern.id, _has_checks(pattern), needs)
            for pattern, needs in zip(self.patterns, self._needs_context, strict=True)
        )
        # flags that imply another (`[[imply]]`); each rule's `when` gated by its words
        self._implying = frozenset(rule.source for rule in lexicon.implications)
        # each `[[imply]]` rule with its `when` and `unless` gated and fast (`_gate_rules`:
        # filled when the first pattern is planned; one list, which `_finish` holds)
        self._implication_rules: list[GatedRule] = []
        # (kept: a bound method made once, not on every message)
        self._compile = self._regex
        # the word numbers `run_planned` reads: the dict, or (C build) what `stems` noted of
        # the message's words in the same pass (`_engine.WordNumbers`: a look-up each saved)
        self._numbers: Any = self._ids.ids
        # a message's words with their stems (`stems.stems`), as `run` wants them
        self.stems: Callable[[frozenset[str]], frozenset[str]] = stems
        if WORD_NUMBERS is not None:
            self._numbers = WORD_NUMBERS(_STEM_OF, self._ids.ids)
            self.stems = self._numbers.stems
        # what `run_planned` needs besides the search (`searching.Finish`): with the pending
        # gate (None when a pattern not planned yet may be triggered), and without (when none is)
        self._finish: Finish = (
            self._outcomes, self._guards, Hit, NEGATION, self._implying,
            self._implication_rules, self._unless_regex, self._by_id, self._records_by_id,
            self._pending_gate,
        )  # fmt: skip
        self._finish_ungated: Finish = (*self._finish[:9], [])
        # `replies_match`: `replies_match_whole` with each pattern's alternatives gated by words
        self._reply_gates = ReplyGates(self)
        self.replies_match = self._reply_gates.fast  # (`match` without its Python frame)

    def _vocabulary(self) -> set[str]:
        """The words of the word classes and the patterns (the normalizer asks for them the
        first time it collapses a tripled letter, "sooo": about 5 ms, kept out of loading)."""
        classes = self.lexicon.classes
        vocabulary = {w for ws in classes.values() for p in ws for w in p.split()}
        for pattern in self.patterns:
            vocabulary.update(LITERAL_WORDS.findall(pattern.source))
        return vocabulary


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

        `words`: the message's words with their stems (`stems.stems`), if already made.
        `context`: the normalized message this one answers; a pattern with a `context` regex
        is searched only when there is one, and kept only when it matches.
        """
        if words is None:
            words = self.stems(normalized.words)
        if context is None or not self._replies:  # (no reply read)
            # one call (C where built): the hits, if the message triggers no pattern not
            # planned yet (a few bit tests tell most: `searching.pending_met`), else None
            found = self.run_planned(
                words, normalized.text, self._records, self._compile, self._numbers,
                self._finish,
            )  # fmt: skip
            if found is not None:
                return found
        return self.run_pending(normalized, words, context)

    def planned_call(self) -> PlannedCall:
        """`run` in the pieces the glue calls without a Python frame (`PlannedCall`): the
        engine's `run_planned` as it is set now (the tests set its twin before making a coach)
        and its arguments after the words and text, `run_pending`, and whether a pattern
        reads replies (else the message answered changes nothing `run` finds)."""
        arguments = (self._records, self._compile, self._numbers, self._finish)
        return self.run_planned, arguments, self.run_pending, bool(self._replies)

    def run_pending(
        self, normalized: Normalized, words: frozenset[str], context: str | None
    ) -> list[Hit]:
        """`run` past its first step: for a message that may trigger a pattern not planned
        yet (`run_planned` answered None), or one whose message answered a pattern reads."""
        text = normalized.text
        plain = context is None or not self._replies  # (no reply read)
        triggered: Collection[int] = ()  # patterns not planned yet that the words trigger
        if self._pending and not words.isdisjoint(self._pending_set):
            triggered = self.triggered_pending(
                words, self._pending_set, self._pending_split, self._split_pending
            )
        if not triggered and plain:
            # every triggered pattern planned after all (their other trigger words missing)
            return self.run_planned(
                words, text, self._records, self._compile, self._numbers, self._finish_ungated
            )  # type: ignore[return-value]
        best: dict[int, re.Match[str]] = {}
        whole: set[int] = set()  # patterns searched whole (not planned yet)
        if triggered:
            self._unplanned(text, triggered, best, whole)
        if context is not None and self._replies:
            self._search_replies(text, words, context, best, whole)
        if self._records:
            self.search_planned(words, text, self._records, best, self._regex, self._ids.ids)
        if not best:
            return []
        hits: list[Hit] = []
        outcomes = self._outcomes
        for number, match in sorted(best.items()):
            flag, why, rule, checked, needs = outcomes[number]
            start, end = match.span()
            if checked:
                if number in whole:
                    if not _survives(self.patterns[number], *self.checks(number), text, start, end):
                        continue
                elif not passes_guard(
                    self._guards[number], text, words, start, end,  # type: ignore[arg-type]
                    self._unless_regex, NEGATION,
                ):  # fmt: skip
                    continue
            if needs and not self._answers(number, context):
                continue
            hits.append(new_hit(Hit, (flag, start, end, why, rule)))
        if hits and not self._implying.isdisjoint([hit.flag for hit in hits]):
            hits += self._implied_gated(text, words, hits)
        return hits

    def replies_match_whole(self, text: str, words: frozenset[str]) -> bool:
        """Does a pattern that reads replies (`context`) match `text`, whatever the message
        answered? If none does, `run` finds the same with or without a context. (Each
        triggered pattern searched whole; `replies_match` answers the same, gated.)"""
        triggered = words & self._reply_words
        if not triggered:
            return False
        replies, whole, tried = self._replies, self._whole, set()
        for word in triggered:
            for number, others in replies[word]:
                if number in tried or (others and not all_present(others, words)):
                    continue
                tried.add(number)  # (several words can trigger one pattern: searched once)
                regex = whole[number] or self.whole_regex(number)
                if regex.search(text) is not None:
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
                if all_present(others, words):
                    triggered.add(number)
        for number in sorted(triggered):
            if not self._answers(number, context):
                continue
            match = self.whole_regex(number).search(text)
            if match is not None:
                best[number] = match
                whole.add(number)

    def _unplanned(
        self, text: str, triggered: Collection[int], best: dict[int, re.Match[str]],
        whole: set[int],
    ) -> None:
        """Triggered patterns not planned yet: searched whole, and planned once searching them
        whole, and the slower path a message takes because of them (`SLOW_PATH_NS`), has cost
        a good part of what planning them will (`planning.PLAN_NS_PER_CHAR`: so a short batch
        never plans a pattern it meets once)."""
        clock = time.perf_counter_ns
        share = SLOW_PATH_NS // len(triggered)
        for number in triggered:
            if self._spent[number] >= self._plan_cost[number]:
                self._plan(number)  # from now on in the alternatives' index
                continue
            whole.add(number)
            regex = self._whole[number] or self.whole_regex(number)
            started = clock()
            match = regex.search(text)
            self._spent[number] += clock() - started + share
            if match is not None:
                best[number] = match

    def whole_regex(self, number: int) -> re.Pattern[str]:
        """Pattern `number` whole as `fast_start` writes it (the same matches at the same
        spans, found faster), compiled on first use. The pattern as written is compiled only
        where it is needed (the plain path, the data lint, a bad expression's message): for
        a long pattern that doubled the cost of the first message that triggers it."""
        regex = self._whole[number]
        if regex is None:
            where = f"{NAME} pattern {self.patterns[number].id}"
            from tending.coach.compiled_file import compile_shipped  # (not at loading)

            try:
                regex = compile_shipped(fast_start(self.patterns[number].source))
            except re.error:
                self.compiled(number)  # raises FormatProblem, naming the error as written
                raise
            if regex.groups:
                raise FormatProblem(f"{where}: use (?:...) groups only")
            self._whole[number] = regex
        return regex

    def compiled_sources(self) -> list[list[str]]:
        """Every expression the engine compiles, in the groups `compiled_file` ships together
        (a lookup decompresses its group): for each pattern, first what is compiled when it is
        first triggered or planned (the pattern whole as `fast_start` writes it, its `unless`,
        `requires` and `context`), then its alternatives and its `unless`'s as `fast_start`
        writes them (each compiled on first search); and last the `[[imply]]` rules' as
        `_fast` writes them. (Plans every pattern.)"""
        self.plan_all()
        out: list[list[str]] = []
        for number, pattern in enumerate(self.patterns):
            out.append([fast_start(pattern.source)] + [
                source for source in (pattern.unless, pattern.requires, pattern.context) if source
            ])  # fmt: skip
            sources = [fast_start(cut.source, group=True) for cut in self._cut[number]]
            guard = self._guards[number]
            if guard is not None and guard[1] is not None:
                always, by_word = guard[1]
                records = [*always, *(record for found in by_word.values() for record in found)]
                sources += [fast_start(record[3].source, group=True) for record in records]
            out.append(sources)
        out.append([regex.pattern for rule in self._gate_rules()
                    for regex in (rule[3], rule[6]) if regex is not None])  # fmt: skip
        return out

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
            checks = (compiled.unless, compiled.requires)
            if not _survives(pattern, *checks, text, match.start(), match.end()):
                continue
            hits.append(Hit(pattern.flag, match.start(), match.end(), pattern.why, pattern.id))
        return hits + self._implied(text, hits)

    def _implied_gated(self, text: str, words: frozenset[str], hits: list[Hit]) -> list[Hit]:
        """`_implied`, skipping a rule whose `when` needs a word the message lacks (its
        sentence lies in the message, so it lacks the word too) and not searching an `unless`
        whose words the message lacks; `when` and `unless` as `fast_start` writes them
        (`searching.implied_hits`, which `run_planned` runs in C)."""
        return implied_hits(self._implication_rules or self._gate_rules(), text, words, hits, Hit)

    def _gate_rules(self) -> list[GatedRule]:
        """The `[[imply]]` rules as `searching.implied_hits` reads them, made once (with the
        planning lock: they number words, which the C search must not see change while it
        runs; so they are made when the first pattern is planned, before any C search)."""
        with self._lock:
            rules = self._implication_rules
            if not rules:
                bits = self._ids.bits
                for rule in self.lexicon.implications:
                    when_gate = GatedRegex(rule.when).gate()
                    unless = rule.unless
                    unless_gate = None if unless is None else GatedRegex(unless).gate()
                    rules.append((
                        rule.source, when_gate, None if when_gate is None else bits(when_gate),
                        _fast(rule.when), unless_gate,
                        None if unless_gate is None else bits(unless_gate),
                        None if unless is None else _fast(unless), rule.flag, rule.why,
                    ))  # fmt: skip
        return rules

    def plan_all(self) -> None:
        super().plan_all()
        self._reply_gates.build()  # (`prepare_all`: the gates of `replies_match` too)

    def _plan_now(self, number: int) -> Plan:
        if not self._implication_rules:  # (the first planning: before any C search)
            self._gate_rules()  # (the lock is held here: it is reentrant)
        return super()._plan_now(number)

    def _implied(self, text: str, hits: list[Hit]) -> list[Hit]:
        return _implied_by(self.lexicon.implications, text, hits)



def _fast(regex: re.Pattern[str]) -> re.Pattern[str]:
    """`regex` as `fast_start` writes it (the same matches, found faster), where it has no
    flags of its own."""
    if regex.flags != re.UNICODE:
        return regex
    from tending.coach.compiled_file import compile_shipped  # (not at loading)

    return compile_shipped(fast_start(regex.pattern, group=True))


def _implied_by(rules: Iterable[Implication], text: str, hits: list[Hit]) -> list[Hit]:
    """The hits `[[imply]]` rules add: for each rule, the first hit of its source flag whose
    sentence its `when` matches and its `unless` does not."""
    implied: list[Hit] = []
    for rule in rules:
        for hit in hits:
            if hit.flag != rule.source:
                continue
            sentence = sentence_around(text, hit.start, hit.end)
            if not rule.when.search(sentence):
                continue
            if rule.unless is None or not rule.unless.search(sentence):
                implied.append(new_hit(Hit, (rule.flag, hit.start, hit.end, rule.why, "imply")))
                break
    return implied


def _has_checks(pattern: Pattern) -> bool:
    """Can a match of `pattern` fail its checks (`requires`, `unless`, negation)?"""
    return pattern.requires is not None or pattern.unless is not None or pattern.negatable


def _survives(
    pattern: Pattern, unless: re.Pattern[str] | None, requires: re.Pattern[str] | None,
    text: str, start: int, end: int,
) -> bool:
    if requires is not None and requires.search(text) is None:
        return False
    if unless is not None and unless.search(sentence_around(text, start, end)):
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
                            f"its example (a bug of alternatives.split_alternatives)")  # fmt: skip
        elif pattern.context_example is not None:
            context = engine.normalizer.normalize(pattern.context_example).text
            if engine.context_regex(number).search(context) is None:
                failures.append(f"{pattern.id}: context does not match {pattern.context_example!r}")
    for drop in engine.lexicon.context_drops:
        if not drop.when.search(engine.normalizer.normalize(drop.example).text):
            failures.append(f"context_drop {drop.flag}: does not match {drop.example!r}")
    return failures
