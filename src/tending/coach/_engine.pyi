"""Type stub of the C extension `tending.coach._engine` (see `_engine.c` and `searching.py`)."""

import re
from collections.abc import Callable
from typing import Any

from tending.coach.heads import Head
from tending.coach.replies import Held
from tending.coach.searching import Finish, Index, Pending

def search_planned(
    words: frozenset[str],
    text: str,
    index: Index,
    best: dict[int, re.Match[str]],
    compile: Callable[[Any], re.Pattern[str]],
    ids: dict[str, int],
) -> None: ...
def run_planned(
    words: frozenset[str],
    text: str,
    index: Index,
    compile: Callable[[Any], re.Pattern[str]],
    ids: dict[str, int] | WordNumbers,
    finish: Finish,
) -> list[Any] | None: ...
def triggered_pending(
    words: frozenset[str],
    pending_set: frozenset[str],
    split: dict[str, Pending],
    missing: Callable[[str], Pending | None],
) -> list[int]: ...

def passes(head: Head, text: str) -> bool: ...
def lead_at(lead: tuple[str, int], text: str) -> int: ...

class WordNumbers:
    """A message's words with their stems, their numbers noted for `run_planned`."""

    ids: dict[str, int]  # (read only)
    def __init__(self, kept: dict[str, str], ids: dict[str, int]) -> None: ...
    def stems(self, words: frozenset[str]) -> frozenset[str]: ...
    def noted(self) -> dict[str, int]: ...

def grow_table(
    old: bytes, alone: bytes, alone_count: int, added: list[tuple[int, int, bytes]], many: int
) -> bytes: ...
def replies_match(held: Held, text: str, words: frozenset[str]) -> bool: ...
