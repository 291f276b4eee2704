"""Mutable counters behind the chat metrics, frozen into domain values when the history ends."""

from __future__ import annotations

from dataclasses import fields

from tending.domain.chat_analysis import ChatCounts
from tending.metrics.chat_latency import LatencyHistogram

COUNT_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(ChatCounts))


class Tally:
    """The running counts of one sender in one month (same fields as `ChatCounts`)."""

    __slots__ = COUNT_FIELDS

    def __init__(self) -> None:
        for name in COUNT_FIELDS:
            setattr(self, name, 0)

    def freeze(self) -> ChatCounts:
        """The counts so far as an immutable `ChatCounts`."""
        return ChatCounts(*(getattr(self, name) for name in COUNT_FIELDS))

    # Declared for the type checker; __slots__ holds the storage.
    messages: int
    texts: int
    media: int
    deleted: int
    positive: int
    corrective: int
    neutral: int
    bids: int
    bids_toward: int
    bids_away: int
    bids_against: int
    disclosures: int
    disclosures_met: int
    criticism: int
    contempt: int
    defensiveness: int
    stonewalling: int
    appreciations: int
    affection: int
    replies: int


class PairTally:
    """How one person answered another: replies, their latency, and the bids they met."""

    __slots__ = ("bids_against", "bids_toward", "latency")

    def __init__(self) -> None:
        self.latency = LatencyHistogram()
        self.bids_toward = 0
        self.bids_against = 0
