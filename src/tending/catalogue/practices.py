"""The practice catalogue: every practice of Tending with its parameters, steps and prompts.

The catalogue is data (`data/practices.toml`), validated on load and turned into frozen value
objects. A person may change any number through an override file in their data directory
(see `OVERRIDES_FILENAME`); it is validated the same way as the shipped file.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from pydantic import ValidationError

from tending.catalogue.overrides import apply_overrides
from tending.catalogue.problems import read_text, read_toml, validation_problem
from tending.catalogue.schema import CatalogueFile, IntimacyKind, PracticeFile, Scalar, Unit
from tending.domain.errors import NotFound

OVERRIDES_FILENAME = "practice-overrides.toml"
PACKAGED = "tending.catalogue/data/practices.toml"


@dataclass(frozen=True)
class Parameter:
    """One configurable number of a practice: `value` in `unit`."""

    practice: str
    key: str
    value: Scalar
    unit: Unit
    about: str
    default: Scalar  # the shipped value, before any override

    @property
    def overridden(self) -> bool:
        return self.value != self.default

    def shown(self) -> str:
        """The value with its unit, as a person reads it ('30 minutes', '5 to 1')."""
        if self.unit in (Unit.COUNT, Unit.CLOCK_TIME, Unit.WEEKDAY):
            return str(self.value)  # '2', '19:00', 'sunday' need no unit after them
        return f"{self.value} {self.unit.value}"


@dataclass(frozen=True)
class Prompt:
    """One line of wording a guided session can show; `set` groups lines that rotate."""

    practice: str
    set: str
    index: int
    text: str


@dataclass(frozen=True)
class Practice:
    """A practice of the system, as the catalogue describes it."""

    name: str
    title: str
    summary: str
    kinds: tuple[IntimacyKind, ...]
    essays: tuple[str, ...]
    steps: tuple[str, ...]
    parameters: tuple[Parameter, ...]
    prompts: tuple[Prompt, ...]

    def parameter(self, key: str) -> Parameter:
        """The parameter called `key`; NotFound (listing the keys) when there is none."""
        for parameter in self.parameters:
            if parameter.key == key:
                return parameter
        known = ", ".join(p.key for p in self.parameters) or "none"
        raise NotFound(f"practice '{self.name}' has no parameter '{key}' (it has: {known})")

    def prompt_sets(self) -> tuple[str, ...]:
        """Names of the prompt sets, in file order."""
        return tuple(dict.fromkeys(prompt.set for prompt in self.prompts))

    def prompts_in(self, set_name: str) -> tuple[Prompt, ...]:
        """The prompts of one set; NotFound (listing the sets) when there is no such set."""
        found = tuple(prompt for prompt in self.prompts if prompt.set == set_name)
        if not found:
            known = ", ".join(self.prompt_sets())
            raise NotFound(f"practice '{self.name}' has no prompts '{set_name}' (it has: {known})")
        return found

    def serves(self, kind: IntimacyKind) -> bool:
        return kind in self.kinds


@dataclass(frozen=True)
class Catalogue:
    """Every practice, in the order of the data file."""

    practices: tuple[Practice, ...]
    essays: tuple[tuple[str, str], ...]  # (id, what the essay is about)
    provenance: str

    def all(self) -> tuple[Practice, ...]:
        """Every practice, in catalogue order."""
        return self.practices

    def names(self) -> tuple[str, ...]:
        return tuple(practice.name for practice in self.practices)

    def get(self, name: str) -> Practice:
        """The practice called `name`; NotFound naming the closest names when there is none."""
        wanted = name.strip().lower()
        for practice in self.practices:
            if practice.name == wanted:
                return practice
        raise NotFound(f"no practice '{name}'; {_closest(wanted, self.names())}")

    def parameter(self, practice: str, key: str) -> Scalar:
        """The value of one parameter (after overrides)."""
        return self.get(practice).parameter(key).value

    def with_kind(self, kind: IntimacyKind) -> tuple[Practice, ...]:
        """The practices that serve `kind`."""
        return tuple(practice for practice in self.practices if practice.serves(kind))

    def __iter__(self) -> Iterator[Practice]:
        return iter(self.practices)


def _closest(wanted: str, names: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(wanted, names, n=5, cutoff=0.5)
    close += [n for n in names if wanted and wanted in n and n not in close]
    if close:
        return "did you mean: " + ", ".join(close[:5]) + "?"
    return "known practices: " + ", ".join(names)


def load_catalogue(overrides: Path | None = None) -> Catalogue:
    """The shipped catalogue with `overrides` applied (cached; re-read when that file changes)."""
    if overrides is None:
        return _packaged(None, 0, 0)
    try:
        stat = overrides.stat()
    except OSError:
        return _packaged(overrides, -1, -1)  # missing: let the reader say so clearly
    return _packaged(overrides, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=8)
def _packaged(overrides: Path | None, _mtime: int, _size: int) -> Catalogue:
    text = (
        resources.files("tending.catalogue")
        .joinpath("data", "practices.toml")
        .read_text(encoding="utf-8")
    )
    return parse_catalogue(text, PACKAGED, overrides)


def read_catalogue(path: Path, overrides: Path | None = None) -> Catalogue:
    """A catalogue from any TOML file (not cached): for tests and for checking a draft."""
    return parse_catalogue(read_text(path), str(path), overrides)


def parse_catalogue(text: str, source: str, overrides: Path | None = None) -> Catalogue:
    """Validate catalogue text (naming `source` in every error) and apply `overrides`."""
    try:
        model = CatalogueFile.model_validate(read_toml(text, source))
    except ValidationError as error:
        raise validation_problem(source, error) from None
    practices = dict(model.practices)
    if overrides is not None:
        practices = apply_overrides(practices, overrides)
    return Catalogue(
        practices=tuple(
            _practice(name, practices[name], model.practices[name]) for name in practices
        ),
        essays=tuple(model.essays.items()),
        provenance=model.provenance,
    )


def _practice(name: str, current: PracticeFile, shipped: PracticeFile) -> Practice:
    return Practice(
        name=name,
        title=current.title,
        summary=current.summary,
        kinds=tuple(current.kinds),
        essays=tuple(current.essays),
        steps=tuple(current.steps),
        parameters=tuple(
            Parameter(name, key, p.value, p.unit, p.about, shipped.parameters[key].value)
            for key, p in current.parameters.items()
        ),
        prompts=tuple(
            Prompt(name, set_name, index, text)
            for set_name, texts in current.prompts.items()
            for index, text in enumerate(texts)
        ),
    )
