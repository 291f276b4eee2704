"""What goes wrong while reading an export, and where it is reported.

An importer never prints: it hands each problem to a `ProblemSink`, which either passes it to the
caller's callback and lets reading go on, or (strict) raises `FormatProblem` at the first one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tending.domain.errors import FormatProblem


@dataclass(frozen=True, slots=True)
class ParseProblem:
    """One problem in an export: what was wrong and, where known, the 1-based line it is on."""

    message: str
    line: int | None = None
    ends_reading: bool = False  # nothing after it could be read: the export is cut short

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}" if self.line is not None else self.message


ProblemCallback = Callable[[ParseProblem], None]


# "...; line skipped" says what reading past a problem does; under --strict nothing is skipped
_SKIPPED = re.compile(r"; (?:\w+ )?skipped$")


def _ignore(problem: ParseProblem) -> None:
    """The default callback: problems are dropped when nobody asked to hear about them."""


class ProblemSink:
    """Routes problems to a callback, or raises at the first one when strict."""

    def __init__(
        self, path: Path, strict: bool = False, on_problem: ProblemCallback | None = None
    ) -> None:
        self.path = path
        self.strict = strict
        self._callback = on_problem or _ignore
        self.count = 0

    def report(self, message: str, line: int | None = None, ends_reading: bool = False) -> None:
        """Record a problem; raises `FormatProblem` instead when strict.

        `ends_reading`: the file breaks off here, so what was read is not the whole export.
        """
        problem = ParseProblem(message, line, ends_reading)
        self.count += 1
        if self.strict:
            stopped = ParseProblem(_SKIPPED.sub("; reading stopped (--strict)", message), line)
            raise FormatProblem(f"{self.path.name}: {stopped}")
        self._callback(problem)

    def fail(self, message: str) -> FormatProblem:
        """An error that stops reading whatever the mode (the caller raises it)."""
        return FormatProblem(f"{self.path.name}: {message}")


class SilentSink(ProblemSink):
    """Drops every problem: used for a first pass that only looks, so nothing is told twice."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)

    def report(self, message: str, line: int | None = None, ends_reading: bool = False) -> None:
        self.count += 1
