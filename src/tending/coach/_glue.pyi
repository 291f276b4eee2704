# The steps between the coach's stages in C (_glue.c); see glue.py.
from pathlib import Path
from typing import Any

class Glue:
    def __init__(self, parts: tuple[Any, ...]) -> None: ...
    def whole(self, text: str, context: str | None, resources: str | Path | None, /) -> Any: ...
    def read_whole(self, text: str, context: str | None, /) -> Any: ...
    def analyze(
        self, hits: list[Any], normalized: Any, norm_text: str, text: str,
        words: frozenset[str], context: str | None, answered: str | None,
        resources: str | Path | None, /,
    ) -> Any: ...
    def read(
        self, hits: list[Any], norm_text: str, text: str, words: frozenset[str],
        context: str | None, heard: Any, answered: str | None, replies: bool | None, /,
    ) -> Any: ...
