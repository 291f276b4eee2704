"""Logged moments: the raw material of the metrics."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class MomentKind(StrEnum):
    DISCLOSURE = "disclosure"
    APPRECIATION = "appreciation"
    BID = "bid"
    CHAT = "chat"  # a meaningful chat
    INTERACTION = "interaction"  # one entry of the 5:1 ledger
    JOURNAL = "journal"
    HONEST = "honest"  # the daily honest statement
    STRATEGY = "strategy"  # a survival strategy noticed in oneself


class Discloser(StrEnum):
    ME = "me"
    THEM = "them"
    BOTH = "both"


class BidAnswer(StrEnum):
    TOWARD = "toward"
    AWAY = "away"
    AGAINST = "against"


class Valence(StrEnum):
    POSITIVE = "positive"
    CORRECTIVE = "corrective"


class HonestKind(StrEnum):
    WORRY = "worry"
    REGRET = "regret"
    APPRECIATION = "appreciation"


class SurvivalStrategy(StrEnum):
    HYPER_INDEPENDENCE = "hyper-independence"
    EMOTIONAL_AVOIDANCE = "emotional-avoidance"
    PEOPLE_PLEASING = "people-pleasing"
    OVER_EXPLAINING = "over-explaining"
    CONTROL = "control"
    WITHHOLDING = "withholding"
    PERFORMING_STRENGTH = "performing-strength"


@dataclass(frozen=True)
class Moment:
    """One logged moment. Only the fields of its kind are set; the rest stay None/empty.

    - DISCLOSURE: discloser
    - APPRECIATION: closing (a closing appreciation is held to the word limit)
    - BID: bid_answer
    - CHAT: minutes
    - INTERACTION: valence
    - JOURNAL: feelings, needs (person_id may be None)
    - HONEST: honest_kind (person_id may be None)
    - STRATEGY: strategy (person_id may be None)
    """

    kind: MomentKind
    at: datetime
    person_id: int | None = None
    note: str | None = None
    discloser: Discloser | None = None
    closing: bool = False
    bid_answer: BidAnswer | None = None
    minutes: int | None = None
    valence: Valence | None = None
    feelings: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()
    honest_kind: HonestKind | None = None
    strategy: SurvivalStrategy | None = None
    private: bool = False
    id: int | None = None


def count_words(text: str) -> int:
    """Words as a person counts them: runs separated by spaces that hold a letter or digit."""
    return sum(1 for token in text.split() if any(char.isalnum() for char in token))
