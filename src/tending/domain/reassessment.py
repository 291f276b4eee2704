"""The 12-week self-assessment on the four foundations."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class Foundation(StrEnum):
    ACCEPTANCE = "acceptance"
    MUTUAL_CARE = "mutual_care"
    MUTUAL_RESPECT = "mutual_respect"
    DIFFERENTIATION = "differentiation"  # healthy differentiation


SCORE_MIN = 1
SCORE_MAX = 10


@dataclass(frozen=True)
class Reassessment:
    at: datetime
    scores: dict[Foundation, int]
    person_id: int | None = None  # None: about one's relationships overall
    note: str | None = None
    id: int | None = None


def change_between(previous: Reassessment | None, current: Reassessment) -> dict[Foundation, int]:
    """Score differences per foundation (current minus previous); empty without a previous one."""
    if previous is None:
        return {}
    return {
        foundation: score - previous.scores[foundation]
        for foundation, score in current.scores.items()
        if foundation in previous.scores
    }
