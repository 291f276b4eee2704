"""The pydantic models of the export file, version 1 (described in docs/EXPORT_FORMAT.md).

Every model forbids unknown keys and checks ranges, so an edited file is caught with the path
of what is wrong. People carry the file's own `id`; everything else points at a person by it.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from tending.domain.agreements import AgreementKind
from tending.domain.moments import (
    BidAnswer,
    Discloser,
    HonestKind,
    MomentKind,
    SurvivalStrategy,
    Valence,
)
from tending.domain.people import Tie
from tending.domain.reassessment import SCORE_MAX, SCORE_MIN, Foundation
from tending.domain.unsaid import MAX_WEIGHT, MIN_WEIGHT

FORMAT_NAME = "tending-export"
FORMAT_VERSION = 1
MAX_MINUTES = 24 * 60  # a chat longer than a day is a typing slip, and would not fit every column

Score = Annotated[int, Field(ge=SCORE_MIN, le=SCORE_MAX)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PersonEntry(_Strict):
    id: int = Field(ge=1)
    name: str = Field(min_length=1, max_length=200)
    tie: Tie
    created_at: AwareDatetime
    checks_per_month: int = Field(ge=0, le=31)
    last_surprised: date | None = None
    archived: bool = False


class MomentEntry(_Strict):
    kind: MomentKind
    at: AwareDatetime
    person: int | None = None
    note: str | None = None
    discloser: Discloser | None = None
    closing: bool = False
    bid_answer: BidAnswer | None = None
    minutes: int | None = Field(default=None, ge=0, le=MAX_MINUTES)
    valence: Valence | None = None
    feelings: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()
    honest_kind: HonestKind | None = None
    strategy: SurvivalStrategy | None = None
    private: bool = False


class CommitmentEntry(_Strict):
    person: int
    text: str
    created_at: AwareDatetime
    due: date
    done_at: AwareDatetime | None = None


class AgreementVersionEntry(_Strict):
    text: str
    room: str | None = None
    review_on: date | None = None
    made_at: AwareDatetime


class AgreementEntry(_Strict):
    person: int
    kind: AgreementKind
    retired_at: AwareDatetime | None = None
    versions: tuple[AgreementVersionEntry, ...] = Field(min_length=1)


class UnsaidEntry(_Strict):
    person: int
    text: str
    weight: int = Field(ge=MIN_WEIGHT, le=MAX_WEIGHT)
    created_at: AwareDatetime
    said_at: AwareDatetime | None = None
    how_it_went: str | None = None


class ReassessmentEntry(_Strict):
    at: AwareDatetime
    person: int | None = None
    note: str | None = None
    scores: dict[Foundation, Score]


class ExportFile(_Strict):
    format: Literal["tending-export"]
    version: Literal[1]
    exported_at: AwareDatetime
    shareable: bool = False
    people: tuple[PersonEntry, ...] = ()
    moments: tuple[MomentEntry, ...] = ()
    commitments: tuple[CommitmentEntry, ...] = ()
    agreements: tuple[AgreementEntry, ...] = ()
    unsaid: tuple[UnsaidEntry, ...] = ()
    reassessments: tuple[ReassessmentEntry, ...] = ()
    checksum: str = Field(pattern=r"^sha256:[0-9a-f]{64}$")
