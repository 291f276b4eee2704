# The normalizer's fast path in C (_normalize.c); see normalize.py.
from collections.abc import Callable

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
    ) -> None: ...
    def read(self, low: str) -> tuple[object, ...] | None: ...
    def normalize(self, text: str) -> tuple[object, ...]: ...
