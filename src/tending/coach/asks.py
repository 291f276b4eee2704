"""The ask an order makes, in the writer's own words: 'you need to call me back right now' ->
'call me back', 'clean this mess up' -> 'clean this mess up', 'stop texting her' -> 'stop
texting her'; an order not to do something keeps its 'not' ("don't you dare walk away while I'm
talking" -> 'not walk away while I'm talking', asked as "Would you be willing not to ...?").

Pure functions over the (normalized, lower-case) sentence, the lexicon and `verbs.tsv`; an ask
never repeats an insult, a put-down ("grow up") or a sweeping word, and never turns an order round.
"""

from __future__ import annotations

import re

from tending.coach.lazy import LazyRegex
from tending.coach.lexicon import Lexicon
from tending.coach.own_words import NO_VERB, PRESSURE, SWEEPING, clip, ing_to_base, insulting
from tending.coach.rewording import verb_forms

TO = r"(?:to|2)"  # chat writes "u need 2 answer"
OPENERS = r"^(?:(?:oh|now|just|so|well|ok|okay|please|honestly|seriously|and),? )*"
# an order whose verb follows a modal ("you need to call me"): any word there is a verb
DEMAND = LazyRegex(
    rf"\b(?:you (?:(?:just|really) )*(?:have {TO}|need {TO}|must|had better|would better|better|"
    rf"have got {TO}|got {TO}|will|are going {TO}|are gonna)|either you|from now on,? you|"
    rf"i (?:just |really )?(?:need|want) you {TO}) (?P<rest>[a-z' ]{{2,60}})"
)
# an order told as already settled ("you are coming to the dinner"): a listed verb only
SETTLED = LazyRegex(r"\byou are (?P<rest>[a-z]+ing\b[a-z' ]{0,60})")
# an order said as a plain verb at the start of a sentence ("clean this mess up"): listed only
ORDER_OPENING = LazyRegex(OPENERS + r"(?P<rest>[a-z][a-z' ]{1,60})")
# an order not to do something: "don't you dare leave", "you'd better not be late again",
# "you will not speak to me like that", "you don't get to slam the door"
FORBIDDING = LazyRegex(
    OPENERS + r"do not (?:you )?(?:(?:dare|ever|even|just|think about|try) )*"
    r"(?P<rest>[a-z' ]{2,60})"
)
FORBIDDING_YOU = LazyRegex(
    rf"\byou (?:(?:just|really) )*(?:will not|will never|would better not|had better not|"
    rf"better not|must not|must never|do not get {TO}|are not going {TO}|are not gonna) "
    r"(?:(?:dare|ever|even|just|think about|try) )*(?P<rest>[a-z' ]{2,60})"
)
NOT_SETTLED = LazyRegex(r"\byou are not (?P<rest>[a-z]+ing\b[a-z' ]{0,60})")
# an ultimatum: "if you don't call me back I'm done" asks 'call me back'; "if you go to that
# party, we're done" asks not to go; the words stop where the threat begins
THREAT = LazyRegex(
    r"^(?:(?:and|but|so|ok|okay|well|honestly|seriously|i swear),? )*if you "
    r"(?P<neg>(?:do|did|will|can) not )?(?:(?:ever|even|just|dare) )*(?P<rest>[a-z' ]{2,60})"
)
THREAT_ENDS = LazyRegex(
    r"\b(?:i|we|then|do not|that is|it is|this is|you (?:can|will|are|may|better|had|would))\b"
)
NOT_THREATS = frozenset({"want", "like", "need", "think", "feel", "can", "could", "ask", "mean",
                         "know", "have", "are", "were", "do", "did", "would"})
# a want told as a thing to have ("I want the car back by five", "I expect the dishes done")
WANTED = LazyRegex(
    r"\bi (?:just |really )?(?:want|expect|need) (?P<thing>(?:the|this|that|these|those|my|our|"
    r"it|all)\b[a-z' ]{0,40}?) (?P<how>back|done|sorted out|sorted|cleared out|cleared|cleaned up|"
    r"cleaned|fixed|finished|paid|tidied up|tidied|signed)\b(?P<rest>[a-z' ]{0,40})"
)
WANTED_WORD = LazyRegex(
    r"\bi (?:just |really )?(?:want|expect|need) (?P<thing>an? (?:answer|apology|explanation|"
    r"reply|decision)|the truth)\b(?P<rest>[a-z' ]{0,40})"
)
WANTED_YOU = LazyRegex(
    r"\bi (?:just |really )?want you (?P<rest>(?:out|home|back|here|there)\b[a-z' ]{0,40})"
)
# an object after an -ing word makes it a verb ("stop embarrassing me"), not a name called
DOING_TO = LazyRegex(r"\b[a-z]+ing (?:me|us|him|her|them)\b")
# the contractions of a message as written, opened as the coach's normalizing opens them
CONTRACTION = LazyRegex(r"(?:n't|'re|'ll|'m|'d)\b")
OPENED = {"n't": " not", "'re": " are", "'ll": " will", "'m": " am", "'d": " had"}
SENTENCES = LazyRegex(r"[^.!?\n]+")
CLAUSES = LazyRegex(r"[^,;:]+")
NOT = "not "  # the start of an ask not to do something


def _whole(text: str, found: re.Match[str]) -> bool:
    """Whether the words `found` ran to the end of their sentence or clause."""
    return text[found.end() : found.end() + 1] in ("", ".", ",", "!", "?", ";", ":")


def _ask(
    words: list[str], whole: bool, lexicon: Lexicon, put_downs: tuple[str, ...],
    listed_only: bool = False,
) -> str:
    """The ask the words after an order's opening make ('' when they make none)."""
    if words[:1] == ["to"]:  # "you must to call me"
        words = words[1:]
    if words[:1] == ["be"] and len(words) > 1 and ing_to_base(words[1]):
        words = words[1:]  # "you'd better not be cheating on me" -> 'not cheat on me'
    if words and (base := ing_to_base(words[0])):  # "you are coming" -> "come"
        words[0] = base
    if not words or words[0] in ("not", "never") or words[1:2] == ["not"]:
        return ""  # no order, or one not to do: asked for, it would turn round
    if (listed_only and words[0] not in verb_forms().past) or words[0] in NO_VERB - {"be"}:
        return ""  # "either she goes", "off that console", "going to that dinner"
    joined = " ".join(PRESSURE.regex.sub(" ", " ".join(words)).split())
    for down in put_downs:  # "grow up and start paying your share": the ask after it
        if joined.startswith(down + " and "):
            after = joined[len(down) + 5 :].split()
            joined = " ".join(after) if after and after[0] in verb_forms().past else joined
    rest = clip(joined, whole)
    called = rest.rfind(" you ")  # "stop reading my diary you creep": the name is left out
    if called > 0 and insulting(rest[called + 5 :], lexicon):
        rest = rest[:called]
    return "" if not rest or _rejected_ask(rest, lexicon, put_downs) else rest


def demanded(sentence: str, lexicon: Lexicon, put_downs: tuple[str, ...] = ()) -> str:
    """What an order asks for, in its own words ('you need to call me back right now' ->
    'call me back'), an ask not to do something starting 'not ' ("don't you dare leave" ->
    'not leave'), or ''."""
    text = sentence.strip(" .!?,")
    for form in (DEMAND, SETTLED, ORDER_OPENING):
        found = form.search(text)
        if found:
            ask = _ask(found.group("rest").split(), _whole(text, found), lexicon, put_downs,
                       listed_only=form is not DEMAND)
            if ask:
                return ask
    return _forbidden(text, lexicon, put_downs) or _wanted(text, lexicon, put_downs) or (
        _threatened(text, lexicon, put_downs)
    )


def _forbidden(text: str, lexicon: Lexicon, put_downs: tuple[str, ...]) -> str:
    """The ask of an order not to do something: 'not ' and what not to do."""
    for form in (FORBIDDING, FORBIDDING_YOU, NOT_SETTLED):
        found = form.search(text)
        if found:
            words = [word for word in found.group("rest").split() if word not in ("ever", "never")]
            ask = _ask(words, _whole(text, found), lexicon, put_downs,
                       listed_only=form is not FORBIDDING_YOU)
            if ask:
                return NOT + ask
    return ""


def _wanted(text: str, lexicon: Lexicon, put_downs: tuple[str, ...]) -> str:
    """The ask of a want told as a thing to have: 'I want the car back by five' -> 'give the
    car back by five', 'I expect the dishes done' -> 'get the dishes done'."""
    found = WANTED.search(text)
    if found:
        thing, how = found.group("thing"), found.group("how")
        mine = ["me"] if thing.startswith("my ") else []  # "give me my money back"
        words = (["give", *mine, thing, "back"] if how == "back" else ["get", thing, how])
        words += found.group("rest").split()
    elif found := WANTED_WORD.search(text):
        words = ["give", "me", found.group("thing"), *found.group("rest").split()]
    elif found := WANTED_YOU.search(text):
        words = ["be", *found.group("rest").split()]
    else:
        return ""
    return _ask(" ".join(words).split(), _whole(text, found), lexicon, put_downs)


def _threatened(text: str, lexicon: Lexicon, put_downs: tuple[str, ...]) -> str:
    """The ask of an ultimatum: what the 'if you ...' wants done, or 'not ' and what it
    wants left undone."""
    found = THREAT.search(text)
    if not found:
        return ""
    rest = found.group("rest")
    end = THREAT_ENDS.search(rest)
    words = (rest[: end.start()] if end else rest).split()
    if not words or words[0] in NOT_THREATS or words[0] not in verb_forms().past:
        return ""
    ask = _ask(words, end is None and _whole(text, found), lexicon, put_downs)
    return ask if not ask or found.group("neg") else NOT + ask


def _opened(text: str) -> str:
    """`text` lower-cased with its contractions opened ("you're" -> "you are"), as far as
    reading an order in it needs."""
    lower = text.lower().replace("\u2019", "'").replace("won't", "will not")
    lower = lower.replace("can't", "can not")
    return CONTRACTION.regex.sub(lambda found: OPENED[found.group()], lower)


def asked_in(
    sentence: str, original: str, lexicon: Lexicon, put_downs: tuple[str, ...] = ()
) -> str:
    """The ask of the order in `sentence`, else of an order in another sentence of the
    message (`original`): "Be home by ten. I mean it." asks "be home by ten"; else of an order
    opening a clause ("I'm telling you for the last time, put the phone away"). An order that
    is a put-down ("grow up") is never asked for."""
    ask = demanded(sentence, lexicon, put_downs)
    for other in SENTENCES.findall(original) if not ask else ():
        ask = demanded(_opened(other), lexicon, put_downs)
        if ask:
            return ask
    for clause in CLAUSES.findall(_opened(original)) if not ask else ():
        found = ORDER_OPENING.search(clause.strip(" .!?"))
        words = found.group("rest").split() if found else []
        if len(words) > 1 and found:
            ask = _ask(words, True, lexicon, put_downs, listed_only=True)
            if ask:
                return ask
    return ask


def _rejected_ask(rest: str, lexicon: Lexicon, put_downs: tuple[str, ...]) -> bool:
    """Whether an ask would repeat an insult ('stop being such a baby', 'grow up') or a rule;
    an -ing word with an object is a verb, not a name ('stop embarrassing me')."""
    named = insulting(DOING_TO.regex.sub(" ", rest), lexicon)
    return named or SWEEPING.search(rest) is not None or any(
        rest == down or rest.startswith(down + " ") for down in put_downs
    )
