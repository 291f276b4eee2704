"""'We never go out anymore': a rule about the two of them that is a wish, said as one.

An absolute about "we" holds no moment of the other's to tell, and telling "one time" we did not
go out helps no one; what the person misses is in their own words, so the rewrite says it and
asks for it: "I miss going out with you. Would you be willing to go out with me this week?"
The words come from `causes.toml` (the sweeping words of a wish and how they are said as one,
the verbs that double before -ing); only listed verbs (verbs.tsv) are turned.
"""

from __future__ import annotations

from functools import cache
from typing import NamedTuple

from tending.coach.causes import causes_document
from tending.coach.lazy import LazyRegex
from tending.coach.own_words import SWEEPING, clip
from tending.coach.rewording import verb_forms
from tending.domain.errors import FormatProblem

WE_NEVER = LazyRegex(
    r"\bwe (?:(?:just|even|really|ever) )*(?P<how>never|do not|hardly ever|rarely|barely) "
    r"(?:(?:just|even|really|ever|properly) )*(?P<rest>[a-z' ]{2,50}?)"
    r"(?P<end> (?:anymore|any more|these days|nowadays|lately)\b|[,.!?;]|$)"
)
NO_TIME = LazyRegex(
    r"\byou (?:never|do not|hardly ever|barely) (?:(?:even|really|ever) )*(?:have|make|find) "
    r"(?:any )?time for (?:me|us)\b"
)
CONDITION = LazyRegex(r"\b(?:if|unless|once|when|until|so)\b")
TOGETHER = " together"
EACH_OTHER = " each other"


class Longing(NamedTuple):
    """What the person misses ('going out'), and the ask for it ('go out with me')."""

    missed: str
    ask: str


class WishWords(NamedTuple):
    said_as_one: dict[str, str]  # 'anything' -> 'something'
    doubled: frozenset[str]


def check_wishes() -> None:
    """Read and check the wish words of `causes.toml` now (with the other templates), so a
    rewrite asked for later cannot fail on bad data."""
    load_time_wish()
    _wish_words()


@cache
def load_time_wish() -> tuple[str, str]:
    """What "you never have time for me" misses and asks for (causes.toml time_wish)."""
    name = "causes.toml"
    wish = causes_document().get("time_wish")
    if not (isinstance(wish, list) and len(wish) == 2 and all(isinstance(w, str) for w in wish)):
        raise FormatProblem(f"{name}: time_wish must be [what is missed, the ask]")
    return wish[0], wish[1]


@cache
def _wish_words() -> WishWords:
    name = "causes.toml"
    document = causes_document()
    words, said, doubled = (document.get(key) for key in ("wish_words", "wish_said", "doubled"))
    if not (isinstance(words, list) and isinstance(said, list) and len(words) == len(said)):
        raise FormatProblem(f"{name}: wish_words and wish_said must be lists of the same length")
    if not isinstance(doubled, list):
        raise FormatProblem(f"{name}: doubled must be a list of verbs")
    return WishWords(dict(zip(words, said, strict=True)), frozenset(doubled))


def longing(sentence: str) -> Longing | None:
    """The wish in "we never ... anymore" (normalized, lower case), or None: "we never do
    anything fun together anymore" -> ('doing something fun together', 'do something fun with
    me'); "each other" is said as "you" and "me"; a word that is no listed verb, or a sweeping
    word left, is no wish."""
    if NO_TIME.search(sentence):  # "you never have time for me anymore"
        return Longing(*load_time_wish())
    found = WE_NEVER.search(sentence)
    if not found or CONDITION.search(sentence, 0, found.start()):
        return None  # "if it's awful, we never speak of it again" promises, it does not miss
    if found.group("how") != "never" and not found.group("end").strip(" ,.!?;"):
        return None  # "we never laugh" is a rule; "we do not laugh" needs its "anymore" to be one
    wish = _wish_words()
    words = [wish.said_as_one.get(word, word) for word in clip(found.group("rest")).split()]
    if not words or words[0] not in verb_forms().past:
        return None
    told = " ".join(words)
    if SWEEPING.search(told) or told.startswith(("have ", "seem ")):
        return None
    doing = " ".join([_ing(words[0], wish.doubled), *words[1:]])
    if EACH_OTHER in f" {told}":  # "we never see each other" -> "seeing you", "see me"
        return Longing(doing.replace(EACH_OTHER, " you"), told.replace(EACH_OTHER, " me"))
    ask = told.replace(TOGETHER, "")
    if TOGETHER in f" {told}":
        return Longing(doing, f"{ask} with me")
    return Longing(f"{doing} with you", f"{ask} with me")


def _ing(verb: str, doubled: frozenset[str]) -> str:
    """'go' -> 'going', 'dance' -> 'dancing', 'sit' -> 'sitting', 'lie' -> 'lying'."""
    if verb.endswith("ie"):
        return verb[:-2] + "ying"
    if verb.endswith("e") and not verb.endswith(("ee", "ye")) and len(verb) > 2:
        return verb[:-1] + "ing"
    if verb in doubled:
        return verb + verb[-1] + "ing"
    return verb + "ing"
