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
    return _answer_of(message.kind, message.tone, message.flags)


def _answer_of(kind: MessageKind, tone: str, flags: frozenset[str]) -> str:
    if kind is not MessageKind.TEXT or tone != "corrective":
        return TOWARD
    return AGAINST if flags & HOSTILE_FLAGS else AWAY


# The coach flags that are example patterns, in the order their examples are kept.
PATTERN_OF_FLAG = {
    "bid": "bid",
    "appreciation": "appreciation",
    "affection": "affection",
    "blame": "criticism",
    "contempt": "contempt",
    "defensiveness": "defensiveness",
    "stonewalling": "stonewalling",
}
PATTERN_FLAGS = tuple(PATTERN_OF_FLAG)

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
        self._keeping_examples = self.options.examples
        self._year = 0
        self._month_number = 0
        self._month = ""
        self._month_tallies: dict[str, Tally] = {}
        self._previous_sender: str | None = None
        self._previous_time = datetime.min  # set with the first sender, read only after it
        self._reply_histograms: dict[
            tuple[str, str], tuple[LatencyHistogram, LatencyHistogram]
        ] = {}  # (previous sender, replier) -> the replier's and the pair's latency
        self._first = datetime.max  # the span seen so far; max/min until the first message
        self._last = datetime.min

    def add(self, message: AnalyzedMessage) -> None:
        """Count one message (in file order)."""
        self.count(*message)

    def count(
        self,
        time: datetime,
        sender: str | None,
        kind: MessageKind,
        flags: frozenset[str] = frozenset(),
        tone: str = "neutral",
        depth: str = "none",
        text: str | None = None,
    ) -> None:
        """Count one message given as the fields of an `AnalyzedMessage`, in the same order.

        `add` without the message: the report's loop calls this once per message of histories
        with millions of them, and making no `AnalyzedMessage` at all saves a tuple each.
        """
        # the span: exports are in file order, which is nearly but not always time order
        if time > self._last:
            self._last = time
        if time < self._first:
            self._first = time
        if time.month != self._month_number or time.year != self._year:
            self._switch_month(time)
        if self._bids or self._disclosures:
            self._expire(time)
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
        if previous != sender and previous is not None:
            self._reply(previous, sender, time, tally)
        if self._bids:
            self._answer_bids(sender, kind, tone, flags)
        if kind is _MEDIA:
            tally.media += 1
        else:  # what the coach read in a text (inline: most texts have neither flag nor depth)
            tally.texts += 1
            if tone == "neutral":
                tally.neutral += 1
            elif tone == "positive":
                tally.positive += 1
            elif tone == "corrective":
                tally.corrective += 1
            else:
                tally.neutral += 1
            if flags:
                self._flags(time, sender, tally, flags)
            disclosure = depth == "experience"
            if disclosure:
                if self._disclosures:
                    self._meet_disclosures(sender)
                tally.disclosures += 1
                self._disclosures.append(_Waiting(time + self._window, sender, tally))
            if self._keeping_examples and text is not None:
                self._keep_examples(time, sender, text, flags, disclosure)
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
            span=(None, None) if self._last is datetime.min else (self._first, self._last),
            window=self._window,
            examples=examples,
        )

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
        gap = time - self._previous_time
        if gap > self._reply_gap:
            return
        seconds = gap.days * 86400 + gap.seconds  # whole seconds; negative when out of order
        if seconds < 0:
            seconds = 0
        tally.replies += 1
        histograms = self._reply_histograms.get((previous, sender))
        if histograms is None:
            histograms = self._reply_histograms[(previous, sender)] = (
                self._latency_of(sender),
                self._pair(previous, sender).latency,
            )
        histograms[0].add(seconds)
        histograms[1].add(seconds)

    def _answer_bids(
        self, sender: str, kind: MessageKind, tone: str, flags: frozenset[str]
    ) -> None:
        bids = self._bids
        if all(bid.sender == sender for bid in bids):
            return  # only the sender's own bids wait: nothing to answer
        answer = _answer_of(kind, tone, flags)
        keep: deque[_Waiting] = deque()
        for bid in bids:
            if bid.sender == sender:
                keep.append(bid)
                continue
            if answer == TOWARD:
                bid.tally.bids_toward += 1
                self._pair(bid.sender, sender).bids_toward += 1
            elif answer == AGAINST:
                bid.tally.bids_against += 1
                self._pair(bid.sender, sender).bids_against += 1
            else:
                bid.tally.bids_away += 1
                self._pair(bid.sender, sender)  # the pair exists once a bid met an answer
        self._bids = keep

    def _meet_disclosures(self, sender: str) -> None:
        keep: deque[_Waiting] = deque()
        for disclosure in self._disclosures:
            if disclosure.sender == sender:
                keep.append(disclosure)
            else:
                disclosure.tally.disclosures_met += 1
        self._disclosures = keep

    def _flags(self, time: datetime, sender: str, tally: Tally, flags: frozenset[str]) -> None:
        """Count the coach flags of one text message."""
        if "bid" in flags:
            tally.bids += 1
            self._bids.append(_Waiting(time + self._window, sender, tally))
        if "appreciation" in flags:
            tally.appreciations += 1
        if "affection" in flags:
            tally.affection += 1
        if "blame" in flags:
            tally.criticism += 1
        if "contempt" in flags:
            tally.contempt += 1
        if "defensiveness" in flags:
            tally.defensiveness += 1
        if "stonewalling" in flags:
            tally.stonewalling += 1

    def _keep_examples(
        self, time: datetime, sender: str, text: str, flags: frozenset[str], disclosure: bool
    ) -> None:
        """The first few messages of each pattern, kept only when the person asked for examples."""
        patterns = [PATTERN_OF_FLAG[flag] for flag in PATTERN_FLAGS if flag in flags]
        if disclosure:
            patterns.append("disclosure")
        limit = self.options.examples_per_pattern
        for pattern in patterns:
            kept = self._examples.setdefault(pattern, [])
            if len(kept) < limit:
                kept.append(ChatExample(pattern, sender, time, text))

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
