"""What the second opinion (`learned.py`) reads of a message: its features, the same in
training (`training.py`) and when scoring (the C scorer `_scoring.c` reads the same ones).

The tokens of the normalized text (words, and any other single character such as an emoji or
'?'), each word's class ('#feeling'), the pairs of neighbouring tokens and of neighbouring
classes, and the first token or class ('<s> i'). A reply also has a few marks of the message it
answers (`context_features`: 'ctx:' when there is one, 'ctx:?' when it asks, 'ctx:#feeling' when
it names a feeling, 'ctx:talk' when it asks to talk); they weigh only for the listening flags
(`CONTEXT_FLAGS`) and only when the model adds a flag ("so tired" answered with "of course you
are" is validation).
"""

from __future__ import annotations

import re

from tending.coach.lexicon import Lexicon

FEATURES_VERSION = 2  # bump when `features` changes: the shipped weights must be fitted again
TOKEN = re.compile(r"[a-z']+|[^\sa-z']")
CONTEXT = "ctx:"  # the start of the name of every mark of the message answered
FEELING_CLASSES = frozenset({"#feeling", "#unpleasant_feeling"})
TALK_WORDS = frozenset({"talk", "discuss", "conversation", "chat", "sort"})  # a wish to talk
# the flags those marks weigh for (they are fitted for these only: what a reply does as listening)
CONTEXT_FLAGS = frozenset(
    {"validation", "reflection", "minimizing", "fixing", "curiosity", "stonewalling",
     "defensiveness"}
)  # fmt: skip


def class_map(lexicon: Lexicon) -> dict[str, str]:
    """One-word members of the lexicon's classes -> '#class' (the first class by name)."""
    found: dict[str, str] = {}
    for name in sorted(lexicon.classes):
        for entry in lexicon.classes[name]:
            if " " not in entry:
                found.setdefault(entry, "#" + name)
    return found


def features(text: str, classes: dict[str, str]) -> set[str]:
    """The features of a normalized text (see the module's docstring; `feature_spans` finds
    the same ones with where they are, more slowly)."""
    tokens = TOKEN.findall(text)
    if not tokens:
        return set()
    kinds = [classes.get(token, token) for token in tokens]
    found = set(tokens)
    found.add("<s> " + kinds[0])
    found.update([a + " " + b for a, b in zip(tokens, tokens[1:], strict=False)])
    if kinds != tokens:  # only where a word has a class is there more to add
        found.update(kinds)
        found.update([
            a + " " + b for a, b, c, d in zip(kinds, kinds[1:], tokens, tokens[1:], strict=False)
            if a is not c or b is not d
        ])  # fmt: skip
    return found


def context_features(context: str, classes: dict[str, str]) -> set[str]:
    """The marks of the normalized message a reply answers: that there is one ('ctx:'), that
    it asks ('ctx:?'), that it names a feeling ('ctx:#feeling'), that it asks to talk
    ('ctx:talk': "not tonight" after "can we talk?" shuts a talk down, after "is the match on
    tonight?" it does not); none for a text without tokens. (Its every word class and its
    first token did as well on unseen text, but could move a flag three times as far, so the
    chat report could remember far fewer readings.)"""
    tokens = TOKEN.findall(context)
    if not tokens:
        return set()
    found = {CONTEXT}
    if "?" in tokens:
        found.add(CONTEXT + "?")
    if any(classes.get(token) in FEELING_CLASSES for token in tokens):
        found.add(CONTEXT + "#feeling")
    if not TALK_WORDS.isdisjoint(tokens):
        found.add(CONTEXT + "talk")
    return found


Key = str | tuple[str, str]  # a token or class, or a pair of them (as `key` writes a name)


def feature_keys(text: str, classes: dict[str, str]) -> set[Key]:
    """`features` as the model looks them up: pairs as tuples, which cost no new string."""
    tokens = TOKEN.findall(text)
    if not tokens:
        return set()
    kinds = [classes.get(token, token) for token in tokens]
    found: set[Key] = set(tokens)
    found.add(("<s>", kinds[0]))
    found.update(zip(tokens, tokens[1:], strict=False))
    if kinds != tokens:  # only where a word has a class is there more to add
        found.update(kinds)
        found.update(zip(kinds, kinds[1:], strict=False))
    return found


def key(name: str) -> Key:
    """The lookup key of a feature's name ('you never' -> ('you', 'never'))."""
    first, space, second = name.partition(" ")
    return (first, second) if space else name


def feature_spans(text: str, classes: dict[str, str]) -> dict[str, tuple[int, int]]:
    """Each feature of `text` with the span of its first occurrence (for the evidence)."""
    found = list(TOKEN.finditer(text))
    spans: dict[str, tuple[int, int]] = {}
    if not found:
        return spans
    tokens = [match.group() for match in found]
    kinds = [classes.get(token, token) for token in tokens]

    def add(feature: str, first: int, last: int) -> None:
        spans.setdefault(feature, (found[first].start(), found[last].end()))

    add("<s> " + kinds[0], 0, 0)
    for index, token in enumerate(tokens):
        add(token, index, index)
        add(kinds[index], index, index)
        if index:
            add(tokens[index - 1] + " " + token, index - 1, index)
            add(kinds[index - 1] + " " + kinds[index], index - 1, index)
    return spans
