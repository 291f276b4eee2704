"""Reading the vocabulary's tab-separated files, with errors that name the file and the line."""

from __future__ import annotations

import re
from dataclasses import dataclass

from tending.domain.errors import FormatProblem

PROVENANCE = re.compile(r"^# written for Tending, \d{4}-\d{2}-\d{2}\b")


@dataclass(frozen=True)
class Row:
    """One data line: its number in the file (from 1) and its cells by column name."""

    source: str
    line: int
    cells: dict[str, str]

    def __getitem__(self, column: str) -> str:
        return self.cells[column]

    def problem(self, message: str) -> FormatProblem:
        """A FormatProblem that points at this line."""
        return FormatProblem(f"{self.source} line {self.line}: {message}")


def read_rows(text: str, source: str, columns: tuple[str, ...]) -> list[Row]:
    """Rows of a TSV whose first line is the provenance comment and whose header is `columns`.

    Comment lines (#) and blank lines are skipped; every cell must be non-empty.
    """
    lines = text.splitlines()
    if not lines or not PROVENANCE.match(lines[0]):
        raise FormatProblem(
            f"{source} line 1: must start with the provenance line "
            "'# written for Tending, YYYY-MM-DD'"
        )
    rows: list[Row] = []
    header_seen = False
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = [cell.strip() for cell in line.split("\t")]
        if not header_seen:
            if tuple(cells) != columns:
                expected = "<TAB>".join(columns)
                raise FormatProblem(f"{source} line {number}: expected the header '{expected}'")
            header_seen = True
            continue
        rows.append(_row(source, number, cells, columns))
    return rows


def _row(source: str, number: int, cells: list[str], columns: tuple[str, ...]) -> Row:
    if len(cells) != len(columns):
        raise FormatProblem(
            f"{source} line {number}: expected {len(columns)} tab-separated cells "
            f"({', '.join(columns)}), found {len(cells)}"
        )
    for column, cell in zip(columns, cells, strict=True):
        if not cell:
            raise FormatProblem(f"{source} line {number}: the '{column}' cell is empty")
    return Row(source, number, dict(zip(columns, cells, strict=True)))


def unique(rows: list[Row], column: str) -> dict[str, Row]:
    """Rows keyed by the lowercased `column`; a repeated value names both lines."""
    seen: dict[str, Row] = {}
    for row in rows:
        key = row[column].lower()
        if key in seen:
            raise row.problem(f"'{row[column]}' is already on line {seen[key].line}")
        seen[key] = row
    return seen


def split_list(row: Row, column: str) -> tuple[str, ...]:
    """A comma-separated cell as a tuple of lowercased, non-empty items."""
    items = tuple(item.strip().lower() for item in row[column].split(","))
    if any(not item for item in items):
        raise row.problem(f"the '{column}' cell has an empty item: {row[column]!r}")
    return items
