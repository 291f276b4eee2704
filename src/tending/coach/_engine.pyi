"""Type stub of the C extension `tending.coach._engine` (see `_engine.c` and `searching.py`)."""

import re
from collections.abc import Callable
from typing import Any

from tending.coach.searching import Index

def search_planned(
    words: frozenset[str],
    text: str,
    index: Index,
    best: dict[int, re.Match[str]],
    compile: Callable[[Any], re.Pattern[str]],
) -> None: ...
