"""Composers of the practices: check a draft appreciation, follow-up, story or tension talk.

Each check says, in plain words, what the draft still lacks; the guided sessions call these.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from tending.coach.analyzer import analyze
from tending.coach.data_files import read_data_text, tsv_rows
from tending.coach.lazy import LazyRegex
from tending.coach.model import CORRECTIVE_FLAGS, Analysis
from tending.domain.moments import count_words

SPECIFIC = LazyRegex(
    r"\b(?:thank(?:s| you) (?:so much )?for \w+|the way you|how you|when you|you (?!are\b)\w+ed\b|"
    r"you (?:made|did|took|gave|found|came|said|stayed|kept|brought|held|cooked|fixed|"
    r"remembered|listened|helped|handled|drove|wrote|sang|let)\b|"
    r"you(?:'re| are) (?:so |such |really "
    r"|a |an )*\w+ (?:with|at|about|to|when)\b|your \w+)",
    re.IGNORECASE,
)
HIGHLIGHT = LazyRegex(
    r"\b(?:loved|enjoyed|liked|the best (?:part|moment|bit)|my favou?rite|highlight|was (?:so )?"
    r"(?:great|lovely|wonderful|fun|special|amazing|good)|went well|i appreciated|meant a lot)\b",
    re.IGNORECASE,
)
ACTION = LazyRegex(
    r"\b(?:let(?:'s| us)|i(?:'ll| will)|we (?:could|can|should)|next time|"
    r"i(?:'d| would) like (?:to|us)|"
    r"can we|shall we|how about|i(?:'m| am) going to|tomorrow|this week|plan to)\b",
    re.IGNORECASE,
)
SCENE = LazyRegex(
    r"\b(?:when i was|once|one (?:day|night|morning|evening|summer|winter)|that (?:day|night|"
    r"morning|summer|year)|years ago|last (?:year|summer|week|month)|i remember|as a (?:kid|child|"
    r"teenager)|in (?:19|20)\d\d|at (?:the|my|our|school|work|home))\b",
    re.IGNORECASE,
)
INSIGHT = LazyRegex(
    r"\b(?:taught me|i learned|i learnt|i realized|i realised|it showed me|since then|"
    r"that(?:'s| is) "
    r"(?:why|how|when) i|i understood|i saw that|made me see)\b",
    re.IGNORECASE,
)
WORDS = LazyRegex(r"[a-z][a-z']*")
WHEN = LazyRegex(r"\bwhen\b", re.IGNORECASE)
TAUGHT = LazyRegex(r"\b(?:taught|learned|learnt|showed me|realized|realised)\b", re.IGNORECASE)
NEXT_STEP = LazyRegex(
    r"\b(?:would you be willing|could we|can we|let(?:'s| us)|next time|i(?:'d| would) like (?:us|"
    r"to|it if)|shall we|how about|from now on|i(?:'ll| will)|i propose|would it help)\b",
    re.IGNORECASE,
)
MORE_ISSUES = LazyRegex(
    r"\b(?:and another thing|also,|plus,|on top of that|and also|not to mention|another issue)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class CompositionCheck:
    """The verdict on a draft: fine or not, its length and what it still lacks."""

    practice: str
    ok: bool
    words: int
    limit: int | None
    missing: tuple[str, ...]
    analysis: Analysis


def _check(practice: str, text: str, limit: int | None, missing: list[str]) -> CompositionCheck:
    analysis = analyze(text)
    words = count_words(text)  # the one counter: `tend log` and the live count use it too
    if limit is not None and words > limit:
        missing.insert(0, f"fewer words: {words} now, {limit} or fewer")
    if not text.strip():
        missing = ["some words: the draft is empty"]
    harsh = sorted(set(analysis.flags) & CORRECTIVE_FLAGS)
    if harsh:
        missing.append("a gentler tone: the draft reads as " + ", ".join(harsh))
    return CompositionCheck(practice, not missing, words, limit, tuple(missing), analysis)


@cache
def generic_praise() -> frozenset[str]:
    """The words that name nothing specific in an appreciation (`generic_praise.tsv`)."""
    name = "generic_praise.tsv"
    return frozenset(row[0].lower() for _, row in tsv_rows(name, read_data_text(name), 1))


def names_something(text: str) -> bool:
    """Whether `text` holds a word beyond thanks and praise that would fit anyone."""
    praise = generic_praise()
    return any(word not in praise for word in WORDS.findall(text.lower()))


def check_appreciation(text: str) -> CompositionCheck:
    """An appreciation: 15 words or fewer, naming something specific the other did or is
    ("thanks for everything you do" names nothing: every word of it fits anyone)."""
    missing = []
    if not (SPECIFIC.search(text) and names_something(text)):
        missing.append(
            "something specific the other did or is ('thank you for ...', 'the way you ...')"
        )
    return _check("appreciation", text, 15, missing)


def check_followup(text: str) -> CompositionCheck:
    """A follow-up: under 60 words, one highlight, one action, one question."""
    missing = []
    if not HIGHLIGHT.search(text):
        missing.append("one highlight: what you enjoyed or what went well")
    if not ACTION.search(text):
        missing.append("one action: something you will do or would like to do next")
    questions = text.count("?")
    if questions == 0:
        missing.append("one question for the other")
    elif questions > 1:
        missing.append(f"just one question ({questions} now)")
    return _check("followup", text, 59, missing)


def check_story(text: str) -> CompositionCheck:
    """A story: one scene, one insight, in the 'I felt ... when ...; it taught me ...' shape."""
    analysis = analyze(text)
    missing = []
    if not SCENE.search(text):
        missing.append("one scene: a time and place ('that summer at my grandmother's...')")
    if "feeling" not in analysis.flags:
        missing.append("what you felt ('I felt proud...')")
    if not WHEN.search(text):
        missing.append("when it happened ('...when I finished the race')")
    if not (INSIGHT.search(text) or TAUGHT.search(text)):
        missing.append("one insight: what it taught you ('it taught me...')")
    return _check("story", text, None, missing)


def check_tension(text: str) -> CompositionCheck:
    """A tension talk: one issue, 'I felt ... when ...', and one next step."""
    analysis = analyze(text)
    missing = []
    if MORE_ISSUES.search(text) or {"absolute", "past_grievance"} & set(analysis.flags):
        missing.append("just one issue: keep to this time, not a list or the past")
    if "feeling" not in analysis.flags:
        missing.append("how you felt, in a real feeling word ('I felt lonely...')")
    if not WHEN.search(text):
        missing.append("when it happened ('...when the plans changed')")
    if not (NEXT_STEP.search(text) or "request" in analysis.flags):
        missing.append("one next step ('Would you be willing to...?')")
    return _check("tension", text, None, missing)
