"""The shape of `data/practices.toml` and of a user's override file, checked strictly on load.

These pydantic models describe the files, not the values the rest of Tending uses: the loader in
`practices.py` turns a validated file into frozen value objects. Strict mode means a number
written as a string, a boolean where a count belongs, or a key nobody knows is an error rather
than something quietly coerced or ignored.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictFloat,
    StrictInt,
    StrictStr,
    model_validator,
)

SLUG = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
KEY = re.compile(r"^[a-z][a-z0-9_]*$")
ESSAY_ID = re.compile(r"^[0-9]{3}$")

Text = Annotated[StrictStr, Field(min_length=1, max_length=600, pattern=r"^\S(?:.*\S)?$")]
Number = StrictInt | StrictFloat
Value = StrictInt | StrictFloat | StrictStr


class IntimacyKind(StrEnum):
    """The four kinds of intimacy a practice can serve."""

    EMOTIONAL = "emotional"
    INTELLECTUAL = "intellectual"
    PHYSICAL = "physical"
    SPIRITUAL = "spiritual"


class Unit(StrEnum):
    """Units a parameter may carry; a duration is always minutes, seconds, days or weeks."""

    MINUTES = "minutes"
    SECONDS = "seconds"
    DAYS = "days"
    WEEKS = "weeks"
    WORDS = "words"
    QUESTIONS = "questions"
    COUNT = "count"
    PER_DAY = "per day"
    PER_MONTH = "per month"
    PER_QUARTER = "per quarter"
    RATIO = "to 1"
    PERCENT = "percent"
    CLOCK_TIME = "time of day"
    WEEKDAY = "weekday"


# Enums arrive from TOML as text; strict mode would demand enum instances, so these two fields
# accept text (and still reject anything that is not one of the members).
KindField = Annotated[IntimacyKind, Field(strict=False)]
UnitField = Annotated[Unit, Field(strict=False)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class ParameterFile(_Strict):
    """One configurable number (or word) of a practice, with its unit."""

    value: Value
    unit: UnitField
    about: Text

    @model_validator(mode="after")
    def _not_negative(self) -> ParameterFile:
        check_value(self.value, self.unit)
        return self


DURATIONS = frozenset({Unit.MINUTES, Unit.SECONDS, Unit.DAYS, Unit.WEEKS})


def check_value(value: int | float | str, unit: Unit) -> None:
    """Refuse negative numbers, and text where the unit asks for a number (or the reverse)."""
    textual = unit in (Unit.CLOCK_TIME, Unit.WEEKDAY)
    if textual and not isinstance(value, str):
        raise ValueError(f"a value in '{unit}' is written as text, not {value!r}")
    if not textual and isinstance(value, str):
        raise ValueError(f"a value in {unit} must be a number, not {value!r}")
    if isinstance(value, int | float) and value < 0:
        raise ValueError(f"must not be negative (got {value})")
    # A limit of 0 words refuses every answer; a duration of 0 is no practice at all.
    if unit is Unit.WORDS and isinstance(value, int | float) and value < 1:
        raise ValueError(f"a word limit is at least 1 word (got {value})")
    if unit in DURATIONS and isinstance(value, int | float) and value <= 0:
        raise ValueError(f"a duration is more than 0 {unit} (got {value})")
    if unit is Unit.CLOCK_TIME and not re.fullmatch(r"([01][0-9]|2[0-3]):[0-5][0-9]", str(value)):
        raise ValueError(f"a time of day is written HH:MM (got {value!r})")


class PracticeFile(_Strict):
    """One `[practices.<name>]` table."""

    title: Text
    summary: Text
    kinds: list[KindField] = Field(min_length=1)
    essays: list[Annotated[StrictStr, Field(pattern=ESSAY_ID.pattern)]] = Field(min_length=1)
    steps: list[Text] = Field(min_length=1)
    parameters: dict[str, ParameterFile] = Field(default_factory=dict)
    prompts: dict[str, list[Text]] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> PracticeFile:
        for key in [*self.parameters, *self.prompts]:
            if not KEY.match(key):
                raise ValueError(f"key {key!r} must be lowercase letters, digits and underscores")
        for name, texts in self.prompts.items():
            for text in texts:
                check_blanks(text)
            if not texts:
                raise ValueError(f"prompt set {name!r} is empty")
            if len(set(texts)) != len(texts):
                raise ValueError(f"prompt set {name!r} repeats a prompt")
        check_ranges(self.parameters)
        return self


def check_blanks(text: str) -> None:
    """Blanks in a prompt are `{name}` with a lowercase identifier, so code can fill them."""
    for blank in re.findall(r"\{([^{}]*)\}", text):
        if not KEY.match(blank):
            raise ValueError(f"blank {{{blank}}} in {text!r} must be a lowercase identifier")
    if text.count("{") != text.count("}"):
        raise ValueError(f"unbalanced braces in {text!r}")


def check_ranges(parameters: dict[str, ParameterFile]) -> None:
    """A `<name>_min` parameter may not exceed its `<name>_max` partner."""
    for key, low in parameters.items():
        if not key.endswith("_min"):
            continue
        high = parameters.get(key[: -len("_min")] + "_max")
        if high is None or isinstance(low.value, str) or isinstance(high.value, str):
            continue
        if low.value > high.value:
            raise ValueError(f"{key} ({low.value}) is above its maximum ({high.value})")


class CatalogueFile(_Strict):
    """The whole of `practices.toml`."""

    provenance: Text
    essays: dict[str, Text] = Field(min_length=1)
    practices: dict[str, PracticeFile] = Field(min_length=1)

    @model_validator(mode="after")
    def _names_and_sources(self) -> CatalogueFile:
        for name, practice in self.practices.items():
            if not SLUG.match(name):
                raise ValueError(f"practice name {name!r} must be a lowercase slug like 'a-b'")
            unknown = [essay for essay in practice.essays if essay not in self.essays]
            if unknown:
                raise ValueError(f"practice {name!r} cites unknown essay(s) {unknown}")
        return self


Scalar = int | float | str
__all__ = [
    "CatalogueFile",
    "IntimacyKind",
    "Number",
    "ParameterFile",
    "PracticeFile",
    "Scalar",
    "Unit",
    "check_ranges",
    "check_value",
]
