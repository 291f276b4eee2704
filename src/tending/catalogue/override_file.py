"""Changing one's own parameter values: `tend practice set` / `reset` write the override file.

The file is rewritten whole, checked by loading it exactly as `load_catalogue` would before it
replaces the old one (atomically), so a bad value never leaves a half-written or invalid file.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from tending.catalogue.practices import Catalogue, Parameter, load_catalogue
from tending.catalogue.problems import read_text, read_toml
from tending.catalogue.schema import Scalar, check_value
from tending.domain.errors import FormatProblem, InvalidInput

OverrideValues = dict[str, dict[str, Scalar]]


def current_overrides(path: Path, checked: bool = True) -> OverrideValues:
    """The values in the override file at `path` (nothing when there is no file yet).
    `checked=False` reads a file that no longer loads (a value an older Tending let through,
    like a 0-word limit), so that `reset` can repair it; what is saved is checked again."""
    if not path.exists():
        return {}
    if checked:
        load_catalogue(path)  # refuse to build on a file that is already broken
    data = read_toml(read_text(path), str(path))
    return {name: dict(table) for name, table in data.items() if isinstance(table, dict)}


def parse_value(parameter: Parameter, raw: str) -> Scalar:
    """`raw` (as typed on a command line) read as the kind of value `parameter` holds."""
    text = raw.strip()
    try:
        if isinstance(parameter.default, str):
            return text
        if isinstance(parameter.default, int):
            return int(text)
        return float(text)
    except ValueError:
        kind = "a whole number" if isinstance(parameter.default, int) else "a number"
        raise InvalidInput(
            f"{parameter.practice}.{parameter.key} takes {kind} of {parameter.unit.value}, "
            f"not {raw!r}"
        ) from None


def set_override(path: Path, practice: str, key: str, raw: str) -> Catalogue:
    """Store one value for `practice.key` (the default removes the override); the new catalogue."""
    parameter = load_catalogue().get(practice).parameter(key)
    value = parse_value(parameter, raw)
    try:
        check_value(value, parameter.unit)
    except ValueError as error:
        raise InvalidInput(f"{parameter.practice}.{parameter.key}: {error}") from None
    values = current_overrides(path)
    table = values.setdefault(parameter.practice, {})
    table[key] = value
    if value == parameter.default:
        del table[key]
    return save_overrides(path, values)


def reset_override(path: Path, practice: str, key: str | None = None) -> Catalogue:
    """Back to the shipped value for one key, or for every key of `practice`."""
    name = load_catalogue().get(practice).name
    if key is not None:
        load_catalogue().get(name).parameter(key)  # NotFound for an unknown key
    values = current_overrides(path, checked=False)
    table = values.get(name, {})
    if key is None:
        table.clear()
    else:
        table.pop(key, None)
    return save_overrides(path, values)


def render_overrides(values: OverrideValues) -> str:
    """The override file's text: one [practice] table per practice that has values."""
    lines = ["# Your own values for Tending's practice parameters (tend practice set / reset)."]
    for name in sorted(values):
        if not values[name]:
            continue
        lines += ["", f"[{name}]"]
        lines += [f"{key} = {json.dumps(value)}" for key, value in sorted(values[name].items())]
    return "\n".join(lines) + "\n"


def save_overrides(path: Path, values: OverrideValues) -> Catalogue:
    """Write `values` atomically after checking them the way `load_catalogue` will read them."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, draft_name = tempfile.mkstemp(prefix=".overrides-", suffix=".toml", dir=path.parent)
    draft = Path(draft_name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(render_overrides(values))
        try:
            load_catalogue(draft)
        except FormatProblem as problem:  # name the file the person knows, not the draft
            raise FormatProblem(problem.message.replace(str(draft), str(path))) from None
        os.replace(draft, path)
    finally:
        draft.unlink(missing_ok=True)
    return load_catalogue(path)
