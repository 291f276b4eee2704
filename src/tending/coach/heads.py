"""What a text must hold for an expression to match it: a gate checked before a search.

About half the rule engine's searches are of alternatives anchored at the text's start (`^`,
then optional openers such as "honestly, " and the body), and they almost never match. Such an
alternative can only match a text whose first word (its leading run of `[a-z_]`, maybe empty:
`first_word`) is one of a few, read here from the parsed expression: `head_words` walks the
expression from its start, spelling the first word out one character at a time, until a
character outside `[a-z_]`, a `\\b` or a `$` ends it. Where it cannot tell (a class or repeat
of letters, a flag, `^` not first, too many spellings) it answers None and the alternative is
searched as before: the gate never turns away a text the expression matches.

The same walk reads an alternative that starts with punctuation marks and spaces (`[.!?;,]\\s*`,
or a lookbehind for them, `(?<=[.!?;,])\\s*`, then words, rarely matched either):
`follow_words` gives the words that can come right after a mark, and `follows` looks for one
of them after a mark of the text. `gate` picks the one that applies, `passes` checks it
(`_engine.c` does the same in C).
"""

from __future__ import annotations

from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

from tending.coach.literals import TOKEN_CHARS

LIMIT = 4096  # the most first words (or partial spellings) a gate may hold
UNROLL = 8  # a repeat is followed round at most this many times (it must settle by then)
ZERO_WIDTH = (sre.ASSERT, sre.ASSERT_NOT)  # (a lookahead is read: `_lookahead`)
MARKS = frozenset(".!?;,")  # the marks `follow_words` reads a class of
NOT_LETTERS = (sre.CATEGORY_SPACE, sre.CATEGORY_DIGIT, sre.CATEGORY_NOT_WORD)
ENDS = (sre.AT_BOUNDARY, sre.AT_END, sre.AT_END_STRING)  # after a letter: the word ends


class Unknown(Exception):
    """The expression's first word cannot be told (no gate)."""


def first_word(text: str) -> str:
    """The text's leading run of `[a-z_]` ("" if it starts with anything else)."""
    end = 0
    for char in text:
        if char not in TOKEN_CHARS:
            break
        end += 1
    return text[:end]


Head = frozenset[str] | tuple[str, frozenset[str]] | None


def gate(source: str) -> Head:
    """What a text must hold for `source` to match: the first words it may start with
    (`head_words`, checked with `first_word`), or marks and the words that may follow them
    (`follow_words`, checked with `follows`); None: nothing is checked."""
    head = head_words(source)
    return head if head is not None else follow_words(source)


def passes(head: Head, text: str, first: str) -> bool:
    """Does `text` (whose first word is `first`) hold what the gate `head` asks for?"""
    if head is None:
        return True
    if isinstance(head, tuple):
        return follows(text, *head)
    return first in head


def _parsed(source: str) -> list[Any] | None:
    """The items of `source` as `re` parses them; None when it cannot, or when the multiline
    or ignore-case flag is set (a gate would then have to allow more than it knows)."""
    try:
        parsed = sre_parse.parse(source)
    except Exception:  # noqa: BLE001 - an expression `re` cannot read: no gate
        return None
    if parsed.state.flags & (sre.SRE_FLAG_MULTILINE | sre.SRE_FLAG_IGNORECASE):
        return None
    return list(parsed)


def head_words(source: str) -> frozenset[str] | None:
    """The first words a text matched by `source` can have, when `source` starts with `^`
    (or `\\b^`; without the multiline flag) and they can be told; otherwise None."""
    body = _parsed(source) if source.startswith(("^", "\\b")) else None
    while body and body[0] == (sre.AT, sre.AT_BOUNDARY):
        body = body[1:]  # (`\b^`: a check before the start the gate does without)
    if not body or body[0] != (sre.AT, sre.AT_BEGINNING):
        return None
    try:
        spelling, done = _walk(body[1:], frozenset({""}))
    except Unknown:
        return None
    if spelling:
        return None  # the expression can end before its first word does
    return done


def follow_words(source: str) -> tuple[str, frozenset[str]] | None:
    """For `source` that starts with a class of punctuation marks, or a lookbehind for one,
    and `\\s*` (`[.!?;,]\\s*` or `(?<=[.!?;,])\\s*`, and then words): the marks, and the
    words that can come right after one of them and its spaces where `source` matches
    (`follows`); otherwise None."""
    body = _parsed(source) if source.startswith(("[", "(?<=[")) else None
    if body is None or len(body) < 3 or not _spaces(*body[1]):
        return None
    op, av = body[0]
    if op is sre.ASSERT and av[0] == -1 and len(av[1]) == 1:  # (?<=[...])
        op, av = av[1][0]
    if op is not sre.IN:
        return None
    marks = "".join(chr(value) for kind, value in av if kind is sre.LITERAL)
    if len(marks) != len(av) or not set(marks) <= MARKS:
        return None
    try:
        spelling, done = _walk(body[2:], frozenset({""}))
    except Unknown:
        return None
    if spelling or "" in done:
        return None  # it may end inside a word, or the word may not come right after
    return marks, done


def _spaces(op: Any, av: Any) -> bool:
    """Is the item `\\s*` or a space (after the marks: the word then comes after them)?"""
    if op is sre.LITERAL:
        return bool(av == ord(" "))
    return (
        op is sre.MAX_REPEAT and av[0] == 0 and av[1] == sre.MAXREPEAT
        and list(av[2]) == [(sre.IN, [(sre.CATEGORY, sre.CATEGORY_SPACE)])]
    )  # fmt: skip


def follows(text: str, marks: str, words: frozenset[str]) -> bool:
    """Is one of `words` the whole word right after one of `marks` and its spaces in `text`?"""
    end = len(text)
    for at, char in enumerate(text):
        if char in marks:
            start = at + 1
            while start < end and text[start].isspace():
                start += 1
            stop = start
            while stop < end and text[stop] in TOKEN_CHARS:
                stop += 1
            if stop > start and text[start:stop] in words:
                return True
    return False


def _walk(items: list[Any], spelling: frozenset[str]) -> tuple[frozenset[str], frozenset[str]]:
    """Follow `items` from each partial first word in `spelling`: (the partial words still
    being spelled after them, the first words ended within them). Raises Unknown."""
    done: set[str] = set()
    for op, av in items:
        if not spelling:
            break
        spelling, ended = _item(op, av, spelling)
        done |= ended
        if len(spelling) + len(done) > LIMIT:
            raise Unknown
    return spelling, frozenset(done)


def _chars(op: Any, av: Any) -> frozenset[str] | None:
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


def _item(op: Any, av: Any, spelling: frozenset[str]) -> tuple[frozenset[str], frozenset[str]]:
    if op is sre.ASSERT and av[0] == 1:
        return _lookahead(list(av[1]), spelling)
    if op in ZERO_WIDTH:
        return spelling, frozenset()  # (a check the gate does without: it only lets more by)
    if op is sre.AT:
        if av is sre.AT_BEGINNING:  # (no multiline flag): holds only where nothing was read
            return frozenset(spelling & {""}), frozenset()
        if av in ENDS:
            if av is sre.AT_BOUNDARY and "" in spelling:
                # at the very start `\b` says a word character comes: no word ends there
                return frozenset({""}), frozenset(spelling - {""})
            return frozenset(), spelling
        raise Unknown
    if op is sre.SUBPATTERN:
        if av[1] or av[2]:  # flags set or removed inside the group
            raise Unknown
        return _walk(list(av[3]), spelling)
    if op is sre.BRANCH:
        going: set[str] = set()
        done: set[str] = set()
        for branch in av[1]:
            found, ended = _walk(list(branch), spelling)
            going |= found
            done |= ended
        return frozenset(going), frozenset(done)
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
        return _repeat(av, spelling)
    chars = _chars(op, av)
    if chars is None:
        raise Unknown
    letters = chars & TOKEN_CHARS
    spelled = frozenset(word + char for word in spelling for char in letters)
    return spelled, (spelling if chars - TOKEN_CHARS else frozenset())


def _repeat(av: Any, spelling: frozenset[str]) -> tuple[frozenset[str], frozenset[str]]:
    """A repeat followed round until the partial words it leaves settle."""
    low, high, body = av
    body = list(body)
    going: set[str] = set(spelling) if low == 0 else set()
    done: set[str] = set()
    current = spelling
    for turn in range(1, UNROLL + 1):
        current, ended = _walk(body, current)
        done |= ended
        if turn >= low:
            if current <= going:
                return frozenset(going), frozenset(done)
            going |= current
        if turn == high or not current:
            return frozenset(going), frozenset(done)
    raise Unknown


def _lookahead(body: list[Any], spelling: frozenset[str]) -> tuple[frozenset[str], frozenset[str]]:
    """A lookahead: where, for a partial word, every way through it ends the word, the word is
    one of those it ends with; otherwise it is not used (a check the gate does without)."""
    going: set[str] = set()
    done: set[str] = set()
    for word in spelling:
        try:
            still, ended = _walk(body, frozenset({word}))
        except Unknown:
            still, ended = frozenset({word}), frozenset()
        if still:
            going.add(word)
        else:
            done |= ended
    return frozenset(going), frozenset(done)
