"""Turning what went wrong in a data file into one sentence a person can act on."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from tending.domain.errors import FormatProblem

# pydantic adds the name of each union member it tried to the error location; a person needs
# the key, not the type names.
_UNION_TAGS = {"int", "float", "str", "bool", "list", "dict"}


def read_toml(text: str, source: str) -> dict[str, Any]:
    """Parse TOML text, naming the file (and the line TOML reports) when it does not parse."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise FormatProblem(f"{source}: not valid TOML: {error}") from None


def read_text(path: Path) -> str:
    """Read a UTF-8 data file a person pointed us at, with a clear message when we cannot."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise FormatProblem(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as error:
        raise FormatProblem(f"{path}: cannot be read as UTF-8 text ({error})") from None


def where(loc: tuple[int | str, ...]) -> str:
    """'practice 'x', key 'parameters.y.value'' from a pydantic error location."""
    parts = [str(part) for part in loc if str(part) not in _UNION_TAGS]
    parts = [part for part in parts if not part.startswith("function-")]
    if len(parts) >= 2 and parts[0] == "practices":
        practice = f"practice '{parts[1]}'"
        return f"{practice}, key '{'.'.join(parts[2:])}'" if len(parts) > 2 else practice
    return f"key '{'.'.join(parts)}'" if parts else "the file"


def validation_problem(source: str, error: ValidationError) -> FormatProblem:
    """One FormatProblem listing (up to three) distinct things wrong, each with its place."""
    seen: list[str] = []
    for item in error.errors(include_url=False):
        message = str(item["msg"]).removeprefix("Value error, ")
        text = f"{where(tuple(item['loc']))}: {message}"
        if item["type"] == "extra_forbidden":
            text = f"{where(tuple(item['loc']))}: unknown key"
        if text not in seen:
            seen.append(text)
    more = f" (and {len(seen) - 3} more)" if len(seen) > 3 else ""
    return FormatProblem(f"{source}: " + "; ".join(seen[:3]) + more)
