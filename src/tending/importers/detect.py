"""Telling which export a file is from its first bytes (and, for a zip, what it holds)."""

from __future__ import annotations

import csv
import json
import re
import zipfile
from pathlib import Path

from tending.domain.errors import FormatProblem
from tending.importers.delimited import is_timestamp
from tending.importers.sources import chat_member, missing_file
from tending.importers.whatsapp_syntax import HEADER

SNIFF_BYTES = 64 * 1024
_SNIFF_LINES = 50
TRIED = ("whatsapp", "telegram", "csv", "jsonl")
_CSV_COLUMNS = {"timestamp", "sender", "text"}


def _head_text(path: Path) -> str:
    with path.open("rb") as handle:
        head = handle.read(SNIFF_BYTES)
    return head.decode("utf-8", "replace").lstrip("\ufeff")


# how a JSON Lines record starts when it names a field first (Telegram's own first keys are "name"
# or "about", and a pretty-printed result.json has "{" alone on its first line)
_JSONL_START = re.compile(r'\{\s*"(?:timestamp|sender|text|kind)"\s*:')


def _is_jsonl_record(line: str) -> bool:
    try:
        record = json.loads(line)
    except ValueError:
        return False
    return isinstance(record, dict) and "timestamp" in record


def _looks_like_jsonl(lines: list[str]) -> bool:
    """A line is a whole record, or the first starts like one (it may be longer than the sniff
    window, or broken: the JSONL reader reports that line and reads on)."""
    return _JSONL_START.match(lines[0].strip()) is not None or any(map(_is_jsonl_record, lines))


def _looks_like_csv(first_line: str) -> bool:
    columns = {c.strip().strip('"').strip().lower() for c in first_line.split(",")}
    return columns >= _CSV_COLUMNS


def _looks_like_headerless_csv(first_line: str) -> bool:
    cells = next(csv.reader([first_line]), [])
    return len(cells) >= 3 and is_timestamp(cells[0])


def _sniff_text(text: str) -> str | None:
    lines = [line for line in text.splitlines()[:_SNIFF_LINES] if line.strip()]
    if not lines:
        return None
    first = lines[0].strip()
    if first.startswith("{"):
        return "jsonl" if _looks_like_jsonl(lines) else "telegram"
    if _looks_like_csv(first):
        return "csv"
    if any(HEADER.match(line) for line in lines):
        return "whatsapp"
    if _looks_like_headerless_csv(first):
        return "csv"
    return None


def _refuse_empty(path: Path, head: str) -> None:
    if not head.strip():
        raise FormatProblem(f"{path.name} is empty: there are no messages to read")


def refuse_empty(path: Path) -> None:
    """FormatProblem when `path` holds nothing but white space (also when the format is named)."""
    _refuse_empty(path, _head_text(path))


def detect_format(path: Path) -> str:
    """The name of the importer for `path`; FormatProblem when it is empty or no known export."""
    if not path.is_file():
        raise FormatProblem(missing_file(path))
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            if chat_member(archive) is None:
                raise FormatProblem(
                    f"{path.name} is a zip with no WhatsApp chat inside "
                    "(looked for _chat.txt or 'WhatsApp Chat*.txt')"
                )
        return "whatsapp"
    text = _head_text(path)
    _refuse_empty(path, text)
    found = _sniff_text(text)
    if found is None:
        raise FormatProblem(
            f"{path.name} is not a chat export Tending can read "
            f"(tried {', '.join(TRIED)}; use --format to name one)"
        )
    return found
