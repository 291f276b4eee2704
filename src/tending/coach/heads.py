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

`gate` adds the gates of `shapes.py` (punctuation a match holds in order, punctuation a
whole-text match cannot hold, a run of characters it reads): a head gate and those are then
all checked (`ALL`). Where an
expression starts with a branch (`(?:,|^) ?...`) that no gate above reads, each way of the
branch with the rest of the expression is read on its own (`_branch_gate`): when every way
has a gate, a text must pass one of them (`ANY`). A way anchored at the text's start whose
first words cannot all be told gives the words told and the open prefixes of the others
(`open_heads.open_prefixes`: `OPEN`).
"""

from __future__ import annotations

from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

from tending.coach.literals import TOKEN_CHARS
from tending.coach.shapes import (
    barred_marks,
    holds_none,
    in_order,
    needed_marks,
    needed_text,
    one_char_item,
)

LIMIT = 4096  # the most first words (or partial spellings) a gate may hold
UNROLL = 8  # a repeat is followed round at most this many times (it must settle by then)
ZERO_WIDTH = (sre.ASSERT, sre.ASSERT_NOT)  # (a lookahead is read: `_lookahead`)
MARKS = frozenset(".!?;,")  # the marks `follow_words` reads a class of
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


# a gate: the first words a text may start with; (marks, the words one of which follows one of
# them: `follows`); or a tuple whose first item is one of the kinds below
Head = frozenset[str] | tuple[Any, ...] | None
NEEDS = 1  # (NEEDS, classes): a character of each class, in order (`shapes.in_order`)
BARS = 2  # (BARS, marks): none of these characters (`shapes.holds_none`)
ALL = 3  # (ALL, gate, gate...): every one of the gates
ANY = 4  # (ANY, gate, gate...): one of the gates
OPEN = 5  # (OPEN, words, length, prefixes): the first word is one, or starts with a prefix
HOLDS = 6  # (HOLDS, run): the text holds this run of characters (`shapes.needed_text`)


def gate(source: str) -> Head:
    """What a text must hold for `source` to match: the first words it may start with
    (`head_words`, checked with `first_word`; or words and open prefixes, `OPEN`), or marks
    and the words that may follow them (`follow_words`, checked with `follows`), or the gates
    of a leading branch's ways (`_branch_gate`), and the marks it needs in order or cannot
    hold (`shapes`); None: nothing is checked."""
    items = _parsed(source)
    if items is None:
        return None
    head = _head_of(items)
    if head is None:
        head = _branch_gate(items)
    return _joined(head, items)


def _head_of(items: list[Any]) -> Head:
    """The first words of `items` anchored at the start (told, or with open prefixes), or the
    words that follow the marks it starts with; None where neither applies."""
    head: Head = _anchored(items)
    if head is None:
        head = _following(items)
    if head is None:
        from tending.coach.open_heads import open_prefixes_of  # (planning only: it imports us)

        told = open_prefixes_of(items)
        if told is not None:
            head = (OPEN, *told)
    return head


def _joined(head: Head, items: list[Any]) -> Head:
    """`head` and the gates of `shapes` for `items`, all to be passed."""
    gates = [] if head is None else [head]
    barred = barred_marks(items)
    if barred is not None:
        gates.append((BARS, barred))
    needed = needed_marks(items)
    if needed is not None and not (
        isinstance(head, tuple) and isinstance(head[0], str)
        and len(needed) == 1 and set(needed[0]) <= set(head[0])
    ):  # (a mark that `follows` asks for already)  # fmt: skip
        gates.append((NEEDS, needed))
    run = needed_text(items)
    if run is not None:
        gates.append((HOLDS, run))
    if len(gates) < 2:
        return gates[0] if gates else None
    return (ALL, *gates)


def _branch_gate(items: list[Any]) -> Head:
    """For `items` that start with a branch (maybe in a group): one of the gates of its ways,
    each read with the items after the branch; None unless every way has one."""
    first, rest = items[0], items[1:]
    if first[0] is sre.SUBPATTERN and not (first[1][1] or first[1][2]) and len(first[1][3]) == 1:
        first = first[1][3][0]  # (a group that only holds the branch)
    if first[0] is not sre.BRANCH:
        return None
    ways: list[Head] = []
    for branch in first[1][1]:
        way = [*branch, *rest]
        found = _joined(_head_of(way), way)
        if found is None:
            return None
        if found not in ways:
            ways.append(found)
    return ways[0] if len(ways) == 1 else (ANY, *ways)


def passes(head: Head, text: str, first: str) -> bool:
    """Does `text` (whose first word is `first`) hold what the gate `head` asks for?"""
    if head is None:
        return True
    if isinstance(head, frozenset):
        return first in head
    kind = head[0]
    if isinstance(kind, str):
        return follows(text, kind, head[1])
    if kind == NEEDS:
        return in_order(text, head[1])
    if kind == BARS:
        return holds_none(text, head[1])
    if kind == HOLDS:
        return head[1] in text
    if kind == ALL:
        return all(passes(one, text, first) for one in head[1:])
    if kind == ANY:
        return any(passes(one, text, first) for one in head[1:])
    return first in head[1] or first[: head[2]] in head[3]  # OPEN


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
    return None if body is None else _anchored(body)


def _anchored(body: list[Any]) -> frozenset[str] | None:
    """`head_words` over the parsed items `body`."""
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
    return None if body is None else _following(body)


def _following(body: list[Any]) -> tuple[str, frozenset[str]] | None:
    """`follow_words` over the parsed items `body` (the mark may be a literal here)."""
    if len(body) < 3 or not _spaces(*body[1]):
        return None
    op, av = body[0]
    if op is sre.ASSERT and av[0] == -1 and len(av[1]) == 1:  # (?<=[...])
        op, av = av[1][0]
    if op is sre.LITERAL:
        op, av = sre.IN, [(op, av)]
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
    """Is the item `\\s*`, a space or ` ?` (after the marks: the word then comes after them,
    and `follows` skips every space there)?"""
    if op is sre.LITERAL:
        return bool(av == ord(" "))
    return op is sre.MAX_REPEAT and av[0] == 0 and (
        (av[1] == sre.MAXREPEAT and list(av[2]) == [(sre.IN, [(sre.CATEGORY, sre.CATEGORY_SPACE)])])
        or (av[1] == 1 and list(av[2]) == [(sre.LITERAL, ord(" "))])
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
    chars = one_char_item(op, av)
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
