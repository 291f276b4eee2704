"""The words a regular expression needs: which whole words must be in a text for it to match.

The rule engine tries a pattern's expressions only on messages that hold the words they need,
so it must know those words for any pattern the data files may hold. They are read from the
parsed expression (Python's own parser), never from the pattern's author: a word counts only
where the expression pins both of its edges (a space, punctuation, `\\b`, `^` or `$` around it),
because a word of the message is a whole run of `[a-z_]` (`normalize.WORDS`).

What comes out is a conjunction of clauses, each a set of words at least one of which must be
in the text ("i" and one of "am"/"was" and one of the feeling words). It is sound, never exact:
where the expression is too open to tell (`\\w+`, a class with a flag, a long repetition) it
asks for fewer words, never for a word a matching text could lack. `stems.py` adds to a
message's words the stems clauses may ask for; `gated.GatedRegex` skips a search when a text
lacks every word an expression needs. (Cutting an expression into alternatives is
`alternatives.py`.)
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence, Set
from itertools import product
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any, Literal

from tending.coach.alternatives import items
from tending.coach.covers import GROW, LIMIT, covers, run_strings
from tending.coach.covers import TOKEN_CHARS as TOKEN_CHARS  # (`heads.py` reads it here)
from tending.coach.stems import STEM

Clause = frozenset[str]
SMALL_CLASS = 16  # a character class with more characters than this is not enumerated
LOOK = (sre.ASSERT, sre.ASSERT_NOT)
EDGES = (sre.AT_BOUNDARY, sre.AT_BEGINNING, sre.AT_BEGINNING_STRING, sre.AT_END,
         sre.AT_END_STRING)  # fmt: skip
REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", sre.MAX_REPEAT))
NO_TOKEN_CATEGORIES = frozenset(
    {sre.CATEGORY_SPACE, sre.CATEGORY_DIGIT, sre.CATEGORY_NOT_WORD, sre.CATEGORY_LINEBREAK}
)
CASE_FLAGS = sre.SRE_FLAG_IGNORECASE | sre.SRE_FLAG_VERBOSE


class Piece:
    """One item of a sequence, summarized: the strings it stands for (when few) and its edges."""

    __slots__ = ("items", "kind", "last_sep", "first_sep", "nonempty", "strings", "start_edge",
                 "end_edge")  # fmt: skip

    def __init__(
        self, kind: str, strings: frozenset[str] | None = None, *, nonempty: bool = False,
        first_sep: bool = False, last_sep: bool = False, items: Any = None,
        start_edge: bool = False, end_edge: bool = False,
    ) -> None:
        # "lit", "edge" (\b ^ $, a look-around that pins one), "skip" (zero width), "look" (a
        # look-around: zero width, the words inside needed too), "open", "branch", "repeat"
        self.kind = kind
        self.strings = strings
        self.nonempty = nonempty
        self.first_sep = first_sep  # every non-empty match starts with a non-word character
        self.last_sep = last_sep  # every non-empty match ends with a non-word character
        self.items = items  # the parsed alternatives (branch) or body (repeat, look) to look into
        # the place before (after) every match, empty or not, is a word edge
        self.start_edge = start_edge or kind == "edge"
        self.end_edge = end_edge or kind == "edge"


def _sep(text: str) -> bool:
    return text[:1] not in TOKEN_CHARS


def _lit(strings: Iterable[str]) -> Piece:
    found = frozenset(strings)
    firsts = {s[:1] for s in found}
    lasts = {s[-1:] for s in found}
    nonempty = "" not in firsts
    firsts.discard("")
    lasts.discard("")
    first_sep, last_sep = firsts.isdisjoint(WORDISH), lasts.isdisjoint(WORDISH)
    return Piece(
        "lit", found, nonempty=nonempty, first_sep=first_sep, last_sep=last_sep,
        start_edge=nonempty and first_sep, end_edge=nonempty and last_sep,
    )  # fmt: skip


def _class_chars(items: list[tuple[Any, Any]]) -> tuple[frozenset[str] | None, bool]:
    """The characters of a class when few, and whether it can match no word character."""
    chars: set[str] = set()
    negate = False
    categories: list[Any] = []
    for op, value in items:
        if op is sre.NEGATE:
            negate = True
        elif op is sre.LITERAL:
            chars.add(chr(value))
        elif op is sre.RANGE:
            low, high = value
            if high - low > 200:
                categories.append(None)
            else:
                chars.update(chr(code) for code in range(low, high + 1))
        elif op is sre.CATEGORY:
            categories.append(value)
        else:
            categories.append(None)
    if negate:
        # [^...] matches every word character the class does not list
        no_token = not categories and chars >= TOKEN_CHARS
        return None, no_token
    no_token = not (chars & TOKEN_CHARS) and all(c in NO_TOKEN_CATEGORIES for c in categories)
    if categories or len(chars) > SMALL_CLASS:
        return None, no_token
    return frozenset(chars), no_token


def _concat(first: frozenset[str] | None, second: frozenset[str] | None) -> frozenset[str] | None:
    if first is None or second is None or len(first) * len(second) > LIMIT:
        return None
    return frozenset(a + b for a, b in product(first, second))


def _summary(pieces: list[Piece]) -> Piece:
    """A sequence of pieces seen from outside: strings if few, edges, can it be empty."""
    strings: frozenset[str] | None = frozenset({""})
    for piece in pieces:
        if piece.kind in ZERO_WIDTH:
            continue
        # (a word edge kept as a mark, which is no word character: the words beside it are
        # whole words, as `words_of` reads them)
        strings = _concat(strings, EDGE_MARK if piece.kind == "edge" else piece.strings)
        if strings is None:
            break
    if strings is not None:
        return _lit(strings)
    real = [p for p in pieces if p.kind not in ZERO_WIDTH and p.kind != "edge"]
    return Piece(
        "open", nonempty=any(p.nonempty for p in real),
        first_sep=_edge_sep(real, "first_sep"), last_sep=_edge_sep(real[::-1], "last_sep"),
        start_edge=_edge_at(pieces, "first_sep", "start_edge"),
        end_edge=_edge_at(pieces[::-1], "last_sep", "end_edge"),
    )  # fmt: skip


def _edge_at(pieces: Sequence[Piece], sep: str, edge: str) -> bool:
    """Is the place at this end of every match of `pieces` (read from that end) a word edge?"""
    for piece in pieces:
        if piece.kind in ZERO_WIDTH:
            continue
        if getattr(piece, edge):
            return True
        if not getattr(piece, sep):
            return False
        if piece.nonempty:
            return True
    return False  # (may be empty: it depends on what comes before)


def _edge_sep(pieces: Sequence[Piece], attribute: str) -> bool:
    for piece in pieces:
        if not getattr(piece, attribute):
            return False
        if piece.nonempty:
            return True
    return True


class Reader:
    """Reads the clauses of parsed expressions; `cost` ranks words (rare words gate best)."""

    def __init__(self, cost: Callable[[str], int]) -> None:
        self.cost = cost

    def clause_cost(self, clause: Set[str]) -> int:
        return sum(self.cost(word) for word in clause)

    # -- building pieces -------------------------------------------------------------------
    def pieces(self, items: Iterable[tuple[Any, Any]]) -> list[Piece] | None:
        """The pieces of a parsed sequence (None: a flag that changes letters; give up)."""
        out: list[Piece] = []
        run: list[str] = []
        for op, value in items:
            if op is sre.LITERAL:
                run.append(chr(value))
                continue
            if run:
                out.append(_lit(("".join(run),)))
                run = []
            piece = self.piece(op, value, out)
            if piece is None:
                return None
            if piece.kind == "flat":
                out.extend(piece.items)
            else:
                out.append(piece)
        if run:
            out.append(_lit(("".join(run),)))
        return out

    def piece(self, op: Any, value: Any, before: list[Piece]) -> Piece | None:
        if op is sre.LITERAL:
            return _lit((chr(value),))
        if op is sre.IN:
            chars, no_token = _class_chars(value)
            if chars is not None:
                return _lit(chars)
            return Piece("open", nonempty=True, first_sep=no_token, last_sep=no_token,
                         start_edge=no_token, end_edge=no_token)  # fmt: skip
        if op is sre.AT:
            return Piece("edge" if value in EDGES else "skip")
        if op in LOOK:
            return self.look(op, value)
        if op is sre.SUBPATTERN:
            _group, add_flags, _del_flags, body = value
            if add_flags & CASE_FLAGS:
                return None
            inner = self.pieces(body)
            if inner is None:
                return None
            return Piece("flat", items=inner)
        if op is sre.BRANCH:
            alternatives = []
            for body in value[1]:
                inner = self.pieces(body)
                if inner is None:
                    return None
                alternatives.append(inner)
            summaries = [_summary(alt) for alt in alternatives]
            if all(s.strings is not None for s in summaries):
                union: set[str] = set()
                for summary in summaries:
                    union.update(summary.strings or ())
                if len(union) <= LIMIT:
                    return _lit(union)
            return Piece(
                "branch", nonempty=all(s.nonempty for s in summaries),
                first_sep=all(s.first_sep for s in summaries),
                last_sep=all(s.last_sep for s in summaries), items=alternatives,
                start_edge=all(s.start_edge for s in summaries),
                end_edge=all(s.end_edge for s in summaries),
            )  # fmt: skip
        if op in REPEATS:
            low, high, body = value
            inner = self.pieces(body)
            if inner is None:
                return None
            summary = _summary(inner)
            if summary.strings is not None and high <= 3:
                strings: frozenset[str] | None = frozenset({""}) if low == 0 else None
                power: frozenset[str] | None = frozenset({""})
                for count in range(1, high + 1):
                    power = _concat(power, summary.strings)
                    if power is None:
                        break
                    if count >= low:
                        strings = power if strings is None else strings | power
                if power is not None and strings is not None and len(strings) <= LIMIT:
                    return _lit(strings)
            grown = run_strings(summary.strings, low) if high > 3 else None
            if grown is not None:
                return _lit(grown)
            return Piece(
                "repeat", nonempty=low >= 1 and summary.nonempty, first_sep=summary.first_sep,
                last_sep=summary.last_sep, items=inner if low >= 1 else None,
                start_edge=low >= 1 and summary.start_edge, end_edge=low >= 1 and summary.end_edge,
            )  # fmt: skip
        # ANY, NOT_LITERAL, GROUPREF, ... : one or more characters we cannot name
        return Piece("open", nonempty=op in (sre.ANY, sre.NOT_LITERAL))

    def look(self, op: Any, value: Any) -> Piece:
        """A look-around: zero width. A positive one's text is in the text too, so the words it
        needs are needed ("look", read by `clauses`); one that looks back at a non-word
        character, or ahead at one, pins a word edge where it stands ("edge")."""
        if op is not sre.ASSERT:
            return Piece("skip")
        direction, body = value
        inner = self.pieces(body)
        if inner is None:
            return Piece("skip")
        summary = _summary(inner)
        if summary.nonempty and (summary.last_sep if direction < 0 else summary.first_sep):
            return Piece("edge")
        return Piece("look", items=inner)

    # -- reading clauses -------------------------------------------------------------------
    def clauses(self, pieces: list[Piece], left: bool, right: bool) -> list[Clause]:
        """Clauses for a sequence whose outer edges are word edges when `left`/`right`."""
        merged = self._merge(pieces)
        found: list[Clause] = []
        for piece in pieces:  # (a look-around's words: needed wherever it stands)
            if piece.kind == "look":
                found.extend(self.clauses(piece.items, False, False))
        for index, piece in enumerate(merged):
            if piece.kind == "lit":
                found.extend(self.words_of(piece.strings or frozenset(), self._left(merged, index,
                             left), self._right(merged, index, right)))  # fmt: skip
            elif piece.kind == "branch":
                edges = (self._left(merged, index, left), self._right(merged, index, right))
                best: set[str] = set()
                for alternative in piece.items:
                    inner = self.clauses(alternative, *edges)
                    if not inner:
                        best = set()
                        break
                    best |= min(inner, key=lambda c: (self.clause_cost(c), sorted(c)))
                if best:
                    found.append(frozenset(best))
            elif piece.kind == "repeat" and piece.items is not None:
                found.extend(self.clauses(piece.items, False, False))
        return list(dict.fromkeys(found))

    @staticmethod
    def _merge(pieces: list[Piece]) -> list[Piece]:
        """Adjacent literal pieces joined into one (zero-width look-arounds in between too)."""
        merged: list[Piece] = []
        for piece in pieces:
            if piece.kind in ZERO_WIDTH:
                continue
            if piece.kind == "lit" and merged and merged[-1].kind == "lit":
                joined = _concat(merged[-1].strings, piece.strings)
                if joined is not None:
                    merged[-1] = _lit(joined)
                    continue
            merged.append(piece)
        return merged

    @staticmethod
    def _left(pieces: list[Piece], index: int, outer: bool) -> bool:
        """Is the position before pieces[index] always a word edge?"""
        for piece in reversed(pieces[:index]):
            if piece.end_edge:
                return True
            if not piece.last_sep:
                return False
            if piece.nonempty:
                return True
        return outer

    @staticmethod
    def _right(pieces: list[Piece], index: int, outer: bool) -> bool:
        for piece in pieces[index + 1:]:
            if piece.start_edge:
                return True
            if not piece.first_sep:
                return False
            if piece.nonempty:
                return True
        return outer

    def words_of(self, strings: frozenset[str], left: bool, right: bool) -> list[Clause]:
        """Clauses from a literal piece: for each string, the whole words inside it.

        A word whose end the expression leaves open ("ruin" in `you ruin`) counts by its
        first four letters as a stem, `ruin*`: some word of the text starts with them.
        (Kept once worked out for a piece of several strings, a word class say: the
        alternatives of a pattern repeat the same pieces. The list returned may be shared;
        callers copy it, never edit it.)
        """
        if len(strings) == 1:  # one string: quickly read, and seldom read again
            return self._words_of(strings, left, right)
        key = (self.cost, strings, left, right)
        found = _WORDS_OF.get(key)
        if found is None:
            found = self._words_of(strings, left, right)
            if len(_WORDS_OF) < ITEMS_KEPT:
                _WORDS_OF[key] = found
        return found

    def _words_of(self, strings: frozenset[str], left: bool, right: bool) -> list[Clause]:
        if left and right:  # both edges pinned: every run of word characters is a word
            (text, *_) = strings
            if len(strings) == 1 and GROW not in text:  # each of its words is needed
                return [frozenset((word,)) for word in sorted(set(TOKEN_RUN.findall(text)))]
            if "" not in strings and TOKEN_CHARS.issuperset("".join(strings)):
                # whole words (a word class): one of them is needed
                return [strings]
        per_string: list[list[str]] = []
        for text in strings:
            words = set()
            length = len(text)
            for token in TOKEN_RUN.finditer(text):
                start, end = token.span()
                if not (start > 0 or left) or text[start - 1 : start] == GROW:
                    continue  # (a word that may begin before: not pinned)
                if (end < length or right) and text[end : end + 1] != GROW:
                    words.add(token.group())
                elif end - start >= STEM:
                    words.add(text[start : start + STEM] + "*")
            if not words:
                return []
            per_string.append(sorted(sorted(words), key=self.cost))  # by cost, then word
        if not per_string:
            return []
        shared = set(per_string[0]).intersection(*per_string[1:])
        found = [frozenset((word,)) for word in sorted(shared)]
        per_string = [[w for w in words if w not in shared] for words in per_string]
        if all(per_string):
            found.extend(covers(per_string, self.cost))
            depth = max(len(words) for words in per_string)
            found.extend(
                frozenset(words[min(rank, len(words) - 1)] for words in per_string)
                for rank in range(depth)
            )
        return list(dict.fromkeys(found))


def common_cost(common: frozenset[str]) -> Callable[[str], int]:
    """How the rule engine ranks a word as a gate: 40 for a common word, 1 for another."""
    return lambda word: 40 if word in common else 1


def required_words(source: str, cost: Callable[[str], int]) -> list[Clause] | None:
    """Clauses of words any text matching `source` holds ([] when it cannot tell).

    None when `source` does not parse (its caller keeps the whole pattern, whose compilation
    reports the problem).
    """
    plain = PLAIN.fullmatch(source)
    if plain is not None:  # characters only: no need to parse
        left = plain.group(1) is not None
        right = plain.group(3) is not None
        return list(Reader(cost).words_of(frozenset({plain.group(2)}), left, right))
    reader = Reader(cost)
    pieces = _item_pieces(source, reader)
    if pieces is False:  # not cut into items: the whole expression parsed at once
        try:
            parsed = sre_parse.parse(source)
        except Exception:  # noqa: BLE001 - a bad expression is reported where it is compiled
            return None
        if parsed.state.flags & CASE_FLAGS:
            return []
        pieces = reader.pieces(parsed)
    if pieces is None:
        return []
    return reader.clauses(pieces, False, False)


def _item_pieces(source: str, reader: Reader) -> list[Piece] | None | Literal[False]:
    """The pieces of `source` read item by item (`alternatives.items`), each item's parsed
    once per process and kept: the alternatives of a pattern repeat the same groups (a word
    class, a shared start or end), which parsing each alternative whole read again every time.
    The same pieces as parsing `source` whole (an item is a whole atom with its quantifier; the
    characters of a run of literals come one piece each, which `Reader.clauses` joins as it
    joins a run). False where unsure (an item that sets flags, opens a capturing group or
    does not parse alone): the caller parses the whole."""
    cut = items(source)
    if cut is None:
        return False
    out: list[Piece] = []
    kept = _ITEMS
    run: list[str] = []  # plain characters in a row, one piece as the parser makes them
    for start, end, kind in cut:
        text = source[start:end]
        if kind == "fixed" and text[0] not in SPECIAL:
            run.append(text)
            continue
        if run:
            out.append(_lit(("".join(run),)))
            run = []
        found = kept.get(text)
        if found is None:
            if text[0] == "(" and not text.startswith(GROUP_STARTS):
                return False  # a capturing group, inline flags, a comment: parse the whole
            try:
                parsed = sre_parse.parse(text)
            except Exception:  # noqa: BLE001 - the whole is parsed (and reported) instead
                return False
            found = reader.pieces(parsed)
            if len(kept) < ITEMS_KEPT:
                kept[text] = found
        if found is None:
            return None
        out.extend(found)
    if run:
        out.append(_lit(("".join(run),)))
    return out


ZERO_WIDTH = ("skip", "look")  # pieces that match no character and pin no edge
EDGE_MARK = frozenset({"\x00"})  # a word edge inside a piece's strings (no word character)
WORDISH = TOKEN_CHARS | {GROW}  # what a word is made of, in a piece's strings
GROUP_STARTS = ("(?:", "(?=", "(?!", "(?<=", "(?<!")
SPECIAL = frozenset(".^$*+?{}[]|()\\")  # characters that are not themselves in an expression
ITEMS_KEPT = 50_000
_ITEMS: dict[str, list[Piece] | None] = {}  # item text -> its pieces (never edited once kept)
_WORDS_OF: dict[tuple[Any, frozenset[str], bool, bool], list[Clause]] = {}  # `words_of`, kept


PLAIN = re.compile(r"(\\b|\^)?([^\\.^$*+?{}\[\]|()]*)(\\b|\$)?")
TOKEN_RUN = re.compile(r"[a-z_]+")
