"""Agreements and boundaries per relationship, with their renegotiation history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum


class AgreementKind(StrEnum):
    AGREEMENT = "agreement"
    BOUNDARY = "boundary"


@dataclass(frozen=True)
class AgreementVersion:
    """One wording of an agreement; a renegotiation adds a version."""

    text: str
    room: str | None  # the explicit room it gives ("either of us may cancel any week")
    review_on: date | None
    made_at: datetime


@dataclass(frozen=True)
class Agreement:
    person_id: int
    kind: AgreementKind
    versions: tuple[AgreementVersion, ...]  # oldest first; the last is in force
    retired_at: datetime | None = None
    id: int | None = None

    @property
    def current(self) -> AgreementVersion:
        return self.versions[-1]
