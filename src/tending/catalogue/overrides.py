"""A person's own values for the practice parameters, read from a small TOML file.

The file holds one table per practice and one `key = value` per parameter:

    [connection-check]
    duration = 45

Each value passes the same checks as the shipped one (its unit, never negative, minimum not
above maximum) and must keep the kind of the default: a whole number stays a whole number.
"""

from __future__ import annotations

import difflib
from pathlib import Path

from pydantic import ValidationError

from tending.catalogue.problems import read_text, read_toml
from tending.catalogue.schema import ParameterFile, PracticeFile, check_ranges
from tending.domain.errors import FormatProblem


def apply_overrides(practices: dict[str, PracticeFile], path: Path) -> dict[str, PracticeFile]:
    """`practices` with the values of the override file at `path` put in place."""
    data = read_toml(read_text(path), str(path))
    result = dict(practices)
    for name, table in data.items():
        if not isinstance(table, dict):
            raise FormatProblem(
                f"{path}: '{name}' is not inside a [practice] table; put it under [practice-name]"
            )
        if name not in practices:
            raise FormatProblem(f"{path}: no practice '{name}'{_hint(name, list(practices))}")
        result[name] = _override_practice(path, name, practices[name], table)
    return result


def _override_practice(
    path: Path, name: str, practice: PracticeFile, table: dict[str, object]
) -> PracticeFile:
    parameters = dict(practice.parameters)
    for key, value in table.items():
        if key not in parameters:
            known = list(parameters)
            raise FormatProblem(
                f"{path}: practice '{name}' has no parameter '{key}'{_hint(key, known)}"
            )
        parameters[key] = _override_value(path, name, key, parameters[key], value)
    try:
        check_ranges(parameters)
    except ValueError as error:
        raise FormatProblem(f"{path}: practice '{name}': {error}") from None
    return practice.model_copy(update={"parameters": parameters})


def _override_value(
    path: Path, name: str, key: str, shipped: ParameterFile, value: object
) -> ParameterFile:
    place = f"{path}: practice '{name}', key '{key}'"
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise FormatProblem(f"{place}: must be a number or text, not {value!r}")
    if isinstance(shipped.value, int) and not isinstance(value, int):
        raise FormatProblem(f"{place}: expected a whole number of {shipped.unit}, got {value!r}")
    try:
        return ParameterFile.model_validate(
            {"value": value, "unit": shipped.unit, "about": shipped.about}
        )
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        message = str(first["msg"]).removeprefix("Value error, ")
        got = "" if "(got " in message else f" (got {value!r})"
        raise FormatProblem(f"{place}: {message}{got}") from None


def _hint(wanted: str, known: list[str]) -> str:
    close = difflib.get_close_matches(wanted, known, n=3, cutoff=0.5)
    if close:
        return f" (did you mean {', '.join(close)}?)"
    return f" (known: {', '.join(known) or 'none'})"
