"""First words of an anchored expression where `heads.head_words` cannot tell them all.

`heads.head_words` gives up on a whole expression at the first thing it cannot follow (a
repeated letter, "aw+"; a word the expression may leave unfinished, "meh" with no `\\b` after;
a repeat that spells too many words, "(?:no|nope)[ ,]*){1,4}"). The patterns that read replies
(`replies.py`) are mostly anchored at the text's start and have such parts, so their searches
went ungated. Here the same walk goes on around what it cannot follow: where it cannot follow a
part, the partial words spelled up to there become open prefixes (a first word that starts with
one may match; everything after only adds letters or ends the word), and the walk carries on
with the other branches. A text passes when its first word is one of the words told, or starts
with one of the prefixes; with "" among the prefixes there is no gate (None). The prefixes are
cut to the length of the shortest (a shorter prefix lets more by: still sound), so one slice
and one look-up check them all.
"""

from __future__ import annotations

from re import _constants as sre  # type: ignore[attr-defined]
from typing import Any

from tending.coach.heads import UNROLL, Unknown, _item, _parsed, head_words

# the most first words, partial words and prefixes followed at once: past it, a repeat's
# partial words become prefixes (`heads.LIMIT`, 4096, made a repeat that spells words
# together, "(?:no|nope)[ ,]*){1,4}", cost 130 ms to follow)
LIMIT = 1024

# the first words told, and the prefixes one of which any other first word starts with: their
# length and themselves
OpenHead = tuple[frozenset[str], int, frozenset[str]]


def open_head(source: str) -> OpenHead | None:
    """The first words (and open prefixes) of a text `source` matches, for `source` anchored
    at the text's start; None where they cannot be told or allow any first word."""
    told = head_words(source)
    return (told, 0, frozenset()) if told is not None else open_prefixes(source)


def open_prefixes(source: str) -> OpenHead | None:
    """`open_head` where `heads.head_words` is known to give None (it is not asked again)."""
    # (an expression not anchored is not parsed: one that reads replies is 3 kB long)
    anchored = source.lstrip("\\b").startswith("^")
    body = _parsed(source) if anchored else None
    return None if body is None else open_prefixes_of(body)


def open_prefixes_of(body: list[Any]) -> OpenHead | None:
    """`open_prefixes` over the parsed items `body`."""
    while body and body[0] == (sre.AT, sre.AT_BOUNDARY):
        body = body[1:]
    if not body or body[0] != (sre.AT, sre.AT_BEGINNING):
        return None
    prefixes: set[str] = set()
    try:
        spelling, done = _walk(body[1:], frozenset({""}), prefixes)
    except Unknown:
        return None
    prefixes |= spelling  # the expression can end inside these words
    if "" in prefixes:
        return None
    length = min(map(len, prefixes), default=0)
    return done, length, frozenset(prefix[:length] for prefix in prefixes)


def passes(head: OpenHead, first: str) -> bool:
    """May a text whose first word is `first` match (`open_head`'s answer `head`)?"""
    words, length, prefixes = head
    return first in words or first[:length] in prefixes


def _walk(
    items: list[Any], spelling: frozenset[str], prefixes: set[str]
) -> tuple[frozenset[str], frozenset[str]]:
    """`heads._walk`, adding to `prefixes` the partial words where it cannot follow on."""
    done: set[str] = set()
    for op, av in items:
        if not spelling:
            break
        spelling, ended = _item_open(op, av, spelling, prefixes)
        done |= ended
        if len(spelling) + len(done) > LIMIT:
            raise Unknown
    return spelling, frozenset(done)


def _item_open(
    op: Any, av: Any, spelling: frozenset[str], prefixes: set[str]
) -> tuple[frozenset[str], frozenset[str]]:
    """One item: a group, branch or repeat followed part by part (so what cannot be followed
    in one part leaves prefixes, not the whole), anything else as `heads._item` follows it;
    what it cannot follow leaves the partial words as prefixes."""
    if op is sre.SUBPATTERN and not (av[1] or av[2]):
        return _walk(list(av[3]), spelling, prefixes)
    if op is sre.BRANCH:
        going: set[str] = set()
        done: set[str] = set()
        for branch in av[1]:
            found, ended = _walk(list(branch), spelling, prefixes)
            going |= found
            done |= ended
        return frozenset(going), frozenset(done)
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
        return _repeat(av, spelling, prefixes)
    try:
        return _item(op, av, spelling)
    except Unknown:
        prefixes |= spelling  # (anything after only adds letters to these, or ends them)
        return frozenset(), frozenset()


def _repeat(
    av: Any, spelling: frozenset[str], prefixes: set[str]
) -> tuple[frozenset[str], frozenset[str]]:
    """`heads._repeat`; where the partial words do not settle, or the turn cannot be followed,
    the partial words before that turn become open prefixes."""
    low, high, body = av
    body = list(body)
    going: set[str] = set(spelling) if low == 0 else set()
    done: set[str] = set()
    current = spelling
    for turn in range(1, UNROLL + 1):
        before = current
        try:
            current, ended = _walk(body, current, prefixes)
        except Unknown:
            prefixes |= before  # every later word starts with one of these
            return frozenset(going), frozenset(done)
        done |= ended
        if turn >= low:
            if current <= going:
                return frozenset(going), frozenset(done)
            going |= current
        if turn == high or not current:
            return frozenset(going), frozenset(done)
    prefixes |= current
    return frozenset(going), frozenset(done)
