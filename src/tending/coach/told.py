"""What a message's words tell of an expression without searching it.

- `requires_gate`: of a pattern's `requires`, the clauses any text it matches holds (a text
  lacking one fails it), for a `^(?!X)` the clauses X needs (a text lacking one passes it with no
  search), and the leads of its alternatives that are their lead alone (`searching.Proofs`):
  `searching.RequiresGate`, read by `passes_guard` in C and in its twin;
- `bare_form`: for an alternative `^(?:(?:G)[ ,]+)*R` whose G matches a few strings, their first
  words and `^R` (a text whose first word is none of them passes the loop zero times).

Read off Python's own parse of the expression (`literals.Reader`), so they are sound for any
expression the data may hold; `test_fast_paths.py` holds each gate to its search.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]

from tending.coach.alternatives import fast_start, lead, opener_loop, split_alternatives
from tending.coach.covers import GROW
from tending.coach.literals import CASE_FLAGS, Clause, Reader, required_words
from tending.coach.searching import RequiresGate

FIRST_RUN = re.compile(r"[a-z_]*")
# a record's checks as `WordIds.blob` writes them: rank, needed words, clauses of several words
Blob = Callable[[int, frozenset[str], tuple[Clause, ...]], bytes]


def requires_gate(source: str, cost: Callable[[str], int], blob: Blob) -> RequiresGate | None:
    """What a message's words tell of the `requires` `source` (`searching.RequiresGate`): the
    clauses it needs (`literals.required_words`) and, for a `^(?!X)`, those X needs
    (`negated_words`), with their blobs (`blob`: `WordIds.blob`); and the leads of its
    alternatives (`split_alternatives`) that are their lead alone (`searching.Proofs`); None
    when none of these has any."""
    fails = tuple(required_words(source, cost) or ())
    holds = tuple(negated_words(source, cost))
    leads = [lead(piece) for piece in split_alternatives(source)]
    alone = tuple([found for found in leads if found is not None and found[1]])
    proofs = (alone, len(alone) == len(leads)) if alone else None
    if not fails and not holds and proofs is None:
        return None
    return fails, holds, clauses_blob(fails, blob), clauses_blob(holds, blob), proofs


def clauses_blob(clauses: tuple[Clause, ...], blob: Blob) -> bytes | None:
    """Clauses as `WordIds.blob` writes a record's checks (None: no clauses)."""
    if not clauses:
        return None
    need = frozenset().union(*[clause for clause in clauses if len(clause) == 1])
    return blob(0, need, tuple([clause for clause in clauses if len(clause) > 1]))


def bare_form(
    source: str, cost: Callable[[str], int], compile: Callable[[str], re.Pattern[str]]
) -> tuple[frozenset[str], re.Pattern[str]] | None:
    """For an alternative `^(?:(?:G)[ ,]+)*R` (`alternatives.opener_loop`) whose G matches a
    few strings: their first words and `^R` compiled by `compile` (a text whose first word is
    none of them passes the loop zero times, so `^R` matches it where the alternative does, a
    fifth cheaper: `search_planned`); else None."""
    loop = opener_loop(source)
    if loop is None:
        return None
    openers = opener_words(loop[0], cost)
    if openers is None:
        return None
    return openers, compile(fast_start("^" + loop[1], group=True))


def negated_words(source: str, cost: Callable[[str], int]) -> list[Clause]:
    """Clauses of words any text holds where `source` is `^(?!X)` (or `(?!X)`) and X can match
    at its start: a text that lacks every word of one of them fails X, so `source` matches it
    at 0 with no search. [] when `source` is not of that form or X needs no words it can tell
    (sound as `required_words`: X's words, read in its look-aheads too, are in the text)."""
    if "(?!" not in source[:4]:
        return []
    try:
        parsed = sre_parse.parse(source)
    except Exception:  # noqa: BLE001 - a bad expression is reported where it is compiled
        return []
    body = list(parsed)
    if parsed.state.flags & CASE_FLAGS or not body:
        return []
    if body[0][0] is sre.AT and body[0][1] in (sre.AT_BEGINNING, sre.AT_BEGINNING_STRING):
        body = body[1:]
    if len(body) != 1 or body[0][0] is not sre.ASSERT_NOT or body[0][1][0] != 1:
        return []  # (not one look-ahead: X may be tried at other places)
    reader = Reader(cost)
    pieces = reader.pieces(body[0][1][1])
    return [] if pieces is None else reader.clauses(pieces, False, False)


def opener_words(source: str, cost: Callable[[str], int]) -> frozenset[str] | None:
    """The first words (leading runs of `[a-z_]`, `heads.first_word`) of the strings the
    expression `source` matches, where it matches a few strings only (a class of openers,
    `hey|so|come on`); None where it matches others or too many to tell."""
    try:
        parsed = sre_parse.parse(source)
    except Exception:  # noqa: BLE001 - a bad expression is reported where it is compiled
        return None
    if parsed.state.flags & CASE_FLAGS:
        return None
    pieces = Reader(cost).pieces(parsed)
    if pieces is None or len(pieces) != 1 or pieces[0].kind != "lit" or not pieces[0].strings:
        return None
    strings = pieces[0].strings
    if any(GROW in text or "\x00" in text for text in strings):
        return None  # (a run that may grow, or an edge inside: not these strings alone)
    return frozenset(FIRST_RUN.match(text).group() for text in strings)  # type: ignore[union-attr]
