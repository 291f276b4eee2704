"""The coach's readings of short texts, remembered while one chat history is read.

Real chats say the same short things again and again ("ok", "haha", "love you", "on my way", a
lone emoji), and for most texts the coach's flags, tone and depth depend on the text alone. A few
of its patterns read a reply with the message it answers (the context), and the coach says when
that can matter for a text (`tending.coach.Reading.context_matters`, a property of the text
alone): such readings are never remembered. Every other text the coach has read once need not
be read again. Only short texts are remembered: long ones almost never repeat exactly,
and leaving them out bounds the memory (at most 2 x `limit` texts of `longest` characters). Texts
with the same reading share one reading object, so an entry costs the text and a dictionary slot:
at most about 70 MB with the defaults; 33 MB measured on the benchmark's chat-like million messages.

The memory has two generations, a cheap stand-in for least-recently-used: texts go into `recent`;
when it is full it becomes `older` (the previous `older` is dropped) and a new `recent` starts; a
text found in `older` moves back into `recent`. Frequent texts therefore stay, rare ones age out,
and a hit costs one or two dictionary look-ups with no bookkeeping.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

Reading = tuple[frozenset[str], str, str]  # the coach's flags, tone and depth
# what the reader gives: the reading, and whether it holds whatever the message answered
# (only then may it be remembered by the text alone)
Reader = Callable[[str, str | None], tuple[Reading, bool]]
READINGS_KEPT = 100_000  # distinct short texts per generation
SHORT_TEXT = 48  # characters: a text this long or shorter is remembered
SHARED_KEPT = 10_000  # distinct readings shared between texts (a few hundred in practice)


@dataclass
class ReadingStats:
    """How often a text's reading was found in the memory instead of asking the coach."""

    hits: int = 0  # short texts found in the memory
    misses: int = 0  # short texts the coach read (then remembered, unless the context mattered)
    long: int = 0  # texts over the length limit, always read by the coach

    @property
    def texts(self) -> int:
        return self.hits + self.misses + self.long

    @property
    def hit_rate(self) -> float | None:
        """Share of all texts answered from memory; None before any text."""
        return self.hits / self.texts if self.texts else None


class ReadingMemory:
    """Readings of short texts, in two bounded generations (see the module docstring).

    `read(text, context)` asks the coach (the reading, and whether it may be remembered);
    `reading(text, context)` answers from memory when it can; `stats` counts how often it could.
    """

    __slots__ = ("limit", "longest", "older", "read", "recent", "shared", "stats")

    def __init__(
        self,
        read: Reader,
        limit: int = READINGS_KEPT,
        longest: int = SHORT_TEXT,
    ) -> None:
        self.read = read
        self.limit = limit
        self.longest = longest
        self.recent: dict[str, Reading] = {}
        self.older: dict[str, Reading] = {}
        self.shared: dict[Reading, Reading] = {}
        self.stats = ReadingStats()

    def reading(self, text: str, context: str | None) -> Reading:
        """The coach's reading of `text`, from memory when this short text was read before."""
        if len(text) > self.longest:
            self.stats.long += 1
            return self.read(text, context)[0]
        found = self.recent.get(text)
        if found is not None:
            self.stats.hits += 1
            return found
        found = self.older.get(text)
        if found is None:
            self.stats.misses += 1
            found, holds = self.read(text, context)
            if not holds:  # the message answered could change it: not remembered
                return found
            shared = self.shared.setdefault(found, found)  # one object per distinct reading
            if len(self.shared) > SHARED_KEPT:
                self.shared.clear()
            found = shared
        else:
            self.stats.hits += 1
        self.remember(text, found)
        return found

    def remember(self, text: str, found: Reading) -> None:
        """Put a reading into the recent generation, starting a new one when it is full."""
        self.recent[text] = found
        if len(self.recent) >= self.limit:
            self.older = self.recent
            self.recent = {}
