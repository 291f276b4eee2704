"""The pydantic models of the export file, version 2 (described in docs/EXPORT_FORMAT.md).

Every model forbids unknown keys and checks ranges, so an edited file is caught with the path
of what is wrong. People carry the file's own `id`; everything else points at a person by it.
Version 2 added guided sessions, check questions, rituals and chat months; a version 1 file
(which has none of them) is read by the same models, the new sections staying empty.
"""

from __future__ import annotations

from dataclasses import fields
from datetime import date
from typing import Annotated, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, NaiveDatetime, field_validator

from tending.domain.agreements import AgreementKind
from tending.domain.chat_analysis import ChatCounts
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
from tending.domain.rituals import RitualKind
from tending.domain.sessions import SessionKind, SessionStatus, StepKind
from tending.domain.unsaid import MAX_WEIGHT, MIN_WEIGHT

FORMAT_NAME = "tending-export"
FORMAT_VERSION = 2
# The sections each version added after the first; an older file must not carry them.
ADDED_IN: dict[str, int] = {"sessions": 2, "check_questions": 2, "rituals": 2, "chat_months": 2}
COUNT_NAMES: tuple[str, ...] = tuple(f.name for f in fields(ChatCounts))
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


class StepEntry(_Strict):
    key: str = Field(min_length=1, max_length=60)
    kind: StepKind
    prompt: str
    seconds: float = Field(default=0.0, ge=0, allow_inf_nan=False)
    cue: str = ""
    choices: tuple[str, ...] = ()
    rule: str | None = None
    optional: bool = False
    max_words: int | None = Field(default=None, ge=0)


class SessionAnswer(_Strict):
    step: str = Field(min_length=1, max_length=60)
    text: str
    at: AwareDatetime
    passed: bool = False


class SessionEntry(_Strict):
    kind: SessionKind
    person: int | None = None
    status: SessionStatus
    started_at: AwareDatetime
    paused_at: AwareDatetime | None = None
    paused_seconds: float = Field(default=0.0, ge=0, allow_inf_nan=False)
    step_progress: float = Field(default=0.0, ge=0, allow_inf_nan=False)
    ended_at: AwareDatetime | None = None
    steps: tuple[StepEntry, ...] = Field(min_length=1)
    entries: tuple[SessionAnswer, ...] = ()


class QuestionEntry(_Strict):
    person: int
    text: str
    created_at: AwareDatetime


class RitualEntry(_Strict):
    uid: str = Field(min_length=1, max_length=64)
    kind: RitualKind
    person: int | None = None
    starts: NaiveDatetime  # wall-clock time, read in `tzid`
    tzid: str = Field(min_length=1, max_length=64)
    rrule: str = Field(min_length=1, max_length=300)
    minutes: int = Field(ge=1, le=MAX_MINUTES)  # as `tend ritual add` allows
    alarm_minutes: int = Field(ge=0)
    created_at: AwareDatetime


class ChatMonthEntry(_Strict):
    person: int
    source: str = Field(min_length=1, max_length=300)
    month: str = Field(pattern=r"^[0-9]{4}-(0[1-9]|1[0-2])$")
    sender: str = Field(max_length=200)
    stored_at: AwareDatetime
    counts: dict[str, Annotated[int, Field(ge=0)]]

    @field_validator("counts")
    @classmethod
    def _known_counts(cls, counts: dict[str, int]) -> dict[str, int]:
        unknown = sorted(set(counts) - set(COUNT_NAMES))
        if unknown:
            raise ValueError(f"unknown counts {', '.join(unknown)}")
        return counts


class ExportFile(_Strict):
    format: Literal["tending-export"]
    version: Literal[1, 2]
    exported_at: AwareDatetime
    shareable: bool = False
    people: tuple[PersonEntry, ...] = ()
    moments: tuple[MomentEntry, ...] = ()
    commitments: tuple[CommitmentEntry, ...] = ()
    agreements: tuple[AgreementEntry, ...] = ()
    unsaid: tuple[UnsaidEntry, ...] = ()
    reassessments: tuple[ReassessmentEntry, ...] = ()
    sessions: tuple[SessionEntry, ...] = ()
    check_questions: tuple[QuestionEntry, ...] = ()
    rituals: tuple[RitualEntry, ...] = ()
    chat_months: tuple[ChatMonthEntry, ...] = ()
    checksum: str = Field(pattern=r"^sha256:[0-9a-f]{64}$")
