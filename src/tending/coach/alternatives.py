"""Cutting a regular expression into alternatives that, tried in order, answer as it does.

The rule engine gates and searches each top-level alternative of a pattern on its own
(`split_alternatives`: `A|B`, and `P(?:A|B)S` as `PAS|PBS` where P matches one way only), and
writes a leading `\\b` after the letter it guards so Python's `re` can scan for that letter
(`fast_start`). Both read the expression's text with a small walk over its unescaped characters
outside classes (`_syntax`); what it cannot be sure of it leaves whole.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

COPIED = 4000  # most characters of prefix and suffix that cutting one group may copy (a
# leading `(?:^|[.!?;,]\s*|\b(?:hey|so)\s+)` before a long body is worth cutting: each start then
# has its own word gate, and `^...` is tried at one position only)
QUANTIFIER = re.compile(r"[?*+]|\{\d*(?:,\d*)?\}")
PLAIN_RUN = re.compile(r"[^\\\[\]()|.^$*+?{}]+")  # characters that stand for themselves
# an escape, a character class (as `_class_end` reads one, to the end if never closed), or a
# character that opens or closes a group or parts alternatives
SYNTAX = re.compile(r"\\[\s\S]?|\[\^?\]?(?:\\[\s\S]?|[^\]\\])*\]?|([()|])")


def split_alternatives(source: str, limit: int = 400) -> list[str]:
    """`source` as a list of alternatives that, tried in order, answer as `source` does.

    `A|B` is cut at its top-level `|`; `P(?:A|B)S`, where P holds only items that match one way
    (characters, classes, escapes, anchors, look-arounds), becomes `PAS|PBS`: at each position
    Python's `re` tries A then B with S after each, so the first alternative that matches at
    the leftmost position gives the same span. At most `limit` alternatives come out.
    """
    pieces = _split(source)
    if pieces is None:
        return [source]
    done: list[str] = []
    waiting = pieces[::-1]
    while waiting:
        piece = waiting.pop()
        cut = _distribute(piece)
        if cut is None or len(done) + len(waiting) + len(cut) > limit:
            done.append(piece)
        else:
            waiting.extend(cut[::-1])
    return done


def _distribute(piece: str) -> list[str] | None:
    """`P(?:A|B)S` as [`PAS`, `PBS`] (None: `piece` has no such group after a fixed start)."""
    while True:
        parts = items(piece)
        if parts is None:
            return None
        for start, end, kind in parts:
            if kind in ("fixed", "look"):
                continue
            if kind == "group":  # (?:abc) without | or quantifier is just abc
                piece = piece[:start] + piece[start + 3 : end - 1] + piece[end:]
                break
            if kind == "alternation":
                branches = _split(piece[start + 3 : end - 1])
                if branches is None or (len(piece) - (end - start)) * len(branches) > COPIED:
                    return None
                return [piece[:start] + branch + piece[end:] for branch in branches]
            return None
        else:
            return None


def items(source: str) -> list[tuple[int, int, str]] | None:
    """Top-level items of one alternative: (start, end, kind); None where unsure."""
    out = []
    index = 0
    length = len(source)
    while index < length:
        start = index
        char = source[index]
        kind = "fixed"
        run = PLAIN_RUN.match(source, index)
        if run is not None and run.end() - index > 1:
            # plain characters in a row: one item (the last stays apart, a quantifier may
            # follow it), where one item each took a pass of this loop each
            out.append((start, run.end() - 1, kind))
            start = index = run.end() - 1
            char = source[index]
        if char == "\\":
            following = source[index + 1 : index + 2]
            if not following or following.isdigit() or following in "xuUNg":
                return None
            index += 2
        elif char == "[":
            index = _class_end(source, index)
        elif char == "(":
            close = _group_end(source, index)
            if close is None:
                return None
            if source.startswith(("(?=", "(?!", "(?<=", "(?<!"), index):
                kind = "look"
            elif source.startswith("(?:", index):
                inner = _split(source[index + 3 : close])
                kind = "alternation" if inner is not None and len(inner) > 1 else "group"
            else:
                kind = "other"
            index = close + 1
        elif char in "|)":
            return None
        else:
            index += 1
        found = QUANTIFIER.match(source, index)
        if found:
            kind = "other"
            index = found.end()
            if source[index : index + 1] in ("?", "+"):
                index += 1
        out.append((start, index, kind))
    return out


def _class_end(source: str, index: int) -> int:
    index += 1
    length = len(source)
    if index < length and source[index] == "^":
        index += 1
    if index < length and source[index] == "]":
        index += 1
    while index < length and source[index] != "]":
        index += 2 if source[index] == "\\" else 1
    return index + 1


def _syntax(source: str, index: int = 0) -> Iterator[tuple[int, str]]:
    """(position, character) of each `(`, `)` and `|` from `index` on that is not escaped and
    not inside a character class: where groups open and close and alternatives part. (One
    regular expression skips escapes and classes as `_class_end` reads them; a walk in Python
    took a step per character.)"""
    for found in SYNTAX.finditer(source, index):
        char = found.group(1)
        if char is not None:
            yield found.start(), char


def _group_end(source: str, index: int) -> int | None:
    """Index of the `)` closing the group opened at `index`."""
    depth = 0
    for found in SYNTAX.finditer(source, index):  # (`_syntax`, without a generator between)
        char = found.group(1)
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return found.start()
    return None


def _scan(source: str) -> list[tuple[int, int]] | None:
    """(position, depth) of each top-level-relevant character; None if the source is odd."""
    marks = []
    depth = 0
    for position, char in _syntax(source):
        if char == "(":
            if source.startswith("(?#", position):
                return None
            depth += 1
            marks.append((position, depth))
        elif char == ")":
            marks.append((position, depth))
            depth -= 1
        elif char == "|":
            marks.append((position, depth))
    return marks if depth == 0 else None


def _split(source: str) -> list[str] | None:
    if source.startswith("(?") and source[2:3].isalpha():  # global inline flags: leave whole
        return None
    marks = _scan(source)
    if marks is None:
        return None
    cuts = [index for index, depth in marks if depth == 0 and source[index] == "|"]
    starts = [0] + [cut + 1 for cut in cuts]
    ends = cuts + [len(source)]
    return [source[start:end] for start, end in zip(starts, ends, strict=True)]


OPENERS = "[ ,]+)*"  # what ends a leading loop of openers, `^(?:(?:hey|so|...)[ ,]+)*`


def opener_loop(source: str) -> tuple[str, str] | None:
    """(G, R) where the alternative `source` is `^(?:(?:G)[ ,]+)*R` (a loop of openers, "hey,
    so ..."), else None. A text whose first word is none of G's words passes the loop zero
    times: `^R` then matches it where `source` does (`planning._regex`, `bare`)."""
    if not source.startswith("^(?:(?:") or _split(source) != [source]:
        return None
    outer = _group_end(source, 1)
    inner = _group_end(source, 4)
    if outer is None or inner is None or source[inner + 1 : outer + 2] != OPENERS:
        return None
    return source[7:inner], source[outer + 2 :]


# `\b` then characters that stand for themselves (`lead`), and one of them (an escape: the
# character after the backslash)
LEAD = re.compile(r"\\b((?:[^\\.^$*+?{}\[\]|()]|\\[^0-9A-Za-z])+)")
UNIT = re.compile(r"\\?[\s\S]")


def lead(source: str) -> tuple[str, int] | None:
    """What every match of the alternative `source` starts with, where it starts with `\\b`
    and characters that stand for themselves: (those characters, whole), whole 1 when they
    are the whole expression, 2 when `\\b` alone follows them, else 0 (a quantifier after
    them leaves out the last). None where it starts otherwise, or has a top-level `|`.

    Its first match then starts at the first place the characters stand with a word edge
    before them (`searching.lead_at`): searched from there (`re`'s `pos`: `\\b` and look-
    behinds still see the text before it, `^` never matches there), or, whole, that place is
    the match (a search saved: the C build's `run_planned`)."""
    found = LEAD.match(source)
    if found is None or _split(source) != [source]:
        return None
    units = UNIT.findall(found.group(1))
    rest: str | None = source[found.end() :]
    if source[found.end() : found.end() + 1] in ("?", "*", "+", "{"):  # (the last character
        units.pop()  # repeated: not needed)
        rest = None
    chars = "".join(unit[-1] for unit in units)
    if not chars:
        return None
    return chars, 1 if rest == "" else 2 if rest == "\\b" else 0


# `\b` then one character that stands for itself (a letter, a quote, a comma) or a small class
# (`[.!?]`), not repeated: an item that matches exactly one character
WORD_START = re.compile(r"\\b([^\\.^$*+?{}\[\]|()\s#]|\[\^?[^\]\\\[]+\])(?![*+?{])")


def fast_start(source: str, *, group: bool = False) -> str:
    """`source` with `\\bc...` written `c(?<=\\bc)...` at the start of each top-level alternative.

    The same matches at the same spans (`\\b` before c, an item matching one character, holds
    exactly when c, looked back at from after it, has a word edge before it), but Python's `re`
    can then scan for the letter (or, across alternatives, the set of first letters) instead of
    trying the whole expression at every position of the text: several times faster on a
    message that does not match, which is most of them. c is a plain character (a letter, and
    also `"` or `,`: `\\b"busy"` cost 1.6 µs a search, `"(?<=\\b")busy"` a tenth of it) or a
    small class such as `[.!?]`; or a group of plain words, `\\b(?:hey|so)`, the edge then
    written in each (`_edge_into_group`). An alternative that starts otherwise is left as it is.

    `group`: also group long alternations of plain words by first character
    (`_group_by_first`; for the planned alternatives, searched again and again: a whole pattern
    searched before it is planned is compiled without, as the reading costs the first message
    of a process about 20 ms).
    """
    pieces = _split(source)
    if pieces is None:
        return source
    out = []
    for piece in pieces:
        found = WORD_START.match(piece)
        if found is not None:
            letter = found.group(1)
            piece = f"{letter}(?<=\\b{letter}){piece[found.end():]}"
        else:
            piece = _edge_into_group(piece)
        out.append(piece)
    return _group_by_first("|".join(out)) if group else "|".join(out)


# look-behinds without groups in them, then `\b(?:`, at the start of an alternative
LEAD_GROUP = re.compile(r"((?:\(\?<[=!][^()\\]*\))*)\\b\(\?:")


def _edge_into_group(piece: str) -> str:
    """`\\b(?:hey|so|babe)...` (after any look-behinds L) as `(?:h(?<=L\\bh)ey|s(?<=L\\bs)o|
    b(?<=L\\bb)abe)...`, where every alternative of the group is plain: the same matches (each
    alternative's first character, looked back at from after it, is where `\\b` and L held), but
    `re` can scan for the first characters. Else `piece` as it is."""
    found = LEAD_GROUP.match(piece)
    if found is None:
        return piece
    close = _group_end(piece, found.end() - 3)
    branches = _split(piece[found.end() : close]) if close is not None else None
    if (
        close is None or branches is None or QUANTIFIER.match(piece, close + 1)
        or not all(PLAIN_PIECE.fullmatch(branch) for branch in branches)
    ):  # fmt: skip
        return piece
    looks = found.group(1)
    edged = "|".join(
        f"{first}(?<={looks}\\b{first}){rest}" for first, rest in _by_first(branches)
    )  # fmt: skip
    return f"(?:{edged}){piece[close + 1:]}"


GROUPED = 8  # an alternation of at least this many plain words is grouped by first character
PLAIN_PIECE = re.compile(r"(?:[^\\.^$*+?{}\[\]|()]|\\[^0-9A-Za-z])+")  # stands for itself
FLAGS = re.compile(r"\(\?[a-zA-Z]")  # inline flags (case, verbose): grouping could be unsound


def _group_by_first(source: str) -> str:
    """`source` with each group of many plain alternatives `(?:sad|shy|low|...)` written with
    the alternatives grouped by their first character, each group in its own order:
    `(?:s(?:ad|hy)|low|...)`.

    The same matches at the same spans: two alternatives that start with different characters
    never both match at one position, so only the order of those with the same first character
    counts, and it is kept. Python's `re` tries the alternatives of a group one by one (a word
    class of 300 feelings cost about 0.8 µs a search, at one position); grouped, it rejects a
    whole first letter at once.
    """
    if FLAGS.search(source):
        return source
    groups: list[tuple[int, int, list[int]]] = []  # (start, end, positions of its `|`)
    stack: list[tuple[int, list[int]]] = []
    for position, char in _syntax(source):
        if char == "(":
            stack.append((position, []))
        elif char == "|":
            if stack:
                stack[-1][1].append(position)
        elif stack:
            start, bars = stack.pop()
            if len(bars) + 1 >= GROUPED and source.startswith("(?:", start):
                groups.append((start, position, bars))
    plain = []  # (a plain group holds no group: these never overlap)
    for start, end, bars in groups:
        cuts = [start + 2, *bars, end]
        pieces = [source[a + 1 : b] for a, b in zip(cuts, cuts[1:], strict=False)]
        if all(PLAIN_PIECE.fullmatch(piece) for piece in pieces):
            plain.append((start, end, pieces))
    for start, end, pieces in sorted(plain, reverse=True):
        source = source[: start + 3] + _grouped(pieces) + source[end:]
    return source


def _grouped(pieces: list[str]) -> str:
    """Plain alternatives grouped by their first character (see `_by_first`)."""
    return "|".join(first + rest for first, rest in _by_first(pieces))


def _by_first(pieces: list[str]) -> list[tuple[str, str]]:
    """Plain alternatives as (first character as written, the rest as an expression), one for
    each first character, in the order first met; the rests keep their order, and are grouped
    again while there are several and none is empty (an empty rest matches wherever the
    others do, so its place among them counts)."""
    by_first: dict[str, tuple[str, list[str]]] = {}  # character -> (as written, the rests)
    for piece in pieces:
        width = 2 if piece.startswith("\\") else 1  # `\-` and `-` are the same character
        written, tails = by_first.setdefault(piece[width - 1], (piece[:width], []))
        tails.append(piece[width:])
    out = []
    for written, tails in by_first.values():
        if len(tails) == 1:
            out.append((written, tails[0]))
        elif len(tails) >= 4 and all(tails):
            out.append((written, f"(?:{_grouped(tails)})"))
        else:
            out.append((written, f"(?:{'|'.join(tails)})"))
    return out
