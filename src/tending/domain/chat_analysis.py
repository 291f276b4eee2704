"""What a chat history says about a relationship: values shared by metrics, exporters, storage.

`AnalyzedMessage` is one message after the coach has read it (the coach itself is not imported
here: the service composes the two). `ChatReport` is what the metrics make of a whole history.
Message text only travels in `AnalyzedMessage.text` when the person asked for examples; every
other value holds counts, never words.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import datetime, timedelta
from typing import Any, NamedTuple

from tending.domain.chat import MessageKind

TARGET_RATIO = 5.0  # positive interactions for every corrective one
DEFAULT_BID_WINDOW = timedelta(hours=3)
DEFAULT_REPLY_GAP = timedelta(hours=24)  # a turn change later than this starts a new conversation

# The four corrosive patterns and the coach flag each one is read from.
CORROSIVE_FLAGS: dict[str, str] = {
    "criticism": "blame",
    "contempt": "contempt",
    "defensiveness": "defensiveness",
    "stonewalling": "stonewalling",
}
EXAMPLE_PATTERNS: tuple[str, ...] = (
    "bid",
    "disclosure",
    "appreciation",
    "affection",
    "criticism",
    "contempt",
    "defensiveness",
    "stonewalling",
)


class AnalyzedMessage(NamedTuple):
    """One message and what the coach read in it; `text` is set only when examples were asked.

    A NamedTuple rather than a frozen dataclass: it is made once per message of histories with
    millions of them, and a tuple is built several times faster.
    """

    time: datetime
    sender: str | None
    kind: MessageKind
    flags: frozenset[str] = frozenset()
    tone: str = "neutral"
    depth: str = "none"
    text: str | None = None


@dataclass(frozen=True, slots=True)
class ChatOptions:
    """How to read a history: the bid window, the reply gap and whether to keep example texts."""

    window: timedelta = DEFAULT_BID_WINDOW
    reply_gap: timedelta = DEFAULT_REPLY_GAP
    examples: bool = False
    examples_per_pattern: int = 3


@dataclass(frozen=True, slots=True)
class ChatCounts:
    """Counts for one sender (or everyone) over one month (or the whole history)."""

    messages: int = 0
    texts: int = 0
    media: int = 0
    deleted: int = 0
    positive: int = 0
    corrective: int = 0
    neutral: int = 0
    bids: int = 0
    bids_toward: int = 0
    bids_away: int = 0
    bids_against: int = 0
    disclosures: int = 0
    disclosures_met: int = 0
    criticism: int = 0
    contempt: int = 0
    defensiveness: int = 0
    stonewalling: int = 0
    appreciations: int = 0
    affection: int = 0
    replies: int = 0

    def plus(self, other: ChatCounts) -> ChatCounts:
        """The field-by-field sum of two counts."""
        return ChatCounts(
            *(getattr(self, f.name) + getattr(other, f.name) for f in fields(ChatCounts))
        )

    @property
    def ratio(self) -> float | None:
        """Positive per corrective message; None when nothing was corrective."""
        return self.positive / self.corrective if self.corrective else None

    @property
    def turning_toward_rate(self) -> float | None:
        """Share of this sender's bids that were turned toward; None without bids."""
        return self.bids_toward / self.bids if self.bids else None

    @property
    def corrosive(self) -> int:
        """All four corrosive patterns together."""
        return self.criticism + self.contempt + self.defensiveness + self.stonewalling

    def as_dict(self) -> dict[str, Any]:
        """The counts and the rates derived from them, for JSON."""
        data: dict[str, Any] = {f.name: getattr(self, f.name) for f in fields(ChatCounts)}
        data["ratio"] = _rounded(self.ratio)
        data["turning_toward_rate"] = _rounded(self.turning_toward_rate)
        return data


@dataclass(frozen=True, slots=True)
class SenderSummary:
    """One person's whole history: counts, how fast they reply, their share of the disclosures."""

    sender: str
    counts: ChatCounts
    median_reply_seconds: int | None
    disclosure_share: float | None

    def as_dict(self) -> dict[str, Any]:
        return {
            "sender": self.sender,
            **self.counts.as_dict(),
            "median_reply_seconds": self.median_reply_seconds,
            "disclosure_share": _rounded(self.disclosure_share),
        }


@dataclass(frozen=True, slots=True)
class MonthSummary:
    """One calendar month (`YYYY-MM`): counts per sender and for everyone."""

    month: str
    by_sender: tuple[tuple[str, ChatCounts], ...]
    total: ChatCounts
    system: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "month": self.month,
            "system": self.system,
            "total": self.total.as_dict(),
            "by_sender": {name: counts.as_dict() for name, counts in self.by_sender},
        }


@dataclass(frozen=True, slots=True)
class PairSummary:
    """How `responder` answered `initiator`: replies, their latency, and the bids they met."""

    initiator: str
    responder: str
    replies: int
    median_reply_seconds: int | None
    bids_toward: int
    bids_against: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "from": self.initiator,
            "to": self.responder,
            "replies": self.replies,
            "median_reply_seconds": self.median_reply_seconds,
            "bids_toward": self.bids_toward,
            "bids_against": self.bids_against,
        }


@dataclass(frozen=True, slots=True)
class ChatExample:
    """One message shown as an example of a pattern (only with --examples)."""

    pattern: str
    sender: str
    time: datetime
    text: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "pattern": self.pattern,
            "sender": self.sender,
            "time": self.time.isoformat(),
            "text": self.text,
        }


@dataclass(frozen=True, slots=True)
class ChatReport:
    """What the report shows about one chat history: numbers only unless examples were asked."""

    first: datetime | None
    last: datetime | None
    window_seconds: int
    total: ChatCounts
    system_messages: int
    senders: tuple[SenderSummary, ...]
    months: tuple[MonthSummary, ...]
    pairs: tuple[PairSummary, ...]
    examples: tuple[ChatExample, ...] = ()
    target_ratio: float = TARGET_RATIO
    problems: tuple[str, ...] = field(default=())
    cut_short: bool = False  # the export broke off: its last month may be missing messages

    def as_dict(self) -> dict[str, Any]:
        """The numbers of the report as plain JSON-ready values."""
        return {
            "first": self.first.isoformat() if self.first else None,
            "last": self.last.isoformat() if self.last else None,
            "window_seconds": self.window_seconds,
            "target_ratio": self.target_ratio,
            "system_messages": self.system_messages,
            "total": self.total.as_dict(),
            "senders": [item.as_dict() for item in self.senders],
            "months": [item.as_dict() for item in self.months],
            "pairs": [item.as_dict() for item in self.pairs],
            "examples": [item.as_dict() for item in self.examples],
            "problems": list(self.problems),
            "cut_short": self.cut_short,
        }


@dataclass(frozen=True, slots=True)
class ChatMonthlyAggregate:
    """The counts of one sender in one month of one chat history, stored for a person."""

    person_id: int
    source: str
    month: str
    sender: str
    counts: ChatCounts
    stored_at: datetime

    def as_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "month": self.month,
            "sender": self.sender,
            **self.counts.as_dict(),
        }


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 3)
