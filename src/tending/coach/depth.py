"""Depth (experience, event, others, none) and the `complex` flag: rules over whole sentences.

The expressions it reads with, and their compiling on first use, are `depth_expressions.py`;
here are their word gates and the reader. `tending.coach._depth` (C, built when a compiler is at
hand: `setup.py`) reads the sentences as those expressions do and answers `DepthReader.depth`
and `complex_span` without the interpreter (but for SPLIT_SELF's search, in the few texts that
may hold it); the methods here are its Python twin (the same answers, held to each other by
tests/unit/coach/test_depth_c.py), and run where it is not built.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial
from typing import NamedTuple

from tending.coach.alternatives import split_alternatives
from tending.coach.depth_expressions import (
    CONTRAST,
    EFFECT_WORDS,
    EXPRESSIONS,
    JOINER,
    JOINER_WORDS,
    MARK_LABELS,
    SENTENCE_END_INSIDE,
    SENTENCE_MARKS,
    SENTENCES,
    SOURCES,
    YOU,
    Found,
    MarkFinder,
    as_written,
    feeling_words_expression,
    mark_finders,
    scanned,
    scanning_marks,
    tells,
)
from tending.coach.lexicon import Lexicon
from tending.coach.literals import required_words

try:  # the fast path in C (`setup.py`; optional: without a compiler the Python twin reads all)
    from tending.coach._depth import Reader as BuiltReader
    from tending.coach._depth import marks as built_marks
except ImportError:  # pragma: no cover - only where the extension could not be built
    BuiltReader = None  # type: ignore[assignment,misc]
    built_marks = None  # type: ignore[assignment]

EXPERIENCE_FLAGS = frozenset({"feeling", "need", "vulnerability", "complex"})
CHARGE_FLAGS = frozenset({"blame", "contempt", "past_grievance", "absolute", "appreciation"})
WORDLIKE = re.compile(r"\w(?:.*\w)?", re.DOTALL)  # (what `_depth.Reader.feelings` can read)


def word_gate(source: str, common: frozenset[str]) -> frozenset[str] | None:
    """Words one of which any text `source` matches holds (None: no such promise): from each
    alternative (`split_alternatives`) one clause of the words it needs (`required_words`),
    the one whose words are least common (`word_cost`), so that the gate turns away as many
    texts as it can ("part", "bittersweet" or "need" rather than "i")."""

    def cost(word: str) -> int:
        return word_cost(word, common)

    chosen: set[str] = set()
    for piece in split_alternatives(source):
        clauses = required_words(piece, cost)
        if not clauses:
            return None
        chosen |= min(clauses, key=lambda clause: (sum(map(cost, clause)), sorted(clause)))
    return frozenset(chosen)


def word_cost(word: str, common: frozenset[str]) -> int:
    """How often a word is met, roughly: a word of `common` (English function words) or of at
    most three letters is met more often than others, and one that is both most often."""
    short = len(word) <= 3
    if word in common:
        return 100 if short else 10
    return 30 if short else 1


class GatedScan:
    """The expression `name` of `SOURCES`, searched as `scanned` writes it, only in a text
    that holds a word of its `word_gate` (worked out on first use)."""

    __slots__ = ("_common", "_gate", "_name", "_scan")

    def __init__(self, name: str, common: frozenset[str]) -> None:
        self._name = name
        self._common = common
        self._gate: frozenset[str] | None | bool = False  # False: not worked out yet
        self._scan: re.Pattern[str] | None = None

    def scan(self) -> Callable[[str], re.Match[str] | None]:
        """Its search without the gate (`_depth.Reader` asks for it on first need: it reads
        the text for what the expression starts with instead)."""
        if self._scan is None:
            self._scan = scanned(self._name)
        return self._scan.search

    def search(self, text: str, words: frozenset[str]) -> re.Match[str] | None:
        gate = self._gate
        if gate is False:
            gate = self._gate = word_gate(SOURCES[self._name], self._common)
        if gate is not None and gate.isdisjoint(words):  # type: ignore[union-attr]
            return None
        if self._scan is None:
            self._scan = scanned(self._name)
        return self._scan.search(text)


class SentenceShape(NamedTuple):
    """How many sentences ask, and how many tell about oneself or about others.

    (A named tuple: one is made for most messages, and a frozen dataclass costs about 1 µs
    more to build.)
    """

    questions: int
    about_self: int
    about_others: int


CUED = SentenceShape(-1, -1, -1)  # (what `_read` gives for a text with an inner cue)


def with_name(told: SentenceShape, original: str) -> SentenceShape:
    """`told` with one more sentence about others when the original opens with a name (and
    nothing asks); a text with no capital letter (`islower`) cannot, as NAME_START needs one."""
    if told.questions or original.islower() or not EXPRESSIONS.NAME_START.match(original):
        return told
    return SentenceShape(0, told.about_self, told.about_others + 1)


class DepthReader:
    """Reads depth from flags and from who the sentences are about.

    Where `_depth` is built (and `built` is left true), `depth` and `complex_span` are its
    Reader's methods, set on the instance (`DepthReader.depth(reader, ...)` is still the Python
    twin); they hand the plain paths back to Python, and the weighing of feelings (`_weigh`)
    where a feeling word is not written as words (`WORDLIKE`). Instead of the word gates, the
    Reader reads the text once where its words start (`_depth.scan`): INNER_CUES there, and
    whether SPLIT_SELF, EFFECT or PROUD_OF may match.
    """

    def __init__(self, lexicon: Lexicon, built: bool = True) -> None:
        self._feelings = sorted(lexicon.valence, key=len, reverse=True)
        self._feeling_word_as_written: re.Pattern[str] | None = None  # (the plain path's)
        # the feeling words as a letter tree, compiled the first time a message has something
        # to weigh (about 6 ms on a cold start: most messages, and loading, never need it)
        self._feeling_word: re.Pattern[str] | None = None
        self._valence = lexicon.valence
        common = frozenset(lexicon.stopwords.get("en", ()))
        self._inner_cues = GatedScan("INNER_CUES", common)
        self._split_self = GatedScan("SPLIT_SELF", common)
        self.built = built and BuiltReader is not None
        # the feeling words found in C (`_depth.Reader.feelings`), where each starts and ends
        # with a word character (as `feeling_words_expression` finds them), else None
        self._built_feelings: Callable[[str, int], list[Found]] | None = None
        # the marks a mixture weighs (MARKS) found in C (`_depth.marks`), else None: the
        # expressions as `scanning` writes them are searched
        self._built_marks: tuple[MarkFinder, ...] | None = None
        if self.built:
            readable = all(WORDLIKE.fullmatch(word) for word in self._valence)
            reader = BuiltReader(
                self._split_self.scan, EXPERIENCE_FLAGS, CHARGE_FLAGS, self.depth,
                self.complex_span, self._weigh, dict(self._valence) if readable else None,
            )  # fmt: skip
            self.depth = reader.depth  # type: ignore[method-assign]
            self.complex_span = reader.complex_span  # type: ignore[method-assign]
            self._built_feelings = reader.feelings if readable else None
            self._built_marks = tuple(
                partial(built_marks, which, label) for which, label in enumerate(MARK_LABELS)
            )  # fmt: skip

    def shape(self, normalized: str, original: str) -> SentenceShape:
        """Count questions, self-reports and reports about others.

        `shape_reference`, cheaper: see `_tell`; the original is tried for a leading name only
        when it has a capital.
        """
        return with_name(self._tell(normalized), original)

    def _read(self, normalized: str, words: frozenset[str]) -> SentenceShape:
        """CUED when the text holds an inner cue, else its sentences' counts."""
        if self._inner_cues.search(normalized, words) is None:
            return self._tell(normalized)
        return CUED

    def _tell(self, normalized: str) -> SentenceShape:
        """The sentences' counts, the leading name left out: a text that is one sentence is not
        cut, and a sentence that does not ask is read with one expression (`TELLS`) instead of
        up to four."""
        questions = about_self = about_others = 0
        if SENTENCE_END_INSIDE.search(normalized) is None:
            # what SENTENCES.findall gives: no sentence (only marks, or nothing) or the whole
            sentences = [normalized] if normalized[:1] not in SENTENCE_MARKS else []
        else:
            sentences = SENTENCES.findall(normalized)
        match_tells, told_by = tells().match, EXPRESSIONS
        for sentence in sentences:
            if sentence.rstrip().endswith("?"):
                if told_by.SELF_SUBJECT.match(sentence) and told_by.SELF_START.match(sentence):
                    about_self += 1
                else:
                    questions += 1
                continue
            told = match_tells(sentence)
            if told is None:
                continue
            kind = told.lastgroup
            if kind == "question":
                questions += 1
            elif kind == "others":
                about_others += 1
            else:  # "self" or "thing"
                about_self += 1
        return SentenceShape(questions, about_self, about_others)

    def shape_reference(self, normalized: str, original: str) -> SentenceShape:
        """The plain path of `shape`: every sentence cut out and tried pattern by pattern."""
        questions = about_self = about_others = 0
        expressions = EXPRESSIONS
        for sentence in SENTENCES.findall(normalized):
            asks = sentence.rstrip().endswith("?")
            if asks and not expressions.SELF_SUBJECT.match(sentence):
                questions += 1
            elif expressions.SELF_START.match(sentence):
                about_self += 1
            elif asks or expressions.QUESTION_START.match(sentence):
                questions += 1
            elif expressions.OTHER_START.match(sentence):
                about_others += 1
            elif expressions.THING_PAST.match(sentence):
                about_self += 1
        if expressions.NAME_START.match(original) and not questions:
            about_others += 1
        return SentenceShape(questions, about_self, about_others)

    def depth(
        self, flags: set[str], normalized: str, original: str, words: frozenset[str] | None = None
    ) -> str:
        """experience, event, others or none, as the SPEC defines them.

        `words` (the message's words with stems, `stems.stems`) lets searches that cannot
        match be skipped; without them every search runs (the plain path).
        """
        if not flags.isdisjoint(EXPERIENCE_FLAGS):
            return "experience"
        if words is None:
            if EXPRESSIONS.INNER_CUES.search(normalized):
                return "experience"
            shape = self.shape_reference(normalized, original)
        else:
            told = self._read(normalized, words)
            if told is CUED:
                return "experience"
            shape = with_name(told, original)
        if not shape.about_self and not flags.isdisjoint(CHARGE_FLAGS) and YOU.search(normalized):
            return "others"
        if shape.about_others > shape.about_self:
            return "others"
        if shape.about_self:
            return "event"
        return "none"

    def complex_span(
        self,
        normalized: str,
        feeling_spans: list[tuple[int, int]],
        words: frozenset[str] | None = None,
    ) -> tuple[int, int] | None:
        """Where two different feelings or wants are held at once, if they are.

        With `words`: searches their words rule out are skipped, and a text with nothing to
        weigh (no feeling, no pride, nothing done to the writer) is answered at once.
        """
        if words is None:
            split = EXPRESSIONS.SPLIT_SELF.search(normalized)
            return self._mixture(
                normalized, feeling_spans, split, self._found_by(self._feeling_word_written()),
                mark_finders(as_written()), True,
            )
        split = self._split_self.search(normalized, words)
        if split:
            return split.span()
        effect = not EFFECT_WORDS.isdisjoint(words)
        if not feeling_spans and not effect and "proud" not in normalized:
            return None  # (most messages: nothing to weigh against anything)
        if not any(map(normalized.__contains__, JOINER_WORDS)):
            return None  # (nothing held together)
        return self._weigh(normalized, feeling_spans, effect)

    def _weigh(
        self, normalized: str, feeling_spans: list[tuple[int, int]], effect: bool
    ) -> tuple[int, int] | None:
        """`complex_span` with words once SPLIT_SELF found nothing and there is something to
        weigh (`effect`: EFFECT may match)."""
        feelings = self._built_feelings or self._found_by(
            self._feeling_word or self._feeling_tree()
        )
        marks = self._built_marks or mark_finders(scanning_marks())
        return self._mixture(normalized, feeling_spans, None, feelings, marks, effect)

    def _found_by(self, regex: re.Pattern[str]) -> Callable[[str, int], list[Found]]:
        """The feeling words `regex` finds in a text from a place, with their valences."""
        valence = self._valence

        def found(text: str, start: int) -> list[Found]:
            return [(w.start(), w.end(), valence[w.group()]) for w in regex.finditer(text, start)]

        return found

    def _feeling_tree(self) -> re.Pattern[str]:
        """The feeling words as a letter tree (`feeling_words_expression`), compiled once."""
        self._feeling_word = re.compile(feeling_words_expression(self._valence))
        return self._feeling_word

    def _mixture(
        self,
        normalized: str,
        feeling_spans: list[tuple[int, int]],
        split: re.Match[str] | None,
        feelings: Callable[[str, int], list[Found]],
        marks: tuple[MarkFinder, ...],
        effect_possible: bool,
    ) -> tuple[int, int] | None:
        """`complex_span` once the split-self search (`split`) is done, with the marks of
        MARKS found by `marks` (their expressions as written or as `scanning` writes them:
        `mark_finders`, or `_depth.marks`) and the feeling words `feelings` finds (from a
        place: `_found_by` or `_depth.Reader.feelings`); EFFECT is searched when
        `effect_possible`."""
        if split:
            return split.span()
        proud_of, want, attached, missing = marks
        proud = proud_of(normalized) if "proud" in normalized else []
        # a want or an attachment against what something does to the writer is a mixture even
        # without a feeling word ("I want to be there for you, but I have nothing left")
        effect = (
            [(w.start(), w.end(), "unpleasant") for w in EXPRESSIONS.EFFECT.finditer(normalized)]
            if effect_possible
            else []
        )
        if not feeling_spans and not proud and not effect:
            return None
        found = proud + effect
        if feeling_spans or proud:
            first_start = min([start for start, _ in feeling_spans] + [m[0] for m in proud])
            found += feelings(normalized, first_start)
        found += want(normalized)
        found += attached(normalized)
        if "miss" in normalized:
            found += missing(normalized)
        found.sort()
        pairs = zip(found, found[1:], strict=False)
        for (start, end, valence), (later_start, later_end, later) in pairs:
            if valence == later or not JOINER.search(normalized, end, later_start):
                continue
            glad_and_missing = {valence, later} == {"pleasant", "longing"}
            if glad_and_missing and not CONTRAST.search(normalized, end, later_start):
                continue
            return start, later_end
        return None

    def _feeling_word_written(self) -> re.Pattern[str]:
        """The feeling words as one alternation, longest first (the plain path's expression;
        compiled when first needed, as only the plain path reads it)."""
        if self._feeling_word_as_written is None:
            alternation = "|".join(map(re.escape, self._feelings))
            self._feeling_word_as_written = re.compile(r"\b(?:" + alternation + r")\b")
        return self._feeling_word_as_written
