# The C scorer of the second opinion (_scoring.c); see learned.py.
from collections.abc import Callable
from typing import Any

class Scorer:
    def __init__(
        self, rows: dict[str, str], classes: dict[str, str], lines: list[int], allowed: int
    ) -> None: ...
    def sums(self, text: str) -> tuple[int, tuple[int, ...]]: ...
    def above(self, text: str) -> int: ...
    def configure(
        self, numbers: dict[str, int], lines: list[int], drop: list[int], lifted: int,
        take_lines: list[int], takeable: int, safety: int, window: int, near: int,
        no_change: Any, no_change_here: Any, make: Callable[[int, int, bool], Any],
        lifts: Callable[[Any], list[int]], /,
    ) -> None: ...
    def opinion(
        self, text: str, found: dict[str, list[tuple[int, int]]], context: Any = None
    ) -> Any: ...

def rows_ok(body: str) -> bool: ...
