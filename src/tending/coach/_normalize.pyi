# The normalizer's fast path in C (_normalize.c); see normalize.py.
from collections.abc import Callable, Sequence
from typing import Any

class Reader:
    def __init__(
        self,
        tokens: dict[str, str | None],
        runs: dict[str, tuple[tuple[int, int, str], ...] | None],
        read_token: Callable[[str], str | None],
        read_run: Callable[[str], tuple[tuple[int, int, str], ...] | None],
        keys: tuple[str, ...],
        result: type[tuple[object, ...]],
        declined: Callable[[str, str], tuple[object, ...]],
        after: Callable[[Any], tuple[object, ...]] | None = None,
        foreign: frozenset[str] | None = None,
    ) -> None: ...
    def read(self, low: str) -> tuple[object, ...] | None: ...
    def normalize(self, text: str) -> tuple[object, ...]: ...

def evidence(
    order: dict[str, int],
    kind: type,
    twin: Callable[..., tuple[Any, ...]],
    hits: Sequence[tuple[Any, ...]],
    normalized: tuple[object, ...],
    text: str,
) -> tuple[Any, ...]: ...
def stems(kept: dict[str, str], words: frozenset[str]) -> frozenset[str]: ...

class EvidenceOf:
    def __init__(
        self, order: dict[str, int], kind: type, twin: Callable[..., tuple[Any, ...]]
    ) -> None: ...
    def __call__(
        self, hits: Sequence[tuple[Any, ...]], normalized: tuple[object, ...], text: str
    ) -> tuple[Any, ...]: ...

class Maker:
    def __init__(
        self, kind: type, names: tuple[str, ...], bound: tuple[Any, ...] = ()
    ) -> None: ...
    def __call__(self, *values: Any) -> Any: ...

class Guess:
    def __init__(
        self, telling: dict[str, bool], reference: Callable[[str, frozenset[str]], str]
    ) -> None: ...
    def __call__(self, text: str, words: frozenset[str]) -> str: ...
