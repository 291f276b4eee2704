"""Depth's expressions: their sources, each compiled on first read, and the forms searched fast.

What `depth.DepthReader` reads sentences and mixtures with: who a sentence is about (SELF_START,
QUESTION_START, OTHER_START, THING_PAST, in one match `TELLS`; SELF_SUBJECT, NAME_START), an
inner cue (INNER_CUES), a mixture's marks (SPLIT_SELF, PROUD_OF, WANT, ATTACHED, MISSING, EFFECT)
and the words that join them (JOINER, CONTRAST). Each `NAME_SOURCE` is compiled the first time
`NAME` is read, of this module or of `EXPRESSIONS` (a PEP 562 `__getattr__`): loading compiles
none of them. The fast path searches most of them as `scanned` writes them, and the feeling
words as a letter tree (`feeling_words_expression`). `_depth.c` writes TELLS, SELF_SUBJECT,
NAME_START, YOU, INNER_CUES, the MARKS, EFFECT, JOINER and CONTRAST out as word tests with its
own lists of their words (and reads for how SPLIT_SELF's alternatives start), which
tests/unit/coach/test_depth_c.py holds to them: a word added here goes into `_depth.c` too.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cache, partial

from tending.coach.alternatives import fast_start

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
# OTHER_START and THING_PAST that matches it, as `DepthReader.shape_reference` tries them one by one
# (an alternation tries its branches in order; each branch is anchored with its own `^`).
# (Compiled when first needed, as are the expressions `scanned` writes: about 5 ms of loading.)
TELLS = (
    f"(?P<self>{SELF_START_SOURCE})|(?P<question>{QUESTION_START_SOURCE})|"
    f"(?P<others>{OTHER_START_SOURCE})|(?P<thing>{THING_PAST_SOURCE})"
)
SENTENCE_MARKS = ".!?\n"  # (and "": `normalized[:1]` of an empty text is in it)
SENTENCE_END_INSIDE = re.compile(r"[.!?\n][^.!?\n]")  # a sentence ends and another begins
MARKS = ("PROUD_OF", "WANT", "ATTACHED", "MISSING")  # what `DepthReader.complex_span` weighs
MARK_LABELS = ("pleasant", "pleasant", "pleasant", "longing")  # what each of them weighs as


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


Found = tuple[int, int, str]  # a feeling word's or mark's start, end and valence
MarkFinder = Callable[[str], list[Found]]  # a mark's matches in a text, with its valence


def found_with(regex: re.Pattern[str], label: str, text: str) -> list[Found]:
    """`regex`'s matches in `text` (finditer), each with the valence `label`."""
    return [(match.start(), match.end(), label) for match in regex.finditer(text)]


@cache
def mark_finders(regexes: tuple[re.Pattern[str], ...]) -> tuple[MarkFinder, ...]:
    """A finder of each of MARKS by its expression in `regexes` (`as_written` or
    `scanning_marks`), in the order of MARKS (made once for each)."""
    return tuple(partial(found_with, regex, label) for regex, label in zip(regexes, MARK_LABELS,
                                                                           strict=True))


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
