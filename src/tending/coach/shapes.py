"""Characters a text must (or must not) hold for an expression to match: gates read from the
parsed expression, checked before a search (`heads.gate` joins them with the head gates).

- `needed_marks`: the punctuation every match holds, in order (`(?<![a-z])'(?:busy|...)'`
  needs two `'`; `(?<=[.!?,])\\s*...\\?` a mark of `.!?,` and after it a `?`). The walk reads
  the expression's items in order: a mark (a literal, or a class of marks only) is needed
  where it is not optional; a group or a repeat of at least one turn adds what its body needs;
  a branch adds one class, the first mark each of its ways needs, where every way needs one;
  a lookbehind first in the expression adds what it needs (those marks come before the match).
  Anything else adds nothing: the gate only ever asks for less than a match holds.
  `in_order` checks a text.
- `needed_text`: the longest run of literal characters every match reads (`i(?<=\\bi)s now
  good` reads "is now good": a lookaround or `\\b` between them reads nothing; `x+` reads "x"
  and may read more, so it ends the run), when it is of two characters or more: `text` then
  holds it. The message's words are checked apart (each in a set), not their order: "it is
  not my fault, my job is done" holds the words of "not my job", not the run.
- `barred_marks`: for an expression anchored at both ends (`^...$`: a match is the whole text,
  but for a last "\\n"), the marks none of its items can read (`[^.!?]*$` after words and
  spaces bars ".!?"); a text holding one cannot match. `holds_none` checks a text.
"""

from __future__ import annotations

import string
from re import _constants as sre  # type: ignore[attr-defined]
from typing import Any

MARKS = frozenset(string.punctuation)  # the characters these gates ask about
TOKEN = frozenset("abcdefghijklmnopqrstuvwxyz_")
MOST = 4  # the most marks `needed_marks` asks for (each costs a scan of the text)
ENDS = (sre.AT_END, sre.AT_END_STRING)
NOT_LETTERS = (sre.CATEGORY_SPACE, sre.CATEGORY_DIGIT, sre.CATEGORY_NOT_WORD)
STARTS = (sre.AT_BEGINNING, sre.AT_BEGINNING_STRING)


class Unread(Exception):
    """An item `barred_marks` cannot read (no gate)."""


def in_order(text: str, needed: tuple[str, ...]) -> bool:
    """Does `text` hold a character of each of `needed`, in that order?"""
    at, end = 0, len(text)
    for chars in needed:
        while at < end and text[at] not in chars:
            at += 1
        if at == end:
            return False
        at += 1
    return True


def holds_none(text: str, barred: str) -> bool:
    """Does `text` hold none of the characters of `barred`?"""
    for char in barred:  # noqa: SIM110 - (a loop: `all` over a generator costs more)
        if char in text:
            return False
    return True


def needed_marks(items: list[Any]) -> tuple[str, ...] | None:
    """The classes of marks (each a str of its marks) a match of `items` holds a character of,
    in order; None for none."""
    found: list[frozenset[str]] = []
    if items and items[0][0] is sre.ASSERT and items[0][1][0] == -1:
        found += _needed(list(items[0][1][1]))  # a lookbehind: before the match, in order
        items = items[1:]
    found += _needed(items)
    found = found[:MOST]
    return tuple("".join(sorted(chars)) for chars in found) or None


def _needed(items: list[Any]) -> list[frozenset[str]]:
    """The classes of marks a match of `items` reads a character of, in order."""
    found: list[frozenset[str]] = []
    for op, av in items:
        if op is sre.SUBPATTERN:
            found += _needed(list(av[3]))
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            if av[0] >= 1:
                found += _needed(list(av[2]))
        elif op is sre.BRANCH:
            firsts = [_needed(list(branch))[:1] for branch in av[1]]
            if all(firsts):
                found.append(frozenset().union(*[first[0] for first in firsts]))
        elif op is sre.ATOMIC_GROUP:
            found += _needed(list(av))
        else:
            chars = _marks(op, av)
            if chars:
                found.append(chars)
    return found


def _marks(op: Any, av: Any) -> frozenset[str] | None:
    """The characters of a one-character item when they are all marks (else None)."""
    chars = one_char_item(op, av)
    return chars if chars is not None and chars <= MARKS else None


def one_char_item(op: Any, av: Any) -> frozenset[str] | None:
    """The characters a one-character item stands for (None: not one, or too many)."""
    if op is sre.LITERAL:
        return frozenset({chr(av)})
    if op is not sre.IN:
        return None
    chars: set[str] = set()
    for kind, value in av:
        if kind is sre.LITERAL:
            chars.add(chr(value))
        elif kind is sre.RANGE and value[1] - value[0] < 32:
            chars.update(map(chr, range(value[0], value[1] + 1)))
        elif kind is sre.CATEGORY and value in NOT_LETTERS:
            chars.add(" ")  # (stands for them all: none of them is a letter)
        else:
            return None
    return frozenset(chars)


def needed_text(items: list[Any]) -> str | None:
    """The longest run of characters every match of `items` reads in a row that the check of
    the message's words does not stand for: one that holds a character outside `[a-z_]` (a
    space, a mark) or ends in a word that a repeat goes on (`x(?<=\\bx)x+`: "xx"); None
    where there is none of two characters or more."""
    runs: list[tuple[str, bool]] = []
    last = _runs(items, runs, "")
    kept = [
        run for run, going in [*runs, (last, False)]
        if not set(run.strip()) <= TOKEN or (going and run[-1:] in TOKEN)
    ]  # fmt: skip
    longest = max(kept, key=len, default="")
    return longest if len(longest) >= 2 else None


def _runs(items: list[Any], runs: list[tuple[str, bool]], run: str) -> str:
    """Add to `runs` the runs of literal characters that `items` ends (each with whether a
    repeat goes on from it), going on from `run`; the run still open after them."""
    for op, av in items:
        if op is sre.LITERAL:
            run += chr(av)
        elif op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            continue  # (reads nothing: the run goes on)
        elif op is sre.SUBPATTERN and not (av[1] or av[2]):
            run = _runs(list(av[3]), runs, run)
        else:
            going = op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and av[0] >= 1
            if going:
                run = _runs(list(av[2]), runs, run)  # (once; what follows may be more of it)
            runs.append((run, going))
            run = ""
    return run


def barred_marks(items: list[Any]) -> str | None:
    """For `items` anchored at both ends (`^` first, `$` last, no multiline flag): the marks
    none of its items can read, so a text it matches holds none of them; otherwise None."""
    while items and items[0] == (sre.AT, sre.AT_BOUNDARY):
        items = items[1:]  # (`\b^`)
    if len(items) < 2 or items[0][0] is not sre.AT or items[0][1] not in STARTS:
        return None
    if items[-1][0] is not sre.AT or items[-1][1] not in ENDS:
        return None
    try:
        read = _readable(items)
    except Unread:
        return None
    barred = "".join(sorted(MARKS - read))
    return barred or None


def _readable(items: list[Any]) -> frozenset[str]:
    """The marks some item of `items` may read (raises Unread for an item it cannot tell)."""
    read: set[str] = set()
    for op, av in items:
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            continue  # (reads nothing)
        if op is sre.SUBPATTERN:
            read |= _readable(list(av[3]))
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            read |= _readable(list(av[2]))
        elif op is sre.ATOMIC_GROUP:
            read |= _readable(list(av))
        elif op is sre.BRANCH:
            for branch in av[1]:
                read |= _readable(list(branch))
        else:
            read |= _one(op, av)
    return frozenset(read)


def _one(op: Any, av: Any) -> frozenset[str]:
    """The marks a one-character item may read."""
    if op is sre.LITERAL:
        return frozenset({chr(av)}) & MARKS
    if op is sre.NOT_LITERAL:
        return MARKS - {chr(av)}
    if op is sre.ANY:
        return MARKS
    if op is not sre.IN:
        raise Unread
    read: set[str] = set()
    negated = False
    for kind, value in av:
        if kind is sre.NEGATE:
            negated = True
        elif kind is sre.LITERAL:
            read.add(chr(value))
        elif kind is sre.RANGE:
            read.update(m for m in MARKS if value[0] <= ord(m) <= value[1])
        elif kind is sre.CATEGORY and value in CATEGORY_MARKS:
            read |= CATEGORY_MARKS[value]
        else:
            raise Unread
    return frozenset(MARKS - read if negated else read & MARKS)


# the marks of the categories read here (`\w` holds `_`, `\W` every other mark)
CATEGORY_MARKS = {
    sre.CATEGORY_DIGIT: frozenset(), sre.CATEGORY_SPACE: frozenset(),
    sre.CATEGORY_WORD: frozenset("_"), sre.CATEGORY_NOT_WORD: MARKS - {"_"},
    sre.CATEGORY_NOT_DIGIT: MARKS, sre.CATEGORY_NOT_SPACE: MARKS,
}  # fmt: skip
