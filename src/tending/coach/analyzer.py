"""`analyze`: one message in, what it does relationally out, with the words that show it."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache, partial
from pathlib import Path

from tending.coach.depth import DepthReader
from tending.coach.evidence import evidence_of
from tending.coach.glue import Glue, GlueParts, make_glue
from tending.coach.language import LanguageGuesser
from tending.coach.learned import (
    NO_CHANGE,
    Answered,
    LearnedModel,
    Opinion,
    load_learned,
    why,
)
from tending.coach.lexicon import Lexicon
from tending.coach.model import (
    CORRECTIVE_FLAGS,
    POSITIVE_FLAGS,
    Analysis,
    Reading,
    deferred_analysis,
    settled_analysis,
    tone_of,
)
from tending.coach.normalize import Normalized
from tending.coach.rules import (
    Hit,
    RuleEngine,
    example_failures,
    load_engine,
    sentence_around,
)
from tending.coach.stems import stems
from tending.coach.suggestions import (
    ORDER,
    complaint_suggestions,
    load_templates,
    unsupported_language,
)

Whole = Callable[[str, str | None, str | Path | None], Analysis]  # `Coach.analyze`'s steps
ReadWhole = Callable[[str, str | None], Reading]  # `Coach.read`'s steps

COMPLEX_WHY = "holds two different feelings or wants at once"
SUGGESTED = frozenset(ORDER)  # flags that get a rewrite; without them there is nothing to suggest
NOT_ENGLISH = Reading((), "neutral", "none")  # what `read` gives for a text in another language
KEPT_READINGS = 4096  # at most this many tones and readings kept per set of flags


class Coach:
    """The loaded coach: rules, language guesser and depth reader, built once.

    `reference=True` builds the same coach on the plain paths (every triggered pattern searched
    whole), which the tests compare with the fast paths field by field.
    """

    def __init__(self, engine: RuleEngine, *, reference: bool = False) -> None:
        self.engine = engine
        # the plain, slow paths (whole patterns): the tests hold the fast ones to their answers
        self._reference = reference
        normalizer = engine.normalizer
        self._normalize = normalizer.normalize_reference if reference else normalizer.normalize
        self._stems = engine.stems  # `stems.stems`, the words' numbers noted (`RuleEngine`)
        self.lexicon: Lexicon = engine.lexicon
        self.language = LanguageGuesser(engine.lexicon)
        self.depth = DepthReader(engine.lexicon)
        self.learned = load_learned(engine.lexicon)
        faux = sorted(engine.lexicon.faux, key=len, reverse=True)
        self._faux_words = faux
        # flags a message answered can take away (`[[context_drop]]`)
        self._context_dropped = frozenset(drop.flag for drop in engine.lexicon.context_drops)
        # flags that suppress others (`[suppress]`) or evidence in their sentence
        suppress = self.lexicon.suppress
        self._suppressing = frozenset(flag for flag, drops in suppress.items() if drops)
        self._in_sentence_keys = frozenset(self.lexicon.suppress_in_sentence)
        self._readings: dict[tuple[tuple[str, ...], str, bool], Reading] = {}  # `_reading`
        self._foreign = self.language.foreign  # function words of other languages
        self.use_glue(make_glue(self._glue_parts()))  # the steps after the rules (`glue.py`)

    @property
    def learned(self) -> LearnedModel:
        """The second opinion (another may be set, as the tests of the safety net do: the glue,
        which holds its `opinion`, is made again around it)."""
        return self._learned

    @learned.setter
    def learned(self, model: LearnedModel) -> None:
        self._learned = model
        if hasattr(self, "_glue"):
            self.use_glue(make_glue(self._glue_parts()))

    def use_glue(self, glue: Glue) -> None:
        """Take `glue` (made of `_glue_parts()`: the tests set the Python twin this way).
        `analyze` and `read` call its `whole` and `read_whole`, or the plain steps for the
        reference coach; the module's `analyze` and `read` call those of the process coach
        directly (`_publish`), one Python frame less a message."""
        self._glue = glue
        self._whole: Whole = glue.whole
        self._read_whole: ReadWhole = glue.read_whole
        if self._reference:
            self._whole, self._read_whole = self._analyze_plain, self._read_plain
        if self is _process_coach:
            _publish(self)

    def _glue_parts(self) -> GlueParts:
        """The stages and tables the glue calls and reads (`GlueParts`)."""
        return GlueParts(
            self._in_sentence_keys, self.lexicon.suppress_in_sentence, self._kept_in_sentence,
            self.depth.complex_span, Hit, COMPLEX_WHY, self.learned, NO_CHANGE,
            partial(self._revised, spans=True), partial(self._revised, spans=False),
            self.lexicon.suppress, self._suppressing,
            self._context_dropped, self.lexicon.dropped_by_context, self._dropped_by_context,
            self.depth.depth, evidence_of, CORRECTIVE_FLAGS, POSITIVE_FLAGS,
            ("corrective", "positive", "neutral"), SUGGESTED, settled_analysis,
            deferred_analysis, partial, self._suggest, Analysis, {}, self._readings,
            self._reading, self.engine.replies_match, self._normalize, self._foreign,
            self.language.guess, self.language._telling, _not_english, self._stems,
            *self.engine.planned_call(), NOT_ENGLISH, self._read_answering,
        )  # fmt: skip

    def analyze(
        self, text: str, context: str | None = None, resources: str | Path | None = None
    ) -> Analysis:
        """See `tending.coach.analyze`. (The steps of `_analyze_plain`, with fewer calls and
        objects, in one call of the glue, `Glue.whole`: `test_fast_paths.py` holds the two to
        the same answers.)"""
        return self._whole(text, context, resources)

    def _analyze_plain(
        self, text: str, context: str | None = None, resources: str | Path | None = None
    ) -> Analysis:
        """`analyze` step by step (the reference coach runs it)."""
        normalized = self._normalize(text)
        language = self.language.guess(text, normalized.words)
        if language != "en":
            return _not_english(language)
        answered = self._normalize(context).text if context else None
        if self._reference:
            words = None
            hits = self.engine.run_reference(normalized, answered)
        else:
            words = stems(normalized.words)
            hits = self.engine.run(normalized, words, answered)
        hits = self._drop_in_sentence(hits, normalized.text)
        hits.extend(self._complex(normalized.text, hits, words))
        hits, _ = self._second_opinion(hits, normalized.text, context=answered)
        flags = {hit.flag for hit in hits}
        if answered:
            flags -= self.lexicon.dropped_by_context(flags, answered)
        flags = self._suppress(flags)
        kept = [hit for hit in hits if hit.flag in flags]
        evidence = evidence_of(kept, normalized, text)
        depth = self.depth.depth(flags, normalized.text, text, words)
        ordered = tuple(sorted(flags))
        if self._reference or "safety" in flags:
            suggestions = self._suggest(flags, kept, normalized.text, context, resources, text)
            return Analysis(ordered, tone_of(flags), depth, evidence, suggestions, "en")
        if flags.isdisjoint(SUGGESTED):
            return Analysis(ordered, tone_of(flags), depth, evidence, (), "en")
        # rewrites are worked out when first read: a batch that counts flags never pays for them
        suggest = partial(self._suggest, flags, kept, normalized.text, context, resources, text)
        return Analysis.deferred(ordered, tone_of(flags), depth, evidence, suggest, "en")

    def read(self, text: str, context: str | None = None) -> Reading:
        """See `tending.coach.read`: `analyze`'s flags, tone and depth, nothing else worked out.

        The message answered is normalized only when it can change the answer: when a pattern
        that reads replies matches the text, a flag it can take away was raised, or the second
        opinion has a listening flag near its line (`LearnedModel.opinion`). (The steps
        of `_read_plain`, with fewer calls and objects; `test_fast_paths.py` holds the two to
        the same answers.)
        """
        return self._read_whole(text, context)

    def _read_answering(
        self, normalized: Normalized, words: frozenset[str], text: str, context: str
    ) -> Reading:
        """`read`'s steps after the stems for a message that answers `context` (not empty)."""
        norm_text = normalized.text
        replies = self.engine.replies_match(norm_text, words)
        answered = self._normalize(context).text if replies else None
        heard = answered if answered is not None else self._answered(context, None)
        hits = self.engine.run(normalized, words, answered)
        return self._glue.read(hits, norm_text, text, words, context, heard, answered, replies)

    def _read_plain(self, text: str, context: str | None = None) -> Reading:
        """`read` step by step (the reference coach runs it)."""
        normalized = self._normalize(text)
        if self.language.guess(text, normalized.words) != "en":
            return NOT_ENGLISH
        stemmed = stems(normalized.words)
        replies = self.engine.replies_match(normalized.text, stemmed)
        answered = None
        if context and (replies or self._reference):
            answered = self._normalize(context).text
        words: frozenset[str] | None = None
        if self._reference:
            hits = self.engine.run_reference(normalized, answered)
        else:
            # (no reply pattern matches the text: run finds the same without the context)
            words = stemmed
            hits = self.engine.run(normalized, words, answered)
        hits = self._drop_in_sentence(hits, normalized.text)
        hits.extend(self._complex(normalized.text, hits, words))
        hits, matters = self._second_opinion(
            hits, normalized.text, spans=False, context=self._answered(context, answered)
        )
        flags = {hit.flag for hit in hits}
        droppable = not self._context_dropped.isdisjoint(flags)
        if droppable and context:
            flags = self._dropped_by_context(flags, context, answered)
        flags = self._suppress(flags)
        depth = self.depth.depth(flags, normalized.text, text, words)
        matters = replies or droppable or matters
        return Reading(tuple(sorted(flags)), tone_of(flags), depth, matters)

    def _answered(self, context: str | None, answered: str | None) -> Answered:
        """The normalized message answered for the second opinion: as it is when it was
        normalized already, else a function that normalizes it (called only when needed)."""
        if answered is not None or not context:
            return answered
        return lambda: self._normalize(context).text

    def _reading(self, flags: set[str] | tuple[()], depth: str, matters: bool) -> Reading:
        """The `Reading` of these values: one object kept per value (there are few; a
        frozen value is the same whichever equal object holds it)."""
        ordered = tuple(flags) if len(flags) < 2 else tuple(sorted(flags))
        key = (ordered, depth, matters)
        reading = self._readings.get(key)
        if reading is None:
            reading = Reading(ordered, tone_of(set(ordered)), depth, matters)
            if len(self._readings) < KEPT_READINGS:
                self._readings[key] = reading
        return reading

    def _complex(self, text: str, hits: list[Hit], words: frozenset[str] | None) -> list[Hit]:
        spans = [(hit.start, hit.end) for hit in hits if hit.flag == "feeling"]
        if len(spans) > 1:
            spans.sort()
        found = self.depth.complex_span(text, spans, words)
        return [Hit("complex", found[0], found[1], COMPLEX_WHY, "complex")] if found else []

    def _second_opinion(
        self, hits: list[Hit], text: str, *, spans: bool = True, context: Answered = None
    ) -> tuple[list[Hit], bool]:
        """The learned model's additions and take-backs (see `learned.py`), and whether the
        message answered could change them; an added flag's span is looked for only when
        `spans` (`read` shows none)."""
        found: dict[str, list[tuple[int, int]]] = {}
        for hit in hits:
            found.setdefault(hit.flag, []).append((hit.start, hit.end))
        opinion = self.learned.opinion(text, found, context)
        if opinion is NO_CHANGE:
            return hits, False
        return self._revised(hits, text, opinion, spans=spans), opinion.context_matters

    def _revised(self, hits: list[Hit], text: str, opinion: Opinion, *, spans: bool) -> list[Hit]:
        """`hits` less the flags the opinion takes back, plus those it adds."""
        kept = [hit for hit in hits if hit.flag not in opinion.taken_back]
        for flag in opinion.added:
            start, end = self.learned.evidence(text, flag) if spans else (0, 0)
            kept.append(Hit(flag, start, end, why(flag), "learned"))
        return kept

    def _drop_in_sentence(self, hits: list[Hit], text: str) -> list[Hit]:
        """Drop the hits that `[suppress_in_sentence]` takes away: a feeling word inside a
        reflection ("so it hurt when I didn't ask?") is the other's, not the writer's."""
        table = self.lexicon.suppress_in_sentence
        if not hits or not table:
            return hits
        keys = [hit for hit in hits if hit.flag in table]
        if not keys:
            return hits
        spans = [(_sentence_span(text, hit.start, hit.end), table[hit.flag]) for hit in keys]
        return [
            hit
            for hit in hits
            if not any(
                hit.flag in dropped and left <= hit.start < right
                for (left, right), dropped in spans
            )
        ]

    def _kept_in_sentence(
        self, hits: list[Hit], text: str, found: dict[str, list[tuple[int, int]]]
    ) -> list[Hit]:
        """`_drop_in_sentence(hits, text)` (`found`: the hits' flags, one of which it reads),
        or `hits` itself when it would drop none: only a hit of a flag that some raised flag
        drops in its sentence is looked at, and its sentence only when the flag was raised."""
        table = self.lexicon.suppress_in_sentence
        dropping: dict[str, list[tuple[int, int]]] = {}  # flag -> sentences it is dropped in
        for key, key_spans in found.items():
            dropped = table.get(key)
            if dropped is None or found.keys().isdisjoint(dropped):
                continue
            for start, end in key_spans:
                sentence = _sentence_span(text, start, end)
                for flag in dropped:
                    dropping.setdefault(flag, []).append(sentence)
        if not dropping:
            return hits
        kept = [
            hit for hit in hits
            if hit.flag not in dropping
            or not any(left <= hit.start < right for left, right in dropping[hit.flag])
        ]  # fmt: skip
        return hits if len(kept) == len(hits) else kept

    def _dropped_by_context(self, flags: set[str], context: str, answered: str | None) -> set[str]:
        """`flags` less those the message answered takes away (`[[context_drop]]`); the
        context is normalized here when it was not yet (`answered` None)."""
        if answered is None:
            answered = self._normalize(context).text
        if answered:
            flags = flags - self.lexicon.dropped_by_context(flags, answered)
        return flags

    def _suppress(self, flags: set[str]) -> set[str]:
        dropped: set[str] = set()
        for flag in flags:
            dropped.update(self.lexicon.suppress.get(flag, ()))
        return flags - dropped

    def _suggest(
        self, flags: set[str], hits: list[Hit], text: str, context: str | None,
        resources: str | Path | None, original: str = "",
    ) -> tuple[str, ...]:
        """The suggestions for `flags`: urgent help, or rewrites of the sentences (of the
        normalized `text`) that raised them; `original` is the message as written."""
        if "safety" in flags:
            from tending.coach.resources import load_resources  # (first asked for here)

            return tuple(resource.line() for resource in load_resources(resources))
        sentences: dict[str, str] = {}
        for hit in hits:
            sentences.setdefault(hit.flag, sentence_around(text, hit.start, hit.end))
        faux_word = None
        if "faux_feeling" in flags:
            faux_sentence = sentences["faux_feeling"]
            faux_word = next((w for w in self._faux_words if w in faux_sentence), None)
            if " like " in faux_sentence or " that " in faux_sentence:
                faux_word = None
        return tuple(
            complaint_suggestions(flags, sentences, context, self.lexicon, faux_word, original)
        )


def _not_english(language: str) -> Analysis:
    """The analysis of a text in `language`, one the coach cannot read yet."""
    return Analysis((), "neutral", "none", (), (unsupported_language(),), language)


def _sentence_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Where the sentence that holds [start, end) begins and ends."""
    left = max(text.rfind(mark, 0, start) for mark in ".!?;\n") + 1
    ends = [found for found in (text.find(mark, end) for mark in ".!?;\n") if found >= 0]
    return left, min(ends, default=len(text)) + 1


@cache
def load_coach() -> Coach:
    """The coach of this process: every data file loaded and validated once."""
    global _process_coach
    load_templates()  # checked now, so a suggestion read later cannot fail on bad data
    coach = _process_coach = Coach(load_engine())
    _publish(coach)
    return coach


def _publish(coach: Coach) -> None:
    """Let the module's `analyze` and `read` call the process coach's `Coach.analyze` and
    `Coach.read` steps (its glue's `whole` and `read_whole`) with no look-up of the coach and
    no frame between: set when it is loaded and again when its glue is made anew."""
    global _whole, _read_whole
    _whole, _read_whole = coach._whole, coach._read_whole


def _load_whole(text: str, context: str | None, resources: str | Path | None) -> Analysis:
    """`Coach.analyze` of the process coach, loaded first (the module's `analyze` until then)."""
    return load_coach()._whole(text, context, resources)


def _load_read_whole(text: str, context: str | None) -> Reading:
    """`Coach.read` of the process coach, loaded first (the module's `read` until then)."""
    return load_coach()._read_whole(text, context)


_process_coach: Coach | None = None  # `load_coach()`'s, once loaded
_whole: Whole = _load_whole  # what the module's `analyze` calls (`_publish`)
_read_whole: ReadWhole = _load_read_whole  # ... and its `read`


def check_data() -> list[str]:
    """Compile every pattern and try each on its own example; the problems found (lint)."""
    engine = load_engine()
    engine.compile_all()
    return example_failures(engine)


def analyze(
    text: str, context: str | None = None, *, resources: str | Path | None = None
) -> Analysis:
    """What `text` does relationally: flags, tone, depth, evidence and suggestions.

    `context` is the message this one answers (optional). `resources` names a host's own
    urgent-help file (else TENDING_RESOURCES, else the packaged one). Never raises on any string.
    """
    return _whole(text, context, resources)  # (`Coach.analyze`, a frame and a look-up less)


def prepare_all() -> None:
    """Prepare every pattern for fast searching now (about 2 s of CPU, once per process).

    Left alone, the coach prepares a pattern only once searching it whole has cost about as
    much, which keeps a short batch from waiting. A caller about to read a long history
    (more than about 100,000 messages: measured on the chat benchmark, the break-even is near
    50,000) saves that rent by preparing everything first: 200,000 messages 13.7 -> 13.0 s,
    a million about 3 s. The answers are the same either way.
    """
    load_coach().engine.plan_all()


def read(text: str, context: str | None = None) -> Reading:
    """The flags, tone and depth of `text`, exactly as `analyze(text, context)` gives them.

    For callers that read many messages and need only those three (a chat report, counting):
    no evidence is located and no suggestion is written, so it is cheaper than `analyze`.
    `context` is the message this one answers, as for `analyze` (a few patterns read replies
    with it, and the second opinion reads a few marks of it); `Reading.context_matters` says
    whether it could change the answer for this text.
    Never raises on any string.
    """
    return _read_whole(text, context)  # (`Coach.read`, a frame and a look-up less)
