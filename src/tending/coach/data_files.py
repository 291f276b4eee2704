"""Reading the coach's data files: every word list and pattern lives in `coach/data/`.

Each file opens with a provenance header (comment lines starting with `#`, one of which says
`provenance:`). A bad line raises `FormatProblem` naming the file and the line, so a broken
word list is caught at load time and never silently ignored.
"""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources
from typing import Any

from tending.coach.plain_toml import read_plain_toml
from tending.domain.errors import FormatProblem

DATA_PACKAGE = "tending.coach.data"


def read_data_text(name: str) -> str:
    """The text of one packaged data file (universal newlines, as `open` reads text), read
    through `importlib.resources`, so it reads the same from a folder or a zip archive."""
    try:
        return (resources.files("tending.coach") / "data" / name).read_text(encoding="utf-8")
    except OSError as error:
        raise FormatProblem(f"coach data file {name} is missing from the package") from error


def lines_of(text: str, chunk: int = 4096) -> Iterator[str]:
    """The lines of `text.splitlines()`, one at a time, split only as far as they are read
    (the header of a 300 KB file is its first ten lines)."""
    start, size = 0, len(text)
    while size - start > chunk:
        # every line of the piece but the last is whole (the last may go on, or be a "\r"
        # whose "\n" is in the next piece): those are given, and the next piece starts there
        whole = text[start : start + chunk].splitlines(keepends=True)[:-1]
        if not whole:  # a line longer than the piece: a larger piece
            chunk *= 2
            continue
        end = start + sum(map(len, whole))
        yield from text[start:end].splitlines()
        start = end
    yield from text[start:].splitlines()


def check_provenance(name: str, text: str) -> None:
    """Every data file says where its words come from before any entry."""
    for line in lines_of(text):
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            break
        if "provenance:" in stripped.lower():
            return
    raise FormatProblem(f"{name} line 1: the file must open with a '# provenance: ...' comment")


def tsv_rows(name: str, text: str, columns: int) -> Iterator[tuple[int, list[str]]]:
    """Rows of a TSV file with exactly `columns` tab-separated, non-empty fields."""
    check_provenance(name, text)
    for number, line in enumerate(text.splitlines(), start=1):
        start = line.lstrip()
        if not start or start.startswith("#"):
            continue
        fields = [field.strip() for field in line.split("\t")]
        if len(fields) != columns or not all(fields):
            raise FormatProblem(
                f"{name} line {number}: expected {columns} non-empty tab-separated fields, "
                f"got {len(fields)}: {line[:60]!r}"
            )
        yield number, fields


def jsonl_rows(name: str, text: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """Objects of a JSONL file; `#` lines are the provenance header and comments."""
    import json  # only the tests read JSONL through here: not imported with the coach

    check_provenance(name, text)
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            raise FormatProblem(f"{name} line {number}: not valid JSON ({error.msg})") from None
        if not isinstance(row, dict):
            raise FormatProblem(f"{name} line {number}: expected a JSON object")
        yield number, row


def toml_document(name: str, text: str) -> dict[str, Any]:
    """A parsed TOML data file (with its provenance header checked).

    The coach's files are in the plain subset `plain_toml` reads (the same document, about
    four times faster); anything else goes to `tomllib`, which reads it or names the bad line.
    """
    check_provenance(name, text)
    document = read_plain_toml(text)
    if document is not None:
        return document
    import tomllib  # imported only for a file outside the plain subset

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise FormatProblem(f"{name}: not valid TOML ({error})") from None
