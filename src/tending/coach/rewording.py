"""Turning the person's own words for a rewrite: a verb into the past or back to its base form,
and the other's message said back from the listener's side.

Pure functions over the verb list of `verbs.tsv`; `suggestions.py` fills its templates with them.
Only listed verbs are turned: an unknown word is left as the person wrote it, which is never
wrong in a way worse than the person's own grammar.
"""

from __future__ import annotations

from functools import cache
from typing import NamedTuple

from tending.coach.data_files import read_data_text, tsv_rows
from tending.domain.errors import FormatProblem

# the listener's side of the other's words ("my" -> "your"); "you" is handled by `said_back`
SWAP = {
    "i": "you", "me": "you", "my": "your", "mine": "yours", "am": "are", "myself": "yourself",
    "we": "you", "our": "your", "us": "you", "i'm": "you're", "im": "you're", "i've": "you've",
    "i'd": "you'd", "i'll": "you'll", "your": "my", "yours": "mine", "yourself": "myself",
    "you're": "I'm", "you've": "I've", "you'll": "I'll", "you'd": "I'd",
}  # fmt: skip
# after these (or first), "you" is the one doing something: "I"; elsewhere it is "me"
SUBJECT_BEFORE = frozenset({"and", "but", "so", "that", "when", "because", "if", "then", "or",
                            "said", "think", "thought", "know", "knew", "felt", "feel", "do",
                            "did", "can", "could", "will", "would", "should"})
AFTER_I = {"are": "am", "were": "was", "aren't": "am not", "weren't": "wasn't"}
# after "I" said back as "you": "I was late" -> "you were late"
AFTER_YOU = {"was": "were", "wasn't": "weren't"}
# a "you" followed by one of these does something ("you told everyone"): said back as "I"
SUBJECT_AFTER = frozenset({"are", "were", "did", "didn't", "do", "don't", "can", "can't", "could",
                           "couldn't", "will", "won't", "would", "wouldn't", "should", "shouldn't",
                           "have", "haven't", "had", "hadn't", "never", "always", "just", "forgot",
                           "said", "told", "kept", "made", "left", "went", "got", "took", "gave",
                           "must", "might", "still", "only", "also"})


class VerbForms(NamedTuple):
    """The listed verbs, both ways."""

    past: dict[str, str]  # base -> past
    base: dict[str, str]  # past -> base


@cache
def verb_forms() -> VerbForms:
    """`verbs.tsv`, read and checked once."""
    name = "verbs.tsv"
    past: dict[str, str] = {}
    base: dict[str, str] = {}
    for number, (plain, before) in tsv_rows(name, read_data_text(name), 2):
        if plain in past:
            raise FormatProblem(f"{name} line {number}: {plain!r} is listed twice")
        past[plain] = before
        base.setdefault(before, plain)
    return VerbForms(past, base)


def in_past(words: str) -> str:
    """`words` with a listed first verb put in the past: 'leave your socks out' -> 'left your
    socks out'; a word already in the past, or not listed, stays."""
    first, _, rest = words.partition(" ")
    turned = verb_forms().past.get(first)
    if turned is None:
        return words
    return f"{turned} {rest}" if rest else turned


def in_base(words: str) -> str:
    """`words` with a listed first verb in its base form, as after "didn't" or "willing to":
    'told me' -> 'tell me'; a word already in its base form, or not listed, stays."""
    first, _, rest = words.partition(" ")
    forms = verb_forms()
    if first in forms.past:
        return words
    turned = forms.base.get(first)
    if turned is None:
        return words
    return f"{turned} {rest}" if rest else turned


def is_verb(word: str) -> bool:
    """Whether `word` reads as a verb a moment can be told with: a listed verb in either form,
    or a regular past ('ignored')."""
    forms = verb_forms()
    return word in forms.past or word in forms.base or (len(word) > 4 and word.endswith("ed"))


def _does(before: str, after: str) -> bool:
    """Whether the words around a 'you' show that 'you' does something ("upset you told
    them"); a plain verb after it counts only where no verb comes before ("let you know")."""
    forms = verb_forms()
    if after in SUBJECT_AFTER or after in forms.base or (len(after) > 4 and after.endswith("ed")):
        return True  # (`forms.base` is keyed by the past forms)
    return after in forms.past and not is_verb(before) and before != "let"


def said_back(words: list[str]) -> str:
    """The other's (lower-cased) words from the listener's side: 'you forgot my birthday' ->
    'I forgot your birthday', 'I'm tired' -> "you're tired", "I'm upset you told them" ->
    "you're upset I told them"."""
    return " ".join(said_back_words(words))


def said_back_words(words: list[str]) -> list[str]:
    """`said_back`, one entry for each of `words` (an entry may hold two: "am not")."""
    out: list[str] = []
    for number, word in enumerate(words):
        before = words[number - 1] if number else ""
        after = words[number + 1] if number + 1 < len(words) else ""
        if word == "you":
            subject = not before or before in SUBJECT_BEFORE or _does(before, after)
            out.append("I" if subject else "me")
        elif before == "you" and out[-1] == "I" and word in AFTER_I:
            out.append(AFTER_I[word])
        elif before == "i" and word in AFTER_YOU:
            out.append(AFTER_YOU[word])
        else:
            out.append(SWAP.get(word, word))
    return out
