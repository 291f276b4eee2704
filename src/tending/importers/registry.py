"""Importers by name: each is a function from a file to an iterator of chat messages.

A format module registers itself on import (`register("whatsapp", read_whatsapp)`); `importer()`
looks one up. The names are what `--format` takes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from tending.domain.chat import ChatMessage
from tending.domain.errors import InvalidInput
from tending.importers.problems import ProblemSink

DATE_ORDERS = ("dmy", "mdy", "ymd")


@dataclass(frozen=True, slots=True)
class ImportOptions:
    date_order: str | None = None  # dmy, mdy or ymd; None: decide from the file


Importer = Callable[[Path, ImportOptions, ProblemSink], Iterator[ChatMessage]]
_IMPORTERS: dict[str, Importer] = {}


def register(name: str, importer: Importer) -> None:
    """Make `importer` available under `name`."""
    _IMPORTERS[name] = importer


def importer(name: str) -> Importer:
    """The importer registered under `name`; InvalidInput naming the known ones otherwise."""
    try:
        return _IMPORTERS[name]
    except KeyError:
        known = ", ".join(sorted(_IMPORTERS))
        raise InvalidInput(f"unknown chat format '{name}'; known formats: {known}") from None


def format_names() -> tuple[str, ...]:
    """The registered format names, in registration order."""
    return tuple(_IMPORTERS)
