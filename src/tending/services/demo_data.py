"""The words and rates of the demo, read from demo.toml in the package and validated on load."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import resources
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from tending.domain.agreements import AgreementKind
from tending.domain.errors import FormatProblem
from tending.domain.moments import count_words
from tending.domain.people import Tie
from tending.domain.unsaid import MAX_WEIGHT, MIN_WEIGHT

SOURCE = "tending.services/demo.toml"
CLOSING_WORDS = 15

Lines = Annotated[tuple[Annotated[str, Field(min_length=1)], ...], Field(min_length=1)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DemoPerson(_Strict):
    name: str
    tie: Tie
    checks_per_month: int = Field(ge=1, le=31)
    chats_per_week: float = Field(ge=0, le=7)
    bids_per_week: float = Field(ge=0, le=7)
    positives_per_week: float = Field(ge=0, le=14)
    correctives_per_week: float = Field(ge=0, le=7)


class DemoNotes(_Strict):
    chat: Lines
    disclosure: Lines
    appreciation: Lines
    bid: Lines
    positive: Lines
    corrective: Lines
    journal: Lines
    feelings: Lines
    needs: Lines
    worry: Lines
    regret: Lines
    honest_appreciation: Lines
    strategy_note: Lines
    commitments: Lines

    @model_validator(mode="after")
    def _short_appreciations(self) -> DemoNotes:
        for line in self.appreciation:
            if count_words(line) > CLOSING_WORDS:
                raise ValueError(f"closing appreciation over {CLOSING_WORDS} words: {line!r}")
        return self


class DemoVersion(_Strict):
    text: str
    room: str | None = None
    review_weeks: int = Field(ge=1)


class DemoAgreement(_Strict):
    person: str
    kind: AgreementKind
    versions: tuple[DemoVersion, ...] = Field(min_length=1)


class DemoUnsaid(_Strict):
    person: str
    text: str
    weight: int = Field(ge=MIN_WEIGHT, le=MAX_WEIGHT)
    days_ago: int = Field(ge=1)
    said_days_ago: int | None = Field(default=None, ge=0)
    how_it_went: str | None = None


class DemoData(_Strict):
    people: tuple[DemoPerson, ...] = Field(min_length=1)
    notes: DemoNotes
    agreements: tuple[DemoAgreement, ...]
    unsaid: tuple[DemoUnsaid, ...]

    @model_validator(mode="after")
    def _known_people(self) -> DemoData:
        names = {person.name for person in self.people}
        mentioned = [a.person for a in self.agreements] + [u.person for u in self.unsaid]
        for name in mentioned:
            if name not in names:
                raise ValueError(f"{name!r} is not one of the demo people")
        return self


@lru_cache(maxsize=1)
def load_demo_data() -> DemoData:
    """The demo data shipped in the package; FormatProblem naming the place if it is broken."""
    text = resources.files("tending.services").joinpath("demo.toml").read_text(encoding="utf-8")
    try:
        return DemoData.model_validate(tomllib.loads(text))
    except tomllib.TOMLDecodeError as error:
        raise FormatProblem(f"{SOURCE}: {error}") from None
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        where = ".".join(str(part) for part in first["loc"])
        raise FormatProblem(f"{SOURCE}: {where}: {first['msg']}") from None
