"""Where the coach points a person in danger: urgent-help resources from a data file.

The packaged file names no phone numbers on purpose. A host that knows its country passes its own
file (argument, or the TENDING_RESOURCES environment variable); it is validated the same way.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

from tending.coach.data_files import read_data_text, toml_document
from tending.coach.model import Record
from tending.domain.errors import FormatProblem

KINDS = ("emergency", "trusted_person", "crisis_line")
ENVIRONMENT = "TENDING_RESOURCES"


class HelpResource(Record):
    """One pointer to urgent help (a frozen record: `model.Record`)."""

    __slots__ = ("kind", "text", "contact")
    __match_args__ = ("kind", "text", "contact")
    kind: str
    text: str
    contact: str | None

    def __init__(self, kind: str, text: str, contact: str | None = None) -> None:
        _set = object.__setattr__
        _set(self, "kind", kind)
        _set(self, "text", text)
        _set(self, "contact", contact)

    def line(self) -> str:
        """The pointer as one sentence for a person."""
        return f"{self.text} ({self.contact})" if self.contact else self.text


def parse_resources(name: str, text: str) -> tuple[HelpResource, ...]:
    """Resources from TOML text, each kind present, every entry complete."""
    document = toml_document(name, text)
    entries = document.get("resource")
    if not isinstance(entries, list) or not entries:
        raise FormatProblem(f"{name}: needs [[resource]] entries")
    found: list[HelpResource] = []
    for number, entry in enumerate(entries, start=1):
        kind, words, contact = entry.get("kind"), entry.get("text"), entry.get("contact")
        if kind not in KINDS or not isinstance(words, str) or not words.strip():
            raise FormatProblem(
                f"{name}: resource {number} needs kind (one of {', '.join(KINDS)}) and text"
            )
        if contact is not None and (not isinstance(contact, str) or not contact.strip()):
            raise FormatProblem(f"{name}: resource {number} has an empty contact")
        found.append(HelpResource(kind, words.strip(), contact))
    missing = set(KINDS) - {resource.kind for resource in found}
    if missing:
        raise FormatProblem(f"{name}: no resource of kind {', '.join(sorted(missing))}")
    return tuple(found)


@cache
def _packaged() -> tuple[HelpResource, ...]:
    return parse_resources("resources.toml", read_data_text("resources.toml"))


@cache
def _from_file(path: str) -> tuple[HelpResource, ...]:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise FormatProblem(f"{path}: cannot read the help resources ({error.strerror})") from None
    except UnicodeDecodeError:
        raise FormatProblem(f"{path}: the help resources are not UTF-8 text") from None
    return parse_resources(path, text)


def load_resources(path: str | Path | None = None) -> tuple[HelpResource, ...]:
    """The host's resources (argument, then TENDING_RESOURCES), else the packaged ones."""
    chosen = path if path is not None else os.environ.get(ENVIRONMENT) or None
    return _from_file(str(chosen)) if chosen is not None else _packaged()
