"""Blame whose moment is not a plain "you did X": the shapes of `causes.toml` retold as one moment.

"because of you we're late again" -> "we were late"; "you should have called me" -> "you didn't
call me" (asking "call me"); "why can't you ever remember my schedule?" -> "you didn't remember
my schedule"; "not once have you asked about my day" -> "you didn't ask about my day"; "every
time I ask for help you sigh" -> "I asked for help and you sighed"; "you've ruined the weekend"
-> "you ruined the weekend"; "don't forget you cancelled on my parents" -> "you cancelled on my
parents"; "we missed the train because you overslept" -> "you overslept and we missed the train".

Pure functions over the normalized (lower-case, contractions opened) sentence; only the
person's own words are kept, turned into the past, and a moment that would repeat a sweeping
word, an insult or a judgement is not told ('' keeps the template's slot).
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from tending.coach.data_files import read_data_text, toml_document, tsv_rows
from tending.coach.judgements import load_judgements
from tending.coach.lazy import LazyRegex
from tending.coach.lexicon import Lexicon
from tending.coach.own_words import (
    CLAUSE_BEFORE,
    NEGATED_BEFORE,
    OBJECT_BEFORE,
    PRESSURE,
    SWEEPING,
    Moment,
    clip,
    ing_to_base,
    insulting,
    own_moment,
)
from tending.coach.rewording import in_past, is_verb, verb_forms
from tending.domain.errors import FormatProblem

WORDS = r"(?P<rest>[a-z' ]{2,80})"
SHOULD_HAVE = LazyRegex(
    r"\byou (?:(?:really|definitely|just|honestly|at least) )*(?P<neg>never )?(?:should|"
    r"could|ought to)(?P<not> not| never)? have (?:(?:just|at least|at all) )*" + WORDS
)
IF_YOU_HAD = LazyRegex(
    r"\bif (?:only )?you (?:had |would )?(?:(?:actually|just|only|even|bothered to) )*" + WORDS
)
WHY = LazyRegex(
    r"\bwhy (?P<aux>did not|do not|does not|can not|will not|would not|could not|did|do|does|"
    r"would|are|were) you (?P<how>(?:(?:always|ever|never|just|even|constantly|still|keep|"
    r"have to|always have to|really) )*)" + WORDS
)
ME_WHO = LazyRegex(r"\bwhy is it (?:always )?me (?:who|that) (?:has|have) to " + WORDS)
NOT_ONCE = LazyRegex(
    r"\b(?:not once|never once|not one time|not a single time)(?: [a-z0-9]+){0,3}? "
    r"(?:have|has|did) you (?:(?:ever|even|once) )*" + WORDS
)
PERFECT = LazyRegex(
    r"\byou have (?P<neg>never |not )?(?:(?:once|ever|even|just|really|totally|completely|"
    r"gone and|gone|only|literally|already) )*" + WORDS
)
EVERY_TIME = LazyRegex(
    r"\bevery (?:single )?time (?P<mine>i [a-z' ]{2,60}?),? you (?P<rest>[a-z' ]{2,60})"
)
BECAUSE_YOU = LazyRegex(r"^(?P<event>we [a-z' ]{3,60}?),? because you (?P<rest>[a-z' ]+)")
# a sentence turns here: the words of a retold shape end before it
CLAUSE_END = LazyRegex(
    r"[,;:]|\b(?:i|we|then|you|it|they|he|she) (?:would|will|could|might|are|am|is|was|were)\b"
)
NOT_ALLOWED = LazyRegex(r"\byou do not get to (?:(?:just|even) )*" + WORDS)
SAID_UR = LazyRegex(r"\byour (?=(?:always|never|so|the reason|the one|constantly)\b)")
SAID_YE = LazyRegex(r"\bye (?=(?:have|are|never|always|did)\b)")  # Irish "ye": you
SAID_AT = LazyRegex(
    r"\bwhat you said (?P<rest>(?:at|to|on|in|during|about|last|when)\b[a-z0-9' ]+)"
)
PROGRESSIVE = LazyRegex(r"\byou (?:are|were) (?=[a-z]+ing\b)")  # "you're twisting my words"
COULD_NOT = LazyRegex(
    r"\byou (?:could|would) (?:not|never) (?:even )?(?:be bothered to )?(?=[a-z])"
)
# a span of time that sweeps ("in twenty years", "for months"): one moment is told without it
SPAN = LazyRegex(
    r"\b(?:in|for|over|since) (?:the (?:last|past) )?(?:[a-z0-9]+ )?(?:years|months|weeks|ages)\b"
)
# where a rule starts inside the words ("thank me for any of this"): the moment ends before it
RULE_STARTS = LazyRegex(r"\b(?:any of|a single|any|every|all of)\b")
# what follows a subject's "'s" that makes it "is" ("the car's out of petrol", not "dad's car")
STATES = frozenset({"out", "not", "late", "gone", "broken", "empty", "ruined", "upset", "in", "on",
                    "off", "a", "an", "so", "too", "really", "still", "all", "now", "been"})
VAGUE = frozenset({"", "this", "that", "it", "the same", "this again", "that again"})


class Retold(NamedTuple):
    """A complaint's moment told whole ('we were late', 'you didn't call me')."""

    moment: str  # the clause told in the past, lower case as normalized
    ask: str  # what to ask for in the person's words ('' when the topic's request fits)
    words: str  # the words that pick the topic


class Causes(NamedTuple):
    """The phrases of `causes.toml`, compiled, and the participles of `participles.tsv`."""

    cause_first: LazyRegex
    cause_last: LazyRegex
    cause_noun: LazyRegex
    subjects: frozenset[str]
    empty_events: tuple[str, ...]
    present_past: dict[str, str]
    dropped: LazyRegex
    recall: LazyRegex
    sweeping_time: LazyRegex
    mocking: LazyRegex
    needs_object: frozenset[str]
    said_prompt: str
    you: LazyRegex
    hedges: LazyRegex
    participles: dict[str, str]  # participle -> base


def _listed(document: dict[str, object], key: str) -> list[str]:
    value = document.get(key)
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise FormatProblem(f"causes.toml: {key} must be a list of phrases")
    return sorted(value, key=len, reverse=True)  # the longest phrase is found first


def _any(phrases: list[str]) -> str:
    return "(?:" + "|".join(re.escape(phrase) for phrase in phrases) + ")"


@cache
def causes_document() -> dict[str, object]:
    """`causes.toml` as read (`longings.py` reads its wish words from it too)."""
    name = "causes.toml"
    return toml_document(name, read_data_text(name))


@cache
def load_causes() -> Causes:
    """`causes.toml` and `participles.tsv`, read and checked once."""
    name = "causes.toml"
    document = causes_document()
    pairs = [pair.split(" -> ") for pair in _listed(document, "present_past")]
    if not all(len(pair) == 2 for pair in pairs):
        raise FormatProblem(f"{name}: present_past must hold 'present -> past' pairs")
    past = dict(pairs)
    participles: dict[str, str] = {}
    for number, (participle, base) in tsv_rows("participles.tsv",
                                               read_data_text("participles.tsv"), 2):
        if participle in participles:
            raise FormatProblem(f"participles.tsv line {number}: {participle!r} is listed twice")
        participles[participle] = base
    sweeping = _any(_listed(document, "sweeping_times"))
    prompt = document.get("said_prompt")
    if not isinstance(prompt, str) or not prompt.startswith("["):
        raise FormatProblem(f"{name}: said_prompt must be a prompt in brackets")
    return Causes(
        LazyRegex(rf"\b{_any(_listed(document, 'cause_first'))},? (?:that |how )?(?P<event>.+)"),
        LazyRegex(rf"^(?P<event>.+?),? {_any(_listed(document, 'cause_last'))}\b"),
        LazyRegex(rf"\b{_any(_listed(document, 'cause_noun'))} [a-z' ]+?,? (?P<event>(?:we|i) .+)"),
        frozenset(_listed(document, "subjects")), tuple(_listed(document, "empty_events")),
        dict(past), LazyRegex(rf"\b{_any(_listed(document, 'dropped'))}\b"),
        LazyRegex(rf"^(?:{_any(_listed(document, 'recall_openings'))},? )+"),
        LazyRegex(rf" {sweeping}\b.*$"), LazyRegex(rf"\b{_any(_listed(document, 'mocking'))}\b"),
        frozenset(_listed(document, "needs_object")), prompt,
        LazyRegex(rf"^{_any(_listed(document, 'stands_for_you'))} "),
        LazyRegex(rf"\b{_any(_listed(document, 'hedges'))}\b"), participles,
    )


def retold(sentence: str, lexicon: Lexicon, moment: Moment) -> Retold | None:
    """The moment of a blaming `sentence` in one of the shapes of `causes.toml`, or None;
    `moment` is what `own_moment` found (a shared plan missed "because you ..." keeps both)."""
    written = sentence.strip(" .!?")
    sentence = SAID_UR.regex.sub("you are ", written)  # "ur late": normalized "your late"
    sentence = SAID_YE.regex.sub("you ", sentence)
    if moment.past in load_causes().needs_object:  # 'everything I say, you twist'
        return Retold("", "", moment.words)
    if moment.past:  # told already: what the person did first, or a shared plan, is kept too
        return _every_time(sentence, lexicon) or _shared(sentence, lexicon, moment)
    for shape in (_shared_cause, _should_have, _why, _not_once, _every_time, _perfect, _caused,
                  _said_at, _not_allowed, _plainer):
        found = shape(sentence, lexicon)
        if found is not None and _clean(found.moment, lexicon):
            return found
    if sentence != written:  # no moment, but "ur always late" has the words of a topic
        words = own_moment(sentence, lexicon).words
        return Retold("", "", words) if words else None
    return None


def _clean(told: str, lexicon: Lexicon) -> bool:
    """Whether a retold moment says no sweeping word, insult or judgement of who the other is."""
    return bool(told) and SWEEPING.search(told) is None and not insulting(told, lexicon) and (
        load_judgements().finder.search(told) is None and load_causes().mocking.search(told) is None
    )


def _ended(words: str) -> str:
    """`words` up to where their clause ends, clipped to a whole phrase, pressure left out."""
    end = CLAUSE_END.search(words)
    words = words[: end.start()] if end else words
    for cut in (RULE_STARTS, load_causes().mocking):  # "upset Mam with your big mouth"
        found = cut.search(words)
        words = words[: found.start()] if found and found.start() else words
    words = load_causes().dropped.regex.sub(" ", SPAN.regex.sub(" ", words))
    words = " ".join(PRESSURE.regex.sub(" ", words).split())
    return clip(words, whole=end is None and words.endswith(" her"))  # 'said that to her'


def _base(word: str) -> str | None:
    """A listed verb's base form from its past, participle or base; None when unlisted."""
    forms = verb_forms()
    if word in forms.past:
        return word
    return load_causes().participles.get(word) or forms.base.get(word)


def _undone(rest: str) -> Retold | None:
    """What was not done, as 'you didn't ...' and the ask for it ('you weren't there')."""
    first, _, after = rest.partition(" ")
    base = _base(first)
    if base is None or not after and base in ("be", "do", "have", "get"):
        return None
    ask = f"{base} {after}".strip()
    if base == "be":
        return Retold(f"you weren't {after}", ask, rest)
    return Retold(f"you didn't {ask}", ask, rest)


def _done(rest: str) -> Retold | None:
    """What was done, as 'you ...' in the past (no ask: the topic's request fits)."""
    first, _, after = rest.partition(" ")
    base = _base(first) or ing_to_base(first)
    if base is None or base in ("be", "have") or (base == "do" and after in VAGUE):
        return None  # 'why do you have to be right?' is no moment; 'you did this' names none
    return Retold(f"you {in_past(f'{base} {after}'.strip())}", "", rest)


def _should_have(sentence: str, lexicon: Lexicon) -> Retold | None:
    """'you should have told me' -> 'you didn't tell me'; 'you shouldn't have said that' ->
    'you said that'; 'if you'd checked the oven we wouldn't ...' -> 'you didn't check the oven'."""
    found = SHOULD_HAVE.search(sentence)
    if found:
        rest = _ended(found.group("rest"))
        negative = found.group("neg") or found.group("not")
        return (_done(rest) if negative else _undone(rest)) if rest else None
    found = IF_YOU_HAD.search(sentence)
    if found and " would" in sentence:  # what did not happen, and what would have followed
        rest = _ended(found.group("rest"))
        first = rest.split()[0] if rest else ""
        if first and first not in verb_forms().past and is_verb(first):
            return _undone(rest)
    return None


def _not_allowed(sentence: str, lexicon: Lexicon) -> Retold | None:
    """"you don't get to slam the door and then ..." -> 'you slammed the door'."""
    found = NOT_ALLOWED.search(sentence)
    rest = _ended(found.group("rest")) if found else ""
    return _done(rest) if len(rest.split()) > 1 else None


def _why(sentence: str, lexicon: Lexicon) -> Retold | None:
    """'why can't you ever remember my schedule?' -> 'you didn't remember my schedule';
    'why do you always have to shout?' -> 'you shouted'; 'why did you ...' -> 'you ...'."""
    found = ME_WHO.search(sentence)
    if found:
        rest = _ended(found.group("rest"))
        return Retold(f"I had to {rest}", "", rest) if rest else None
    found = WHY.search(sentence)
    if not found:
        return None
    rest = _ended(found.group("rest"))
    if not rest:
        return None
    if "not" in found.group("aux") or "never" in found.group("how"):
        return _undone(rest)
    if found.group("aux") in ("are", "were") and not found.group("how").replace("even", "").strip():
        return None  # 'why are you asking me?' asks; 'why are you always ...' blames
    return _done(rest)


def _not_once(sentence: str, lexicon: Lexicon) -> Retold | None:
    """'not once have you asked about my day' -> 'you didn't ask about my day'."""
    found = NOT_ONCE.search(sentence)
    rest = _ended(found.group("rest")) if found else ""
    return _undone(rest) if rest else None


def _acts(sentence: str, start: int) -> bool:
    """Whether the 'you' at `start` is the one acting (not 'what you have done')."""
    before = sentence[:start]
    last = before.split()[-1:]
    return not before.endswith(CLAUSE_BEFORE) and not (last and last[0] in OBJECT_BEFORE) and (
        NEGATED_BEFORE.search(before) is None
    )


def _perfect(sentence: str, lexicon: Lexicon) -> Retold | None:
    """"you've ruined the whole weekend" -> 'you ruined the whole weekend'; 'you have never once
    said sorry' -> "you didn't say sorry"."""
    found = PERFECT.search(sentence)
    if not found or not _acts(sentence, found.start()):
        return None
    rest = _ended(found.group("rest"))
    if len(rest.split()) < 2 or rest.startswith("been "):
        return None  # 'the third birthday you have missed': the moment is told before it
    return _undone(rest) if found.group("neg") else _done(rest)


def _every_time(sentence: str, lexicon: Lexicon) -> Retold | None:
    """'every time I ask for help you sigh' -> 'I asked for help and you sighed'."""
    found = EVERY_TIME.search(sentence)
    if not found:
        return None
    mine = _event(found.group("mine"))
    theirs = _ended(found.group("rest"))
    done = _done(theirs) if theirs and not theirs.startswith("are ") else None
    if theirs.startswith("are "):
        done = Retold(f"you were {theirs[4:]}", "", theirs)
    if not mine or done is None:
        return None
    asked = found.group("mine").split()[2:]  # what the person did picks the topic after theirs
    return Retold(f"{mine} and {done.moment}", "", " ".join([theirs, *asked]))


def _caused(sentence: str, lexicon: Lexicon) -> Retold | None:
    """'because of you we're late again' -> 'we were late'; 'the kids are upset because of you'
    -> 'the kids were upset'; 'thanks to your shortcut we're late' -> 'we were late'."""
    causes = load_causes()
    for form in (causes.cause_first, causes.cause_noun, causes.cause_last):
        found = form.search(sentence)
        if found:
            event = _event(found.group("event"))
            if event:
                return Retold(event, "", event)
    return None


def _event(words: str) -> str:
    """An event told in the past, from its subject on ('we are late again' -> 'we were late');
    '' when it opens with no subject or names nothing ('this happened')."""
    causes = load_causes()
    words = " ".join(causes.dropped.regex.sub(" ", words.strip(" ,")).split())
    end = CLAUSE_END.search(words, 2)  # its own subject may be 'i' or 'we'
    words = clip(words[: end.start()] if end and end.start() else words, whole=end is None)
    first = words.split()[0] if words else ""
    if first.endswith("'s") and first[:-2] in causes.subjects:  # "dad's upset"
        words = f"{first[:-2]} is {words[len(first) + 1 :]}"
    if not words or words.split()[0] not in causes.subjects or len(words.split()) < 2:
        return ""
    if any(words == empty or words.startswith(empty + " ") for empty in causes.empty_events):
        return ""
    return _in_past(words)


def _in_past(words: str) -> str:
    """`words` with their first verb after the subject put in the past ('the kids are upset'
    -> 'the kids were upset', 'I have to cancel' -> 'I had to cancel')."""
    causes = load_causes()
    split = words.split()
    forms = verb_forms()
    for number in range(1, len(split)):
        if split[number - 1].endswith("'s") and split[number] in STATES:  # "the car's out"
            return " ".join([*split[: number - 1], split[number - 1][:-2], "was", *split[number:]])
        two = " ".join(split[number : number + 2])
        if two in causes.present_past:
            return " ".join([*split[:number], causes.present_past[two], *split[number + 2 :]])
        word = split[number]
        if word in causes.present_past:
            split[number] = causes.present_past[word]
            return " ".join(split)
        plain = word[:-1] if word.endswith("s") and word[:-1] in forms.past else word
        if plain in forms.past or word in forms.base:
            split[number] = forms.past.get(plain, word)
            return " ".join(split)
    return words


def _plainer(sentence: str, lexicon: Lexicon) -> Retold | None:
    """The moment `own_moment` finds once what hid it is taken away: an opening that recalls
    ("don't forget you cancelled ..."), a rule of a time at the end ("... every time I talk"),
    a "your" that was "you're", a "couldn't" that says "didn't"."""
    causes = load_causes()
    plain = causes.recall.regex.sub("", causes.you.regex.sub("you ", _after_but(sentence)))
    plain = causes.sweeping_time.regex.sub("", plain)
    plain = " ".join(causes.hedges.regex.sub(" ", PROGRESSIVE.regex.sub("you ", plain)).split())
    could = COULD_NOT.search(plain)
    if could and could.start() == plain.find("you "):  # the complaint's own 'you', no other
        plain = plain[: could.start()] + "you did not " + plain[could.end() :]
    moment = own_moment(plain, lexicon)
    past = " ".join(causes.dropped.regex.sub(" ", moment.past).split())
    if len(past.split()) < 2 or past.startswith(("did the same", "did this", "did that")):
        return None  # 'everything I say, you twist': 'you twisted' tells nothing
    return Retold(f"you {past}", moment.ask, moment.words)


def _after_but(sentence: str) -> str:
    """The words from a 'but you ...' on, where the sentence's first 'you' does not act
    ("I know you're going to say ..., but you left the gate open")."""
    first, but = sentence.find("you "), sentence.rfind(" but you ")
    return sentence[but + 5 :] if but > first >= 0 else sentence


def _said_at(sentence: str, lexicon: Lexicon) -> Retold | None:
    """'I haven't forgotten what you said at the wedding' -> 'you said [...] at the wedding':
    the words said are not in the message, so a prompt in brackets asks for them."""
    found = SAID_AT.search(sentence)
    rest = _ended(found.group("rest")) if found else ""
    if not found or len(rest.split()) < 2:
        return None
    return Retold(f"you said {load_causes().said_prompt} {rest}", "", f"said {rest}")


def _shared_cause(sentence: str, lexicon: Lexicon) -> Retold | None:
    """`_shared` where `own_moment` told no cause."""
    return _shared(sentence, lexicon, Moment("", "", None, ""))


def _shared(sentence: str, lexicon: Lexicon, moment: Moment) -> Retold | None:
    """A plan of both missed "because you ...": 'we missed the train because you overslept' ->
    'you overslept and we missed the train' (the cause as own_moment told it, then the event)."""
    found = BECAUSE_YOU.search(sentence)
    event = _event(found.group("event")) if found else ""
    if not found or not event or not _clean(event, lexicon):
        return None
    if moment.past:
        return Retold(f"you {moment.past} and {event}", moment.ask, moment.words)
    rest = _ended(found.group("rest"))
    cause = _done(rest) if rest else None
    return Retold(f"{cause.moment} and {event}", "", f"{rest} {event}") if cause else None
