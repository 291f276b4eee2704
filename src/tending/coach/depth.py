"""Depth (experience, event, others, none) and the `complex` flag: rules over whole sentences.

`tending.coach._depth` (C, built when a compiler is at hand: `setup.py`) reads the sentences
as the expressions below do and answers `DepthReader.depth` and the front of `complex_span`
without the interpreter; the methods here are its Python twin (the same answers, held to each
other by tests/unit/coach/test_depth_c.py), and run where it is not built.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cache
from typing import NamedTuple

from tending.coach.alternatives import fast_start, split_alternatives
from tending.coach.lexicon import Lexicon
from tending.coach.literals import Clause, required_words

try:  # the fast path in C (`setup.py`; optional: without a compiler the Python twin reads all)
    from tending.coach._depth import Reader as BuiltReader
except ImportError:  # pragma: no cover - only where the extension could not be built
    BuiltReader = None  # type: ignore[assignment,misc]

EXPERIENCE_FLAGS = frozenset({"feeling", "need", "vulnerability", "complex"})
INNER_CUES_SOURCE = (
    r"\bi (?:(?:really|still|just|also|so|secretly|quietly) )*(?:hope|wish|long|fear|dread|"
    r"worry|am hoping|am dreading|am longing|was hoping|am proud|was proud|felt|feel (?!like|that))"
    r"|\bpart of me\b|\bmy heart\b"
)
SENTENCES = re.compile(r"[^.!?\n]+[.!?\n]*")
QUESTION_START_SOURCE = (
    r"^\s*(?:(?:so|and|but|hey|okay|ok|well|also|oh),?\s+)*(?:what|how|why|when|where|who|which|"
    r"do|does|did|can|could|would|will|shall|should|is|are|was|were|may|might|have|has|want|"
    r"wanna|are|am)\b"
)
LEAD = r"^\s*(?:(?:so|and|but|then|today|yesterday|tonight|well|also|apparently|anyway|ok|okay|"
LEAD += r"this (?:morning|afternoon|evening)|last (?:night|week|year|\w+)|earlier|finally|just)"
LEAD += r",?\s+)*"
PAST = (
    r"(?:(?!(?:need|feed|speed|seed|bleed|breed|proceed|succeed|exceed|indeed|bed|red|shed|wed)\b)"
    r"[a-z]+ed|went|got|had|did|made|saw|took|came|ran|bought|ate|met|left|found|told|said|was|"
    r"were|have been|spent|drove|gave|wrote|read|fell|sat|slept|woke|brought|caught|began|won|lost|"
    r"paid|sent|put|heard|kept|thought|knew|forgot|finished|picked|broke|stole|rang|flew|grew|"
    r"threw|wore|sold|am (?!going\b|leaving\b|coming\b|heading\b)(?:[a-z]+ing)|have [a-z]+ed|"
    r"just [a-z]+ed|dropped|landed|booked|tried|cooked|cleaned|spoke|talked|ended up|managed)"
)
SELF_START_SOURCE = (
    LEAD + r"(?:(?:i|we|me and \w+|\w+ and i) (?:\w+ly |just |finally |also |then )?" + PAST + r"\b"
    r"|(?:i|we) (?:always|usually|often|sometimes|never|normally) [a-z]+\b"
    r"|my (?:day|week|morning|shift|work|job|car|phone|plan|train|flight|meeting|run|evening)\b"
    r"|today was\b|(?:just )?(?:(?!need\b|feed\b|speed\b)[a-z]+ed|went|got|had|made|took|spent|"
    r"drove|finished)\b)"
)
THING_PAST_SOURCE = LEAD + r"(?:the|our|my) [a-z]+ (?:[a-z]+ )?" + PAST + r"\b"
SELF_SUBJECT_SOURCE = LEAD + r"(?:i|we)\b"
RELATIVES = (
    r"dad|mum|mom|mother|father|grandma|grandpa|granny|nan|sister|brother|boss|friend|"
    r"neighbou?r|plumber|doctor|teacher|kids?|son|daughter|aunt|uncle|cousin|colleague|coworker|"
    r"partner|husband|wife|boyfriend|girlfriend|ex|landlord|mechanic|nurse|baby|team|manager|"
    r"parents|family|in-laws|vet|dentist|therapist|coach|roommate|flatmate"
)
OTHER_START_SOURCE = (
    LEAD + r"(?:because of you|you (?:\w+ly |just |never |always )?" + PAST + r"\b|"
    r"(?:(?:my|your|his|her|our|their|the) )?(?:" + RELATIVES + r")(?:'s)?\b|"
    r"(?:he|she|they) (?!are (?:on|in the)\b)\w+)"
)
NAME_START_SOURCE = (
    r"^\s*(?:(?:So|so|And|and|But|but|Apparently|apparently|Well|well|Oh|oh),?\s+)*(?!(?:What|Where|When|How|Who|Why|Which|It|This|That|There|Here|Today|"
    r"Everything|Nothing|Someone|Something|The|A|An|Last|Just|So|And|But|Is|Are|Was|Do|Did|Can|"
    r"Could|Would|Will|Should|May|Please|Thanks|Thank|Sorry|Maybe|Also|Tomorrow|Tonight|Yesterday|"
    r"Dinner|Lunch|Breakfast|Coffee|Look|Guess|Let|Hey|Hi|Hello|Good|Happy|Love|Miss|Well)\b)"
    r"[A-Z][a-z]+(?:'s)? (?:said|told|called|is|was|has|had|went|came|says|thinks|wants|can|will|"
    r"did|does|got|started|lands|arrives|left|asked|texted|sent|flight|mum|mom|dad)\b"
)
CHARGE_FLAGS = frozenset({"blame", "contempt", "past_grievance", "absolute", "appreciation"})
YOU = re.compile(r"\b(?:you|your|u)\b")
COMPLEX_MARKERS_SOURCE = (
    r"\b(?:mixed feelings|part of me|torn between|bittersweet|at the same time|and yet|"
    r"but also|and also|i am both|but i also|and i also|and i would also|but i would also|"
    r"while also|even though i)\b"
)
SPLIT_SELF_SOURCE = (
    r"\bpart of me\b[^.!?]{0,80}\b(?:and|but|while|,) (?:another |the other |a )?part of me\b|"
    r"\bmixed feelings\b|\btorn between\b|\bbittersweet\b|\bboth at the same time\b|"
    r"\bi (?:love|miss) you and i am (?:so |really )?(?:angry|mad|furious|hurt|annoyed)\b|"
    r"\bi am (?:so |really )?(?:angry|mad|furious|hurt|annoyed)(?: at you)? "
    r"and i (?:still )?love you\b|"
    r"\bi (?:would love|want|would like|need|really want) to [^.!?]{3,80}\b(?:and|but),? "
    r"(?:at the same time,? )?i (?:also |really |still |am )*(?:want|need|would love|would like|"
    r"craving|crave|do not want|also want)\b|\bboth at once\b"
)
ATTACHED_SOURCE = r"\bi (?:also |still |really )*(?:love|loved|adore|enjoyed)\b"
# missing someone is longing: against a glad feeling it needs a contrast ("I miss him, and I'm
# also relieved"), against an unpleasant one any joiner ("I miss you and I'm angry")
MISSING_SOURCE = r"\bi (?:also |still |really |do |will |would |am going to )*miss\b"
JOINER = re.compile(r"\b(?:but|and|yet|also|though|although|too|while|at the same time|still)\b|,")
# what JOINER can match only where it is written (between any two places of a text, too): a text
# with none of them holds no mixture
JOINER_WORDS = (
    ",", "but", "and", "yet", "also", "though", "too", "while", "still", "at the same time"
)  # fmt: skip
CONTRAST = re.compile(r"\b(?:but|also|yet|though|still|at the same time|even so)\b")
# what something does to the writer, said without a feeling word ("leaving my friends breaks my
# heart", "they wear me out", "I have nothing left"): unpleasant, against a glad feeling or a want
EFFECT_SOURCE = (
    r"\b(?:breaks? my heart|(?:it|this|that|they|he|she|which) (?:really |also |kind of |still )?"
    r"(?:hurts(?! to (?:stand|walk|move|sit|breathe|eat|type|lie))|stings|kills me|break me|"
    r"breaks me|wears? me (?:out|down)|drains? me|exhausts? me|scares me)|"
    r"i have nothing left|i am not there yet|i am not ready)\b"
)
# a word EFFECT needs, so the search is skipped when the message has none of them
EFFECT_WORDS = frozenset(
    {
        "heart", "hurts", "stings", "kills", "break", "breaks", "wear", "wears", "drain",
        "drains", "exhausts", "exhaust", "scares", "nothing", "yet", "ready",
    }
)
# pride in the other is a glad feeling the feeling patterns leave to `appreciation`; against
# missing them it is a mixture ("proud of you, but I'll miss you")
PROUD_OF_SOURCE = r"\bproud of (?:you|u|him|her|them)\b"
WANT_SOURCE = (
    r"\bi (?:would |also |really |still |do )*(?:love to|like to|want to|would love to|"
    r"am looking forward|can not wait|am excited|am glad|am happy)\b"
)


# Each expression above is compiled the first time it is read (`EXPRESSIONS.NAME`, or `NAME` of
# this module): the fast path searches most of them only as `scanned` writes them, so compiling
# them as written at import (about 8 ms) bought nothing; the plain path and the tests read them.
SOURCES = {
    name[: -len("_SOURCE")]: source
    for name, source in list(globals().items())
    if name.endswith("_SOURCE") and isinstance(source, str)
}


class _Expressions:
    """`SOURCES`, each compiled on first read and then kept as a plain attribute."""

    def __getattr__(self, name: str) -> re.Pattern[str]:
        if name not in SOURCES:
            raise AttributeError(name)
        regex = re.compile(SOURCES[name])
        setattr(self, name, regex)
        return regex


EXPRESSIONS = _Expressions()


def __getattr__(name: str) -> object:  # (PEP 562: the module's compiled names, on first read)
    if name in SOURCES:
        return getattr(EXPRESSIONS, name)
    if name == "AS_WRITTEN":
        return as_written()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# What a sentence that does not ask tells, in one match: the first of SELF_START, QUESTION_START,
# OTHER_START and THING_PAST that matches it, as `shape_reference` tries them one by one (an
# alternation tries its branches in order; each branch is anchored with its own `^`).
# (Compiled when first needed, as are the expressions `scanned` writes: about 5 ms of loading.)
TELLS = (
    f"(?P<self>{SELF_START_SOURCE})|(?P<question>{QUESTION_START_SOURCE})|"
    f"(?P<others>{OTHER_START_SOURCE})|(?P<thing>{THING_PAST_SOURCE})"
)
Found = tuple[int, int, str]  # a feeling word's start, end and valence
WORDLIKE = re.compile(r"\w(?:.*\w)?", re.DOTALL)  # (what `_depth.Reader.feelings` can read)
SENTENCE_MARKS = ".!?\n"  # (and "": `normalized[:1]` of an empty text is in it)
SENTENCE_END_INSIDE = re.compile(r"[.!?\n][^.!?\n]")  # a sentence ends and another begins
MARKS = ("PROUD_OF", "WANT", "ATTACHED", "MISSING")  # what `complex_span` finds marks with


@cache
def tells() -> re.Pattern[str]:
    return re.compile(TELLS)


@cache
def scanning(regex: re.Pattern[str]) -> re.Pattern[str]:
    """`regex` as `fast_start` writes it: the same matches at the same spans, but Python's `re`
    scans for the first letters of its alternatives instead of trying it at every position
    (a leading `\\b` hides them): about half the time on a message it does not match."""
    return re.compile(fast_start(regex.pattern), regex.flags)


@cache
def scanned(name: str) -> re.Pattern[str]:
    """`scanning` of the expression `name` of `SOURCES`, without compiling it as written."""
    return re.compile(fast_start(SOURCES[name]))


@cache
def as_written() -> tuple[re.Pattern[str], ...]:
    """(PROUD_OF, WANT, ATTACHED, MISSING) as written (the plain path's)."""
    return tuple(getattr(EXPRESSIONS, name) for name in MARKS)


@cache
def scanning_marks() -> tuple[re.Pattern[str], ...]:
    """The same, as `scanning` writes them."""
    return tuple(map(scanned, MARKS))


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


def clause_gate(source: str, common: frozenset[str]) -> tuple[tuple[Clause, ...], ...] | None:
    """Each alternative of `source` (`split_alternatives`) with every clause of the words it
    needs (`required_words`; None: an alternative with none, no promise). A text `source`
    matches meets every clause of one of them: a stricter gate than `word_gate`'s one clause an
    alternative ("love you" holds none of "and i am angry"), which `_depth.Reader` checks a
    bit a clause."""

    def cost(word: str) -> int:
        return word_cost(word, common)

    alternatives = []
    for piece in split_alternatives(source):
        clauses = required_words(piece, cost)
        if not clauses:
            return None
        alternatives.append(tuple(clauses))
    return tuple(alternatives)


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

    def parts(
        self,
    ) -> tuple[tuple[tuple[Clause, ...], ...] | None, Callable[[str], re.Match[str] | None]]:
        """Its `clause_gate` and its search (`_depth.Reader` asks for them on first need)."""
        if self._scan is None:
            self._scan = scanned(self._name)
        return clause_gate(SOURCES[self._name], self._common), self._scan.search

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
    twin); they hand the plain paths and the weighing of feelings (`_weigh`) back to Python.
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
        if self.built:
            readable = all(WORDLIKE.fullmatch(word) for word in self._valence)
            reader = BuiltReader(
                self._inner_cues.parts, self._split_self.parts, EFFECT_WORDS, EXPERIENCE_FLAGS,
                CHARGE_FLAGS, self.depth, self.complex_span, self._weigh,
                dict(self._valence) if readable else None,
            )  # fmt: skip
            self.depth = reader.depth  # type: ignore[method-assign]
            self.complex_span = reader.complex_span  # type: ignore[method-assign]
            self._built_feelings = reader.feelings if readable else None

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

        `words` (the message's words with stems, `literals.stems`) lets searches that cannot
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
                as_written(), True,
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
        return self._mixture(normalized, feeling_spans, None, feelings, scanning_marks(), effect)

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
        marks: tuple[re.Pattern[str], ...],
        effect_possible: bool,
    ) -> tuple[int, int] | None:
        """`complex_span` once the split-self search (`split`) is done, with the expressions
        given (as written or as `scanning` writes them) and the feeling words `feelings` finds
        (from a place: `_found_by` or `_depth.Reader.feelings`); EFFECT is searched when
        `effect_possible`."""
        if split:
            return split.span()
        proud_of, want, attached, missing = marks
        proud = (
            [(w.start(), w.end(), "pleasant") for w in proud_of.finditer(normalized)]
            if "proud" in normalized
            else []
        )
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
        found += [(w.start(), w.end(), "pleasant") for w in want.finditer(normalized)]
        found += [(w.start(), w.end(), "pleasant") for w in attached.finditer(normalized)]
        if "miss" in normalized:
            found += [(w.start(), w.end(), "longing") for w in missing.finditer(normalized)]
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


Tree = dict[str, "Tree"]  # a letter -> the letters after it ("" -> {}: a word ends here)


def feeling_words_expression(words: Iterable[str]) -> str:
    """`\\b(?:w1|w2|...)\\b` over `words` longest first, written as a tree of their letters.

    The same matches: at a position the words that fit are prefixes of one another, and the
    tree tries a longer one before a shorter (a letter's branches before the word ending
    there), as the longest-first alternation does. But `re` tries one branch per letter
    instead of every word at every word start: about 5x faster (14 -> 2.7 µs on a ten-word
    message it is searched in).
    """
    tree: Tree = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here
    return r"\b" + _branches(tree) + r"\b"


def _branches(node: Tree) -> str:
    branches = [
        (char if char.isalnum() else re.escape(char)) + _branches(child)
        for char, child in node.items()
        if char
    ]
    if "" in node:
        branches.append("")  # (last: the longer words first)
    if len(branches) == 1:
        return branches[0]
    return "(?:" + "|".join(branches) + ")"
