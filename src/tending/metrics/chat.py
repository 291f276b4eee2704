"""How a relationship talks, computed from a chat history one message at a time.

`ChatAccumulator` is fed `AnalyzedMessage`s in file order and keeps only counters: per sender per
month, per ordered pair of people, bounded latency histograms, and the bids and disclosures still
waiting for an answer inside the window. Memory stays constant apart from one counter per month.

The rules, in plain words:

- Activity: every message of a person counts; media and deleted messages count as activity but
  carry no tone, bid or disclosure (the coach reads text only). System lines count per month.
- A reply is a message from someone other than the sender of the previous message, at most
  `reply_gap` (24 h) later; its latency is the time between the two. Deleted messages are
  not replies.
- A bid (coach flag `bid`) is answered by the first message from another person within `window`
  (3 h). The answer turns *toward* when it engages: a media message, or a text that is not
  corrective. It turns *against* when it is corrective with anything hostile in it (blame,
  contempt, defensiveness, demand, past grievance, minimizing). A reply whose only corrective
  flag is stonewalling shuts the bid out without attacking it: that counts as *away*, as does no
  answer within the window. Bids are counted in the month and to the sender of the bid.
- A disclosure (coach depth `experience`) is *met* when another person discloses too within the
  window after it.
- The four corrosive patterns: criticism (coach flag `blame`), contempt, defensiveness and
  stonewalling.
"""

from __future__ import annotations

from collections import deque
from datetime import datetime, timedelta

from tending.domain.chat import MessageKind
from tending.domain.chat_analysis import (
    AnalyzedMessage,
    ChatExample,
    ChatOptions,
    ChatReport,
)
from tending.domain.errors import InvalidInput
from tending.metrics.chat_latency import LatencyHistogram
from tending.metrics.chat_summary import summarize
from tending.metrics.chat_tally import PairTally, Tally

TOWARD = "toward"
AWAY = "away"
AGAINST = "against"
HOSTILE_FLAGS = frozenset(
    {"blame", "contempt", "defensiveness", "demand", "past_grievance", "minimizing"}
)


def bid_answer(message: AnalyzedMessage) -> str:
    """How a reply answers a bid: toward, against or away (the rule in the module docstring)."""
    if message.kind is not MessageKind.TEXT or message.tone != "corrective":
        return TOWARD
    return AGAINST if message.flags & HOSTILE_FLAGS else AWAY


_TEXT = MessageKind.TEXT
_MEDIA = MessageKind.MEDIA
_DELETED = MessageKind.DELETED
_SYSTEM = MessageKind.SYSTEM


class _Waiting:
    """A bid or a disclosure waiting for an answer from another person until `expires`."""

    __slots__ = ("expires", "sender", "tally")

    def __init__(self, expires: datetime, sender: str, tally: Tally) -> None:
        self.expires = expires
        self.sender = sender
        self.tally = tally


class ChatAccumulator:
    """Streams `AnalyzedMessage`s into counters; `finish()` returns the `ChatReport`.

    `add` runs once per message of histories with millions of them, so it avoids work it can
    skip: the current month's counters are kept at hand, and the window is only checked while
    something waits in it.
    """

    def __init__(self, options: ChatOptions | None = None) -> None:
        self.options = options or ChatOptions()
        self._window = self.options.window
        self._reply_gap = self.options.reply_gap
        self._by_month: dict[str, dict[str, Tally]] = {}
        self._system: dict[str, int] = {}
        self._latency: dict[str, LatencyHistogram] = {}
        self._pairs: dict[tuple[str, str], PairTally] = {}
        self._bids: deque[_Waiting] = deque()
        self._disclosures: deque[_Waiting] = deque()
        self._examples: dict[str, list[ChatExample]] = {}
        self._year = 0
        self._month_number = 0
        self._month = ""
        self._month_tallies: dict[str, Tally] = {}
        self._previous_sender: str | None = None
        self._previous_time: datetime | None = None
        self._first: datetime | None = None
        self._last: datetime | None = None

    def add(self, message: AnalyzedMessage) -> None:
        """Count one message (in file order)."""
        time = message.time
        self._stretch_span(time)
        if time.month != self._month_number or time.year != self._year:
            self._switch_month(time)
        if self._bids or self._disclosures:
            self._expire(time)
        sender = message.sender
        kind = message.kind
        if sender is None or kind is _SYSTEM:
            self._system[self._month] = self._system.get(self._month, 0) + 1
            return
        tally = self._month_tallies.get(sender)
        if tally is None:
            tally = self._month_tallies[sender] = Tally()
        tally.messages += 1
        if kind is _DELETED:
            tally.deleted += 1
            return
        previous = self._previous_sender
        if previous is not None and previous != sender:
            self._reply(previous, sender, time, tally)
        if self._bids:
            self._answer_bids(message, sender)
        if kind is _MEDIA:
            tally.media += 1
        else:
            tally.texts += 1
            if self._disclosures and message.depth == "experience":
                self._meet_disclosures(sender)
            self._read(message, sender, tally)
        self._previous_sender = sender
        self._previous_time = time

    def finish(self) -> ChatReport:
        """Close the window on what is still waiting and return the report."""
        while self._bids:
            self._bids.popleft().tally.bids_away += 1
        self._disclosures.clear()
        examples = tuple(item for items in self._examples.values() for item in items)
        return summarize(
            tallies={
                (month, sender): tally
                for month, tallies in self._by_month.items()
                for sender, tally in tallies.items()
            },
            system=self._system,
            latency=self._latency,
            pairs=self._pairs,
            span=(self._first, self._last),
            window=self._window,
            examples=examples,
        )

    def _stretch_span(self, time: datetime) -> None:
        # Exports are in file order, which is nearly but not always time order.
        if self._first is None or self._last is None:
            self._first = self._last = time
        elif time > self._last:
            self._last = time
        elif time < self._first:
            self._first = time

    def _switch_month(self, time: datetime) -> None:
        self._year = time.year
        self._month_number = time.month
        self._month = f"{time.year:04d}-{time.month:02d}"
        self._month_tallies = self._by_month.setdefault(self._month, {})

    def _expire(self, now: datetime) -> None:
        """Bids whose window has closed went unanswered (away); old disclosures went unmet."""
        bids = self._bids
        while bids and bids[0].expires < now:
            bids.popleft().tally.bids_away += 1
        disclosures = self._disclosures
        while disclosures and disclosures[0].expires < now:
            disclosures.popleft()

    def _reply(self, previous: str, sender: str, time: datetime, tally: Tally) -> None:
        """A turn change: its latency counts for the replier and the pair, unless it is too late."""
        assert self._previous_time is not None  # set together with the previous sender
        gap = time - self._previous_time
        if gap > self._reply_gap:
            return
        seconds = max(int(gap.total_seconds()), 0)
        tally.replies += 1
        self._latency_of(sender).add(seconds)
        self._pair(previous, sender).latency.add(seconds)

    def _answer_bids(self, message: AnalyzedMessage, sender: str) -> None:
        answer = bid_answer(message)
        keep: deque[_Waiting] = deque()
        for bid in self._bids:
            if bid.sender == sender:
                keep.append(bid)
                continue
            pair = self._pair(bid.sender, sender)
            if answer == TOWARD:
                bid.tally.bids_toward += 1
                pair.bids_toward += 1
            elif answer == AGAINST:
                bid.tally.bids_against += 1
                pair.bids_against += 1
            else:
                bid.tally.bids_away += 1
        self._bids = keep

    def _meet_disclosures(self, sender: str) -> None:
        keep: deque[_Waiting] = deque()
        for disclosure in self._disclosures:
            if disclosure.sender == sender:
                keep.append(disclosure)
            else:
                disclosure.tally.disclosures_met += 1
        self._disclosures = keep

    def _read(self, message: AnalyzedMessage, sender: str, tally: Tally) -> None:
        """Count what the coach read in one text message."""
        tone = message.tone
        if tone == "positive":
            tally.positive += 1
        elif tone == "corrective":
            tally.corrective += 1
        else:
            tally.neutral += 1
        flags = message.flags
        patterns: list[str] = []
        if flags:
            patterns = self._count_flags(flags, tally)
            if "bid" in flags:
                self._bids.append(_Waiting(message.time + self._window, sender, tally))
        if message.depth == "experience":
            tally.disclosures += 1
            patterns.append("disclosure")
            self._disclosures.append(_Waiting(message.time + self._window, sender, tally))
        if message.text is not None and patterns:
            self._keep_examples(message, sender, patterns)

    @staticmethod
    def _count_flags(flags: frozenset[str], tally: Tally) -> list[str]:
        patterns: list[str] = []
        if "bid" in flags:
            tally.bids += 1
            patterns.append("bid")
        if "appreciation" in flags:
            tally.appreciations += 1
            patterns.append("appreciation")
        if "affection" in flags:
            tally.affection += 1
            patterns.append("affection")
        if "blame" in flags:
            tally.criticism += 1
            patterns.append("criticism")
        if "contempt" in flags:
            tally.contempt += 1
            patterns.append("contempt")
        if "defensiveness" in flags:
            tally.defensiveness += 1
            patterns.append("defensiveness")
        if "stonewalling" in flags:
            tally.stonewalling += 1
            patterns.append("stonewalling")
        return patterns

    def _keep_examples(self, message: AnalyzedMessage, sender: str, patterns: list[str]) -> None:
        """The first few messages of each pattern, kept only when the person asked for examples."""
        if not self.options.examples or message.text is None:
            return
        limit = self.options.examples_per_pattern
        for pattern in patterns:
            kept = self._examples.setdefault(pattern, [])
            if len(kept) < limit:
                kept.append(ChatExample(pattern, sender, message.time, message.text))

    def _latency_of(self, sender: str) -> LatencyHistogram:
        histogram = self._latency.get(sender)
        if histogram is None:
            histogram = self._latency[sender] = LatencyHistogram()
        return histogram

    def _pair(self, initiator: str, responder: str) -> PairTally:
        key = (initiator, responder)
        pair = self._pairs.get(key)
        if pair is None:
            pair = self._pairs[key] = PairTally()
        return pair


def window_of(text: str) -> timedelta:
    """Parse a window such as `3h`, `90m`, `45s` or `1d` (a bare number means hours)."""
    units = {"s": 1, "m": 60, "h": 3600, "d": 86400}
    raw = text.strip().lower()
    unit = raw[-1:] if raw[-1:] in units else "h"
    number = raw[:-1] if raw[-1:] in units else raw
    try:
        value = float(number)
    except ValueError:
        raise InvalidInput(f"--window {text!r} is not a duration like 3h, 90m or 1d") from None
    if value <= 0:
        raise InvalidInput(f"--window {text!r} must be longer than zero")
    return timedelta(seconds=value * units[unit])
