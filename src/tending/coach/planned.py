"""What planning (`planning.py`) makes of a pattern: its plan and its alternatives."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

from tending.coach.choosing import Parts
from tending.coach.literals import Clause
from tending.coach.word_ids import Trigger

if TYPE_CHECKING:
    from tending.coach.plan_file import Pieces


class Alternative:
    """One top-level alternative of a pattern, with the words it needs besides its index key.

    (A plain class with slots, compared by identity: what `@dataclass(slots=True, eq=False)`
    gave, without importing `dataclasses` with the coach.)"""

    __slots__ = ("pattern", "order", "rank", "_source", "need", "rest", "check_trigger", "regex",
                 "lead", "bare")  # fmt: skip
    pattern: int  # the pattern's number (file order)
    order: int  # its place among the pattern's alternatives (the first that matches wins)
    rank: int  # pattern and order in one number, for sorting
    # its text, or as shipped: (`plan_file.Pieces`, its place), made when first needed
    _source: str | tuple[Pieces, int]
    need: frozenset[str]  # words still to check once the key words are found
    rest: tuple[Clause, ...]  # clauses of several words still to check
    check_trigger: bool  # False when the clauses already imply the pattern's trigger
    regex: re.Pattern[str] | None  # compiled on first search
    # what every match starts with (`alternatives.lead`), set before `regex` (None: nothing)
    lead: tuple[str, int] | None
    # for `^(?:(?:G)[ ,]+)*R` (`alternatives.opener_loop`): G's first words and `^R` compiled,
    # searched instead for a text whose first word is none of them; set before `regex`
    bare: tuple[frozenset[str], re.Pattern[str]] | None

    def __init__(
        self, pattern: int, order: int, rank: int, source: str | tuple[Pieces, int],
        need: frozenset[str],
        rest: tuple[Clause, ...], check_trigger: bool, regex: re.Pattern[str] | None = None,
    ) -> None:  # fmt: skip
        self.pattern = pattern
        self.order = order
        self.rank = rank
        self._source = source
        self.need = need
        self.rest = rest
        self.check_trigger = check_trigger
        self.regex = regex
        self.lead = None
        self.bare = None

    @property
    def source(self) -> str:
        """The alternative's expression."""
        found = self._source
        if not isinstance(found, str):
            pieces, order = found
            found = self._source = pieces[order]
        return found

    def __repr__(self) -> str:
        names = [name.lstrip("_") for name in self.__slots__]
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in names)
        return f"Alternative({shown})"


class Plan(NamedTuple):
    """How one pattern is searched: its trigger, and its unless gate (None: always search the
    unless). (Its `unless` and `requires` are compiled when a match first needs them:
    `checks`.)"""

    trigger_alone: frozenset[str]  # any of these words alone meets the trigger
    # entries of several parts, by the words of their smallest part: the other parts
    trigger_keys: frozenset[str]
    trigger_rest: dict[str, tuple[Parts, ...]]
    unless_gate: frozenset[str] | None  # a word of these must be present for unless to match

    @property
    def trigger(self) -> Trigger:
        """The trigger as `searching.trigger_met` reads it."""
        return self.trigger_alone, self.trigger_keys, self.trigger_rest
