"""The steps between the coach's stages: the rules' hits in, the `Analysis` or `Reading` out.

`Coach.analyze` and `Coach.read` normalize the text, guess its language and run the rules; what
follows (the hits each flag raised, the hits dropped in their sentence, the mixed-feelings check,
the second opinion, the flags a message answered or another flag takes away, the evidence, the
depth, the tone and the result) is `Glue.analyze` and `Glue.read`: one C call
(`_glue.Glue`, optional) where the extension is built, else `GlueReference`, its Python twin,
which takes the same parts (`GlueParts`). `test_fast_glue.py` holds both to the plain steps
(`Coach._analyze_plain`, `Coach._read_plain`).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from pathlib import Path
from typing import Any, NamedTuple, Protocol

from tending.coach.learned import Answered
from tending.coach.model import Analysis, Reading
from tending.coach.normalize import Normalized
from tending.coach.rules import Hit, new_hit

Found = dict[str, list[tuple[int, int]]]  # each flag with the spans of its hits


class GlueParts(NamedTuple):
    """What the glue calls and reads: the coach's own stages and tables (the C twin takes them
    in this order)."""

    in_sentence_keys: frozenset[str]  # flags that drop others in their sentence
    in_sentence: Mapping[str, Collection[str]]  # each with those (`[suppress_in_sentence]`)
    kept_in_sentence: Callable[[list[Hit], str, Found], list[Hit]]  # `Coach._kept_in_sentence`
    complex_span: Callable[[str, list[tuple[int, int]], frozenset[str]], tuple[int, int] | None]
    hit_type: type[Hit]
    complex_why: str
    learned: Any  # the second opinion: its `opinion` looked up at each call (tests replace it)
    no_change: Any  # the opinion that changes nothing and does not hang on the context
    revised: Callable[[list[Hit], str, Any], list[Hit]]  # `Coach._revised`, spans found
    revised_plain: Callable[[list[Hit], str, Any], list[Hit]]  # ... without spans (`read`)
    suppress: Mapping[str, Any]  # flag -> the flags it takes away (`[suppress]`)
    suppressing: frozenset[str]  # flags that take another away
    context_dropped: frozenset[str]  # flags a message answered can take away
    dropped_by_context: Callable[[set[str], str], set[str]]  # `Lexicon.dropped_by_context`
    read_dropped: Callable[[set[str], str, str | None], set[str]]  # `Coach._dropped_by_context`
    depth: Callable[[Any, str, str, frozenset[str]], str]  # `DepthReader.depth`
    evidence: Callable[[list[Hit], Normalized, str], tuple[Any, ...]]  # `evidence_of`
    corrective: frozenset[str]  # flags that make the tone corrective
    positive: frozenset[str]  # ... positive, when no corrective one is raised
    tones: tuple[str, str, str]  # corrective, positive, neutral
    suggested: frozenset[str]  # flags that get a rewrite
    settled: Callable[..., Analysis]  # `model.settled_analysis`
    deferred: Callable[..., Analysis]  # `model.deferred_analysis`
    later: Callable[..., Callable[[], tuple[str, ...]]]  # `functools.partial`
    suggest: Callable[..., tuple[str, ...]]  # `Coach._suggest`
    analysis: type[Analysis]
    nothing: dict[str, Analysis]  # depth -> the analysis of a text with no flag (kept)
    readings: dict[tuple[tuple[str, ...], str, bool], Reading]  # `Coach._reading`'s, kept
    reading: Callable[[set[str] | tuple[()], str, bool], Reading]  # `Coach._reading`
    replies_match: Callable[[str, frozenset[str]], bool]  # `RuleEngine.replies_match`
    # the steps before the rules (`whole`)
    normalize: Callable[[str], Normalized]  # the engine's normalizer's `normalize`
    foreign: frozenset[str]  # function words of other languages (`LanguageGuesser.foreign`)
    guess: Callable[[str, frozenset[str]], str]  # `LanguageGuesser.guess`
    # what the guess noted of each token it met (split on white space): whether it can tell
    # the guess anything (`LanguageGuesser._telling`; a dict, read without adding to it)
    telling: Mapping[str, bool]
    not_english: Callable[[str], Analysis]  # the analysis of a text in that language
    stems: Callable[[frozenset[str]], frozenset[str]]  # `RuleEngine.stems`
    # `RuleEngine.run` in its pieces (`RuleEngine.planned_call`): `run_planned` and its
    # arguments after the words and text, `run_pending` where it answers None or a reply is
    # read, and whether a pattern reads replies
    run_planned: Callable[..., list[Hit] | None]
    planned: tuple[Any, ...]
    run_pending: Callable[[Normalized, frozenset[str], str | None], list[Hit]]
    reads_replies: bool
    not_english_reading: Reading  # what `read` gives for a text in another language
    # `read`'s steps after the stems for a message that answers one (`Coach._read_answering`)
    read_answering: Callable[[Normalized, frozenset[str], str, str], Reading]


class Glue(Protocol):
    """`GlueReference` or the C `_glue.Glue`: the same calls, the same answers."""

    def whole(
        self, text: str, context: str | None, resources: str | Path | None, /
    ) -> Analysis: ...

    def read_whole(self, text: str, context: str | None, /) -> Reading: ...

    def analyze(
        self, hits: list[Hit], normalized: Normalized, norm_text: str, text: str,
        words: frozenset[str], context: str | None, answered: str | None,
        resources: str | Path | None, /,
    ) -> Analysis: ...  # fmt: skip

    def read(
        self, hits: list[Hit], norm_text: str, text: str, words: frozenset[str],
        context: str | None, heard: Answered, answered: str | None, replies: bool | None, /,
    ) -> Reading: ...  # fmt: skip


NO_FLAGS: frozenset[str] = frozenset()  # the flags of a text with no hit (the depth reads them)


class GlueReference:
    """The Python twin of `_glue.Glue` (see the module's note)."""

    def __init__(self, parts: GlueParts) -> None:
        self.parts = parts
        self._tones: dict[tuple[str, ...], str] = {}

    def whole(
        self, text: str, context: str | None, resources: str | Path | None, /
    ) -> Analysis:
        """`Coach.analyze(text, context, resources)` (the plain path aside): the steps before
        the rules too, then `analyze`."""
        p = self.parts
        normalized = p.normalize(text)
        if not self._english(text, normalized.words):
            language = p.guess(text, normalized.words)
            if language != "en":
                return p.not_english(language)
        answered = p.normalize(context).text if context else None
        words = p.stems(normalized.words)  # (and their numbers noted for the engine)
        hits = self._run(normalized, words, answered)
        return self.analyze(
            hits, normalized, normalized.text, text, words, context, answered, resources
        )

    def read_whole(self, text: str, context: str | None, /) -> Reading:
        """`Coach.read(text, context)` (the plain path aside): the steps before the rules
        too, then `read` (for a message that answers one, `read_answering`)."""
        p = self.parts
        normalized = p.normalize(text)
        if not self._english(text, normalized.words) and p.guess(text, normalized.words) != "en":
            return p.not_english_reading
        words = p.stems(normalized.words)
        if context:
            return p.read_answering(normalized, words, text, context)
        hits = self._run(normalized, words, None)
        return self.read(hits, normalized.text, text, words, context, None, None, None)

    def _english(self, text: str, words: frozenset[str]) -> bool:
        """Is `text` English by `LanguageGuesser.guess`'s first tests, made here (most texts
        are): all ASCII and no word of another language; or, with other characters, no token
        that the guess noted can tell it anything (else the guess is asked)?"""
        if text.isascii():
            return words.isdisjoint(self.parts.foreign)
        telling = self.parts.telling
        return all(telling.get(token) is False for token in text.split())

    def _run(
        self, normalized: Normalized, words: frozenset[str], answered: str | None
    ) -> list[Hit]:
        """`RuleEngine.run(normalized, words, answered)`, its first step called here."""
        p = self.parts
        if answered is None or not p.reads_replies:
            hits = p.run_planned(words, normalized.text, *p.planned)
            if hits is not None:
                return hits
        return p.run_pending(normalized, words, answered)

    def analyze(
        self, hits: list[Hit], normalized: Normalized, norm_text: str, text: str,
        words: frozenset[str], context: str | None, answered: str | None,
        resources: str | Path | None, /,
    ) -> Analysis:  # fmt: skip
        """The analysis from the rules' hits (`run`'s list, edited in place); `answered` is
        the normalized message answered (None without one)."""
        p = self.parts
        hits, flags, _ = self._hits(norm_text, hits, words, True, answered)
        if not hits:
            depth = p.depth(NO_FLAGS, norm_text, text, words)
            nothing = p.nothing.get(depth)
            if nothing is None:  # (one kept per depth: a frozen value, and there are four)
                nothing = p.nothing[depth] = p.settled((), "neutral", depth, ())
            return nothing
        raised = flags
        if answered and not p.context_dropped.isdisjoint(flags):
            flags = flags - p.dropped_by_context(flags, answered)
        if not p.suppressing.isdisjoint(flags):
            flags = self._suppress(flags)
        kept = hits if flags is raised else [hit for hit in hits if hit.flag in flags]
        evidence = p.evidence(kept, normalized, text)
        depth = p.depth(flags, norm_text, text, words)
        ordered = tuple(flags) if len(flags) == 1 else tuple(sorted(flags))
        tone = self._tone(flags)
        if "safety" in flags:
            suggestions = p.suggest(flags, kept, norm_text, context, resources)
            return p.analysis(ordered, tone, depth, evidence, suggestions, "en")
        if flags.isdisjoint(p.suggested):
            return p.settled(ordered, tone, depth, evidence)
        # rewrites are worked out when first read: a batch that counts flags never pays for them
        suggest = p.later(p.suggest, flags, kept, norm_text, context, resources, text)
        return p.deferred(ordered, tone, depth, evidence, suggest)

    def read(
        self, hits: list[Hit], norm_text: str, text: str, words: frozenset[str],
        context: str | None, heard: Answered, answered: str | None, replies: bool | None, /,
    ) -> Reading:  # fmt: skip
        """The reading from the rules' hits; `heard` is the message answered as the second
        opinion takes it, `answered` the normalized one when it was normalized, and `replies`
        whether a pattern that reads replies matches (None: not asked yet, asked here only
        when nothing else says the context matters)."""
        p = self.parts
        hits, flags, matters = self._hits(norm_text, hits, words, False, heard)
        if not hits:
            depth = p.depth(NO_FLAGS, norm_text, text, words)
            if not matters and replies is None:
                replies = p.replies_match(norm_text, words)
            return p.reading((), depth, bool(replies) or matters)
        droppable = not p.context_dropped.isdisjoint(flags)
        if droppable and context:
            flags = p.read_dropped(flags, context, answered)
        if not p.suppressing.isdisjoint(flags):
            flags = self._suppress(flags)
        depth = p.depth(flags, norm_text, text, words)
        if not (droppable or matters) and replies is None:
            replies = p.replies_match(norm_text, words)
        return p.reading(flags, depth, bool(replies) or droppable or matters)

    def _hits(
        self, text: str, hits: list[Hit], words: frozenset[str], spans: bool, context: Answered,
    ) -> tuple[list[Hit], set[str], bool]:  # fmt: skip
        """The rules' hits on normalized `text` (a list of `run`'s, edited in place) after
        `_drop_in_sentence`, `complex` and the second opinion, as `_analyze_plain` takes them
        step by step, with fewer calls and objects; their flags; and whether the message
        answered could change the second opinion (`context`, see `LearnedModel.opinion`)."""
        p = self.parts
        found: Found = {}  # each flag's spans, for the opinion
        if hits:
            for flag, start, end, _, _ in hits:
                spans_of = found.get(flag)
                if spans_of is None:
                    found[flag] = [(start, end)]
                else:
                    spans_of.append((start, end))
            if not p.in_sentence_keys.isdisjoint(found) and any(
                not found.keys().isdisjoint(p.in_sentence.get(key, ())) for key in found
            ):  # (a flag raised that a flag raised drops in its sentence)
                kept = p.kept_in_sentence(hits, text, found)
                if kept is not hits:  # (else no hit was dropped: `found` holds as it is)
                    hits = kept
                    found = {}
                    for hit in hits:
                        found.setdefault(hit.flag, []).append((hit.start, hit.end))
            feelings = found.get("feeling")
            span = p.complex_span(text, sorted(feelings) if feelings else [], words)
        else:
            span = p.complex_span(text, [], words)
        if span:
            start, end = span
            hits.append(new_hit(p.hit_type, ("complex", start, end, p.complex_why, "complex")))
            found.setdefault("complex", []).append((start, end))
        flags = set(found)  # (the hits' flags: each hit's is a key of `found`)
        opinion = p.learned.opinion(text, found, context)
        if opinion is p.no_change:
            return hits, flags, False
        hits = (p.revised if spans else p.revised_plain)(hits, text, opinion)
        return hits, {hit.flag for hit in hits}, opinion.context_matters

    def _suppress(self, flags: set[str]) -> set[str]:
        """`flags` less those another of them takes away (`[suppress]`): `flags` itself when
        none is."""
        dropped: set[str] = set()
        suppress = self.parts.suppress
        for flag in flags:
            dropped.update(suppress.get(flag, ()))
        return flags - dropped if not dropped.isdisjoint(flags) else flags

    def _tone(self, flags: set[str]) -> str:
        """`model.tone_of(flags)`."""
        corrective, positive, neutral = self.parts.tones
        if not self.parts.corrective.isdisjoint(flags):
            return corrective
        return positive if not self.parts.positive.isdisjoint(flags) else neutral


try:  # the C twin (`setup.py`; optional)
    from tending.coach._glue import Glue as _CompiledGlue
except ImportError:  # pragma: no cover - only where the extension could not be built
    _CompiledGlue = None  # type: ignore[assignment,misc]


def make_glue(parts: GlueParts) -> Glue:
    """The glue of these parts: C where it is built, else the Python twin (and where the C
    glue's tables cannot number every flag its sets hold: more than 64)."""
    if _CompiledGlue is None:
        return GlueReference(parts)
    try:
        return _CompiledGlue(tuple(parts))
    except OverflowError:
        return GlueReference(parts)
