"""Chat importers: one small module per export format, each streaming `ChatMessage`s.

    for message in open_chat(Path("WhatsApp Chat with Sam.zip"), on_problem=problems.append):
        ...

The format is detected from the file unless named; problems (a broken line, an undecidable date
order) go to `on_problem` and reading goes on, or `strict=True` raises `FormatProblem` at the first.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

from tending.domain.chat import ChatMessage
from tending.domain.errors import FormatProblem, InvalidInput
from tending.importers import delimited, telegram, whatsapp  # noqa: F401  (they register)
from tending.importers.detect import detect_format, refuse_empty
from tending.importers.problems import ParseProblem, ProblemCallback, ProblemSink
from tending.importers.registry import DATE_ORDERS, ImportOptions, format_names, importer
from tending.importers.sources import missing_file

__all__ = [
    "DATE_ORDERS",
    "ParseProblem",
    "detect_format",
    "format_names",
    "open_chat",
]


def open_chat(
    path: Path,
    format: str | None = None,
    date_order: str | None = None,
    strict: bool = False,
    on_problem: ProblemCallback | None = None,
) -> Iterator[ChatMessage]:
    """The messages of the export at `path`, in file order, read as a stream.

    Raises FormatProblem when the file is no readable export (at once, before any message) or, when
    `strict`, at the first problem; InvalidInput for an unknown format or date order.
    """
    if date_order is not None and date_order not in DATE_ORDERS:
        choices = ", ".join(DATE_ORDERS)
        raise InvalidInput(f"unknown date order '{date_order}'; use one of {choices}")
    if not path.is_file():
        raise FormatProblem(missing_file(path))
    try:
        if format is not None:
            importer(format)  # an unknown name is said first
            refuse_empty(path)
        read = importer(format or detect_format(path))
    except _UNREADABLE as error:
        raise _unreadable(path, error) from None
    sink = ProblemSink(path, strict=strict, on_problem=on_problem)
    return _guarded(read(path, ImportOptions(date_order=date_order), sink), path)


# what the file system or a damaged zip raises while reading; said to the person as a FormatProblem
_UNREADABLE = (OSError, EOFError, zipfile.BadZipFile, zlib.error)


def _unreadable(path: Path, error: BaseException) -> FormatProblem:
    return FormatProblem(f"{path.name} could not be read: {error}")


def _guarded(messages: Iterator[ChatMessage], path: Path) -> Iterator[ChatMessage]:
    try:
        yield from messages
    except _UNREADABLE as error:
        raise _unreadable(path, error) from None
