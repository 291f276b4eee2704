"""The person's own words for a rewrite: the moment a complaint is about and the feeling a faux
feeling hides, each found in the sentence that raised the flag (the ask an order makes is read
in `asks.py`, with the clipping and the checks kept here).

Pure functions over the (normalized, lower-case) sentence, the coach's lexicon and the verb
list of `verbs.tsv`; `suggestions.py` fills its templates with what they find. Where the words
cannot be told well (a judgement of who the other is, an insult, a sweeping 'everything', a
'you' that is not the one acting) they give '' and the template keeps its slot to fill.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from tending.coach.lazy import LazyRegex
from tending.coach.lexicon import Lexicon
from tending.coach.rewording import in_base, in_past, is_verb, verb_forms

COMPLAINT = LazyRegex(
    r"\byou (?:(?:just|really|literally|even|ever|seriously|still|actually|honestly|also) )*"
    r"(?P<how>never|always|constantly|keep|do not|did not|can not|will not|would not|have not|"
    r"has not|are always|are constantly|are forever|are never|refuse to)? ?(?:(?:even|ever|once|"
    r"bother to|seem to|just|really|still|actually) )*(?P<rest>[a-z' ]{2,60})"
)
NOT_DONE = frozenset({"never", "do not", "did not", "can not", "will not", "would not", "have not",
                      "has not", "refuse to"})
# what presses an order ("right now", "for once"): left out of the ask that replaces it
PRESSURE = LazyRegex(
    r"\b(?:right now|right away|this (?:instant|minute|second)|immediately|now|asap|for once|"
    r"sharp|already|no excuses|no arguments|period|or else|i mean it)\b"
)
# a generalization that has no place in a single moment ("you forgot everything")
SWEEPING = LazyRegex(
    r"\b(?:always|never|ever|constantly|everything|anything|anyone|anybody|nothing|"
    r"every ?(?:single )?time|"
    r"all the time|whatever|every single)\b"
)
# words a clipped phrase may not end on ("what you did at Christmas in" -> "... at Christmas")
DANGLING = frozenset({"in", "at", "on", "the", "a", "an", "to", "for", "of", "with", "and", "my",
                      "your", "our", "from", "by", "about", "like", "than", "his", "her", "their",
                      "so", "very", "into", "before", "after", "without", "any", "some",
                      "till", "until", "since", "around", "past"})
# words no phrase ends on, even where the sentence ends ("you never listen to my" is cut short)
OPEN_ENDED = frozenset({"the", "a", "an", "my", "your", "our", "their", "so", "very", "and",
                        "than", "any", "some"})
# what "going to" may lead to that is no verb ("you are going to that dinner")
NO_VERB = OPEN_ENDED | {"that", "this", "his", "her", "to", "be"} - {"and"}
# a "you" after these is inside a clause about something ("what you did"), not the complaint
CLAUSE_BEFORE = ("what ", "which ", "whatever ", "how ", "the way ")
# a negation before "you" turns what follows round ("not once have you thanked me")
NEGATED_BEFORE = LazyRegex(r"\b(?:not|never|no|nobody|nothing)\b[^,;]*$")
# a "you" after these is the object ("because of you", "look at you"), not the one acting
OBJECT_BEFORE = frozenset({"of", "to", "at", "with", "for", "about", "like", "than", "are", "were",
                           "remind", "trust", "thanks", "let", "lets", "make", "makes", "made",
                           "help", "helps", "want", "wants", "need", "needs", "see", "saw",
                           "watch", "watched", "hear", "heard"})
# a sentence run on without its comma ("you get the front seat this is so unfair"): the words
# from a last "this is" on are the next sentence
RUN_ON = frozenset({"is", "are", "was", "were", "am"})
STOP_AT = LazyRegex(
    r"\b(?:and|but|because|so|or|when|if|then|end|again|anymore|any more|at all|whatsoever|"
    r"whether|unless|lol|lmao|haha|omg|ffs)\b"
)
# "you're the one who booked it": the one who did it is 'you', and what they did is the moment
ONE_WHO = LazyRegex(
    r"\byou (?:are|were) (?:the|the only) one (?:who|that) (?!(?:is|was|has|had|does|are)\b)"
)
FEEL_WORD = LazyRegex(
    r"\b(?P<feel>feel|feels|felt|feeling) (?:(?:so|really|very|quite|totally|completely|pretty|"
    r"just|kind of|kinda|a bit|a little) )*(?P<word>[a-z]+)(?P<after>(?: [a-z'-]+){0,12})"
)
FEEL_LIKE = LazyRegex(r"\b(?:feel|feels|felt|feeling) (?:like|that|as if|as though)\b")
# a feeling said with the person's own "when ..." keeps their words after it
FEELING_AFTER = ("when", "whenever", "that", "around", "at", "in", "after")
MAX_WORDS = 12


def clip(words: str, whole: bool = False) -> str:
    """The person's words up to where the complaint turns ('and', 'because', 'again'), at most
    MAX_WORDS of them, ending on a whole phrase rather than a dangling word. `whole` says the
    words ran to the end of their sentence: a last 'about' there ends the phrase ('moan about')
    and stays, unless the words were cut."""
    words = words.strip(" '")
    stop = STOP_AT.search(words)
    if stop and stop.start() > 0:
        words, whole = words[: stop.start()], False
    split = words.split()
    kept = split[:MAX_WORDS]
    if len(split) > MAX_WORDS:  # cut short: end before the last phrase, which may be half told
        last = max((n for n, word in enumerate(kept) if word in DANGLING and n > 1), default=0)
        kept, whole = kept[:last] if last else kept, False
    while kept and kept[-1] in (OPEN_ENDED if whole else DANGLING):
        kept.pop()
    if len(kept) > 2 and kept[-1] in RUN_ON and kept[-2] in ("this", "that", "it", "which"):
        kept = kept[:-2]
    return " ".join(kept)


class Moment(NamedTuple):
    """One complaint retold as a moment, in the person's own words."""

    past: str  # "left your socks on the floor", "didn't tell me" ('' when none is reusable)
    ask: str  # what to ask for instead: "tell me" ('' when the topic's request fits better)
    how: str | None  # the word that made it a rule or a refusal: "never", "will not", ...
    words: str  # the words after 'you', clipped, that pick the topic ('' when none)


def _rejected(rest: str, lexicon: Lexicon) -> bool:
    """Whether the words after 'you' cannot be told as a moment: a judgement of who the other
    is ('are so selfish'), an insult, or a rule ('forgot everything')."""
    first = rest.split()[:1]
    if not first or first[0] in ("are", "were", "is", "have", "had", "being", "so", "too", "such"):
        return True
    if rest in ("know", "know that", "know it") or rest.startswith("get to "):
        return True  # the tag of "..., you know that?"; "you don't get to ..." forbids
    traits = set(lexicon.classes.get("trait", ()))
    return bool(set(rest.split()) & traits) or insulting(rest, lexicon) or (
        SWEEPING.search(rest) is not None
    )


def _object_before(last: list[str]) -> bool:
    """Whether 'you' after these words is the object ('because of you'); after 'feel like'
    it is the one acting ('I feel like you never hear me')."""
    if last[-1] == "like" and last[:-1] and last[0] in ("feel", "feels", "felt", "seems"):
        return False
    return last[-1] in OBJECT_BEFORE


def _complaint(sentence: str) -> re.Match[str] | None:
    """Where `sentence` says what 'you' did, if a 'you' in it acts (not 'because of you', not
    'what you did', not 'not once have you ...')."""
    found = COMPLAINT.search(sentence)
    if found:
        before = sentence[: found.start()]
        last = before.split()[-2:]
        if before.endswith(CLAUSE_BEFORE) or (last and _object_before(last)) or (
            NEGATED_BEFORE.search(before)
        ):
            return None
    return found


def own_moment(sentence: str, lexicon: Lexicon) -> Moment:
    """The complaint of `sentence` told as one moment: 'you always leave your socks out' ->
    past 'left your socks out'; empty where the words say who the other is, not what they did."""
    sentence = ONE_WHO.regex.sub("you ", sentence)
    found = _complaint(sentence)
    if found is None:
        return Moment("", "", None, "")
    whole = sentence[found.end() : found.end() + 1] in ("", ".", ",", "!", "?", ";", ":")
    words = clip(found.group("rest"), whole)
    how = found.group("how")
    only, rest = ("only ", words[5:]) if words.startswith("only ") else ("", words)
    rest = rest[5:] if only and rest.startswith("ever ") else rest  # "you only ever text me"
    past, ask = _told(rest, how) if rest and not _rejected(rest, lexicon) else ("", "")
    return Moment(only + past if past else "", ask, how, words)


def _told(rest: str, how: str | None) -> tuple[str, str]:
    """`rest` (the words after 'you' and `how`) in the past, and what to ask for; ('', '')
    where no verb begins them."""
    if how in ("are always", "are constantly", "are forever", "are never"):
        verb = "weren't" if how == "are never" else "were"
        return f"{verb} {rest}", ""
    if how in NOT_DONE:
        base = in_base(rest)  # "you never told me" -> "you didn't tell me"
        return (f"didn't {base}", base) if is_verb(base.split()[0]) else ("", "")
    if how == "keep":
        return (f"kept {rest}", "") if rest.split()[0].endswith("ing") else ("", "")
    first, _, after = rest.partition(" ")
    plain = ing_to_base(first)  # "you booking things without asking" -> "you booked ..."
    past = in_past(f"{plain} {after}".strip() if plain else rest)  # "you leave" -> "you left"
    return (past, "") if is_verb(past.split()[0]) else ("", "")


def ing_to_base(word: str) -> str | None:
    """'coming' -> 'come', 'going' -> 'go', 'stopping' -> 'stop', for listed verbs only."""
    if not word.endswith("ing"):
        return None
    stem = word[:-3]
    listed = verb_forms().past
    for guess in (stem, stem + "e", stem[:-1], stem[:-1] + "ie"):  # "lying" -> "lie"
        if guess in listed:
            return guess
    return None


def insulting(words: str, lexicon: Lexicon) -> bool:
    """Whether `words` hold one of the lexicon's insults."""
    padded = f" {words} "
    return any(f" {insult} " in padded for insult in lexicon.classes.get("insult", ()))


def feeling_parts(sentence: str, lexicon: Lexicon, faux_word: str | None) -> dict[str, str]:
    """The faux feeling of `sentence` ('I feel ignored when ...'), its feelings underneath and
    the person's own 'when ...' after it; {} when it is a thought ('I feel like you ...')."""
    found = FEEL_WORD.search(sentence)
    faux = lexicon.faux.get(found.group("word")) if found else None
    if faux is None and faux_word and not FEEL_LIKE.search(sentence):
        faux = lexicon.faux.get(faux_word)
    if faux is None:
        return {}
    after = ""
    if found and found.group("word") == faux.word:
        words = found.group("after").split()
        if words[:1] and words[0] in FEELING_AFTER and not SWEEPING.search(" ".join(words)):
            after = " " + _clip_after(words)
    under = list(faux.feelings)
    listed = ", ".join(under[:-1]) + f" or {under[-1]}" if len(under) > 1 else under[0]
    felt = "felt" if found and found.group("feel") == "felt" else "feel"  # the writer's tense
    return {"word": faux.word, "under": listed, "first": faux.feelings[0], "need": faux.need,
            "after": after.rstrip(), "feel": felt}


def _clip_after(words: list[str]) -> str:
    kept = words[:MAX_WORDS]
    cut = next((n for n, word in enumerate(kept) if n and word in ("and", "but", "so", "because")),
               len(kept))
    kept = kept[:cut]
    while kept and kept[-1] in DANGLING:
        kept.pop()
    return " ".join(kept) if len(kept) > 1 else ""
