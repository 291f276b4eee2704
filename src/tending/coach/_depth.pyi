# The depth reader's fast path in C (_depth.c); see depth.py.
import re
from collections.abc import Callable, Iterable

class Reader:
    def __init__(
        self,
        split: Callable[[], Callable[[str], re.Match[str] | None]],
        experience: Iterable[str],
        charge: Iterable[str],
        plain_depth: Callable[..., str],
        plain_complex: Callable[..., tuple[int, int] | None],
        mixture: Callable[[str, list[tuple[int, int]], bool], tuple[int, int] | None],
        valence: dict[str, str] | None = None,
    ) -> None: ...
    def feelings(self, text: str, start: int) -> list[tuple[int, int, str]]: ...
    def depth(
        self,
        flags: set[str],
        normalized: str,
        original: str,
        words: frozenset[str] | None = None,
    ) -> str: ...
    def complex_span(
        self,
        normalized: str,
        feeling_spans: list[tuple[int, int]],
        words: frozenset[str] | None = None,
    ) -> tuple[int, int] | None: ...

def tell(text: str) -> tuple[int, int, int]: ...
def name_start(text: str) -> bool: ...
def says_you(text: str) -> bool: ...
def scan(text: str) -> tuple[bool, bool, bool, bool]: ...
def effects(text: str) -> list[tuple[int, int, str]]: ...
def joins(text: str, pos: int, endpos: int, contrast: bool) -> bool: ...
def marks(which: int, label: str, text: str) -> list[tuple[int, int, str]]: ...
