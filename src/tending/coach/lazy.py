"""A regular expression compiled the first time it is used, so importing the coach stays fast."""

from __future__ import annotations

import re


class LazyRegex:
    """Holds a pattern's source and compiles it once, on first use."""

    __slots__ = ("_compiled", "_flags", "_source")

    def __init__(self, source: str, flags: int = 0) -> None:
        self._source = source
        self._flags = flags
        self._compiled: re.Pattern[str] | None = None

    @property
    def regex(self) -> re.Pattern[str]:
        """The compiled pattern."""
        if self._compiled is None:
            self._compiled = re.compile(self._source, self._flags)
        return self._compiled

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        """Like `re.Pattern.search`."""
        return self.regex.search(text, pos, len(text) if endpos is None else endpos)

    def findall(self, text: str) -> list[str]:
        """Like `re.Pattern.findall`."""
        return self.regex.findall(text)
