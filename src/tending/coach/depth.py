"""Depth (experience, event, others, none) and the `complex` flag: rules over whole sentences."""

from __future__ import annotations

import re
from dataclasses import dataclass

from tending.coach.lexicon import Lexicon

EXPERIENCE_FLAGS = frozenset({"feeling", "need", "vulnerability", "complex"})
INNER_CUES = re.compile(
    r"\bi (?:(?:really|still|just|also|so|secretly|quietly) )*(?:hope|wish|long|fear|dread|"
    r"worry|am hoping|am dreading|am longing|was hoping|am proud|was proud|felt|feel (?!like|that))"
    r"|\bpart of me\b|\bmy heart\b"
)
SENTENCES = re.compile(r"[^.!?\n]+[.!?\n]*")
QUESTION_START = re.compile(
    r"^\s*(?:(?:so|and|but|hey|okay|ok|well|also|oh),?\s+)*(?:what|how|why|when|where|who|which|"
    r"do|does|did|can|could|would|will|shall|should|is|are|was|were|may|might|have|has|want|"
    r"wanna|are|am)\b"
)
SELF_START = re.compile(
    r"^\s*(?:(?:so|and|but|then|today|yesterday|this morning|tonight|last night|well|also),?\s+)*"
    r"(?:i|we|my (?:day|week|morning|shift|work|job|car|phone|plan|train|flight|meeting|run)|me and)\b"
)
OTHER_START = re.compile(
    r"^\s*(?:(?:so|and|but|then|today|yesterday|well|also),?\s+)*(?:you|your|{person})\b"
)
NAME_START = re.compile(
    r"^\s*[A-Z][a-z]+ (?:said|told|called|is|was|has|had|went|came|says|thinks|wants|can|will|"
    r"did|does|got)\b"
)
COMPLEX_MARKERS = re.compile(
    r"\b(?:mixed feelings|part of me|torn between|bittersweet|at the same time|and yet|"
    r"but also|and also|i am both|but i also|and i also|and i would also|but i would also|"
    r"while also|even though i)\b"
)
CONTRAST = re.compile(r"\b(?:but|also|yet|though|still|at the same time|even so)\b")
WANT = re.compile(
    r"\bi (?:would |also |really |still |do )*(?:love to|like to|want to|would love to|"
    r"am looking forward|can not wait|am excited|am glad|am happy)\b"
)


@dataclass(frozen=True, slots=True)
class SentenceShape:
    """How many sentences ask, and how many tell about oneself or about others."""

    questions: int
    about_self: int
    about_others: int


class DepthReader:
    """Reads depth from flags and from who the sentences are about."""

    def __init__(self, lexicon: Lexicon) -> None:
        persons = "|".join(re.escape(p) for p in sorted(lexicon.classes["person"], key=len)[::-1])
        self._other_start = re.compile(OTHER_START.pattern.replace("{person}", persons))
        feelings = sorted(lexicon.valence, key=len, reverse=True)
        self._feeling_word = re.compile(r"\b(?:" + "|".join(map(re.escape, feelings)) + r")\b")
        self._valence = lexicon.valence

    def shape(self, normalized: str, original: str) -> SentenceShape:
        """Count questions, self-reports and reports about others."""
        questions = about_self = about_others = 0
        for sentence in SENTENCES.findall(normalized):
            if sentence.rstrip().endswith("?") or QUESTION_START.match(sentence):
                questions += 1
            elif self._other_start.match(sentence):
                about_others += 1
            elif SELF_START.match(sentence):
                about_self += 1
        if NAME_START.match(original):
            about_others += 1
        return SentenceShape(questions, about_self, about_others)

    def depth(self, flags: set[str], normalized: str, original: str) -> str:
        """experience, event, others or none, as the SPEC defines them."""
        if flags & EXPERIENCE_FLAGS or INNER_CUES.search(normalized):
            return "experience"
        shape = self.shape(normalized, original)
        if shape.about_others > shape.about_self:
            return "others"
        if shape.about_self:
            return "event"
        return "none"

    def complex_span(
        self, normalized: str, feeling_spans: list[tuple[int, int]]
    ) -> tuple[int, int] | None:
        """Where two different feelings or wants are held at once, if they are."""
        if not feeling_spans:
            return None
        first_start, first_end = feeling_spans[0]
        found = self._feeling_word.search(normalized, first_start, first_end)
        first_valence = self._valence.get(found.group()) if found else None
        for start, end in feeling_spans[1:]:
            other = self._feeling_word.search(normalized, start, end)
            if other and first_valence and self._valence.get(other.group()) != first_valence:
                return first_start, end
        want = WANT.search(normalized, first_end)
        turn = want and CONTRAST.search(normalized, first_end, want.end())
        if want and turn and first_valence == "unpleasant":
            return first_start, want.end()
        marker = COMPLEX_MARKERS.search(normalized)
        if marker and (want or len(feeling_spans) > 1):
            return min(first_start, marker.start()), max(first_end, marker.end())
        return None
