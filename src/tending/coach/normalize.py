"""Normalizing a message so the rules read meaning, not spelling, while keeping exact offsets.

"U never listen!!" and "You never listen" must read the same, yet the evidence must point at the
characters the person typed. So the text is lower-cased, contractions and chat spellings are
expanded and emoji become `emo_*` words, and every change is recorded as an edit that maps a
position in the normalized text back to the original.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable
from typing import NamedTuple

from tending.coach.lexicon import Lexicon

APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\uff07": "'"})
CURLY = re.compile("[\u2019\u2018\u02bc\uff07]")  # (a search: translating is slow off ASCII)
# Pronoun + contraction endings read as the full words.
SUFFIXES = {"re": " are", "ve": " have", "ll": " will", "m": " am", "d": " would"}
TAIL_CHARS = "\ufe0f\u200d\U0001f3fb\U0001f3fc\U0001f3fd\U0001f3fe\U0001f3ff"
EMOJI_TAIL = f"[{TAIL_CHARS}]*"
RUNS = re.compile(r"([a-z])\1+")
LONG_RUNS = re.compile(r"([a-z])\1{2,}")
WORDS = re.compile(r"[a-z_]+")
TOKENS = re.compile(r"\w+(?:'\w+)?")
TRIPLE = re.compile(r"([a-z])\1\1")
# what sends a lower-cased ASCII text down the full path: apostrophes (contractions), digits
# (spellings like "2day", "gr8"), odd spacing, the "<3" heart and tripled letters ("sooo")
PLAIN_BREAKERS = re.compile(r"['0-9\t\n\r]")  # (and "  ", "<3", TRIPLE: tested apart, faster)
NON_ASCII = "[^\\x00-\\x7f]"
SPACES = re.compile(r"[ \t]*[\r\n]+\s*|[ \t]{2,}|\t")


class Normalized(NamedTuple):
    """The normalized text, its word set and the edits that map it back to the original.

    (A named tuple: one is made per message, and a tuple is the cheapest immutable record.)
    """

    text: str
    words: frozenset[str]
    edit_starts: tuple[int, ...]
    edits: tuple[tuple[int, int, int, int], ...]  # (norm_start, norm_end, orig_start, orig_end)

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that the normalized span [start, end) came from."""
        if not self.edits:
            return start, end
        return self._map(start, is_end=False), self._map(end, is_end=True)

    def _map(self, position: int, is_end: bool) -> int:
        index = bisect_right(self.edit_starts, position - 1 if is_end else position) - 1
        if index < 0:
            return position
        norm_start, norm_end, orig_start, orig_end = self.edits[index]
        if position < norm_end or (is_end and position == norm_end):
            return orig_end if is_end else orig_start
        return position - norm_end + orig_end


class Normalizer:
    """Builds `Normalized` texts.

    Words are read one by one (a dictionary look-up each); emoji and odd spacing are searched
    for only when the text can hold them, which keeps the common short message cheap.
    """

    def __init__(
        self, lexicon: Lexicon, vocabulary: Iterable[str] | Callable[[], Iterable[str]]
    ) -> None:
        """`vocabulary`: the words a collapsed spelling may be ("sooo" -> "so"), or a function
        giving them, called the first time one is needed."""
        self._spelling = lexicon.spelling
        self._spelled = frozenset(lexicon.spelling)  # a set, so `isdisjoint` walks the words
        self._emoji = lexicon.emoji
        self._words = vocabulary
        self._known: frozenset[str] | None = None
        emoji = "|".join(re.escape(key) for key in sorted(lexicon.emoji, key=len, reverse=True))
        self._emoji_pattern = re.compile(f"(?:{emoji}){EMOJI_TAIL}")
        # where an emoji can start: any non-ASCII character, or an ASCII first character of a
        # key ("<" of "<3"); one range test a character, where the emoji alternation tries
        # every key at every position
        firsts = "".join(sorted({re.escape(key[0]) for key in lexicon.emoji if key[:1].isascii()}))
        self._emoji_start = re.compile(f"[{firsts}]|{NON_ASCII}" if firsts else NON_ASCII)

    def normalize(self, text: str) -> Normalized:
        """Normalize `text` and record how to map positions back."""
        low = text.lower()
        if (
            low.isascii()
            and PLAIN_BREAKERS.search(low) is None
            and "  " not in low
            and "<3" not in low
            and TRIPLE.search(low) is None
        ):
            # Plain lower-case ASCII with no apostrophe, digit, odd spacing, "<3" or tripled
            # letter: only a chat spelling could change it, and a set test finds those.
            words = frozenset(WORDS.findall(low))
            if words.isdisjoint(self._spelled):
                return Normalized(low, words, (), ())
        return self.normalize_reference(text)

    def normalize_reference(self, text: str) -> Normalized:
        """The plain path of `normalize` (every step, whatever the text holds)."""
        low = text.lower()
        if len(low) != len(text):  # a few characters lower-case to two; keep them as typed
            low = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)
        if not low.isascii() and CURLY.search(low) is not None:
            low = low.translate(APOSTROPHES)
        changes = self._word_changes(low)
        if not low.isascii() or "<3" in low:
            changes.extend(self._emoji_changes(low))
        if "  " in low or "\t" in low or "\n" in low or "\r" in low:
            changes.extend(
                (m.start(), m.end(), "\n" if "\n" in m.group() or "\r" in m.group() else " ")
                for m in SPACES.finditer(low)
            )
        if not changes:
            return Normalized(low, frozenset(WORDS.findall(low)), (), ())
        changes.sort()
        pieces: list[str] = []
        edits: list[tuple[int, int, int, int]] = []
        last = shift = 0
        for start, end, replacement in changes:
            if start < last:  # overlapping change: the earlier one wins
                continue
            pieces.append(low[last:start])
            pieces.append(replacement)
            edits.append((start + shift, start + shift + len(replacement), start, end))
            shift += len(replacement) - (end - start)
            last = end
        pieces.append(low[last:])
        low = "".join(pieces)
        return Normalized(
            low, frozenset(WORDS.findall(low)), tuple(edit[0] for edit in edits), tuple(edits)
        )

    def _word_changes(self, low: str) -> list[tuple[int, int, str]]:
        changes: list[tuple[int, int, str]] = []
        spelling = self._spelling
        tripled = TRIPLE.search(low) is not None  # else no token holds a tripled letter
        if not tripled and "'" not in low and self._spelled.isdisjoint(TOKENS.findall(low)):
            return changes  # only a chat spelling could change a word, and there is none
        for match in TOKENS.finditer(low):
            token = match.group()
            if "'" in token:
                replacement = self._contraction(token)
            elif token in spelling:
                replacement = spelling[token]
            elif tripled and token.isascii() and token.isalpha() and TRIPLE.search(token):
                replacement = self._collapse(token)
            else:
                continue
            if replacement is not None and replacement != token:
                changes.append((match.start(), match.end(), replacement))
        return changes

    def _emoji_changes(self, low: str) -> list[tuple[int, int, str]]:
        """Each emoji of `low`: the matches `self._emoji_pattern.finditer(low)` gives, found by
        trying the pattern only where an emoji can start (keys are never empty, so every match
        moves on)."""
        changes: list[tuple[int, int, str]] = []
        if not self._emoji:
            return changes
        start_search = self._emoji_start.search
        match_at = self._emoji_pattern.match
        position = 0
        while (start := start_search(low, position)) is not None:
            match = match_at(low, start.start())
            if match is None:
                position = start.start() + 1
                continue
            position = match.end()
            found = self._emoji.get(match.group().rstrip(TAIL_CHARS))
            if found:
                changes.append((match.start(), position, f" {found} "))
        return changes

    def _contraction(self, token: str) -> str | None:
        if token in self._spelling:
            return self._spelling[token]
        stem, _, ending = token.rpartition("'")
        if not (stem.isascii() and stem.isalpha() and ending.isalpha()):
            return None
        if ending == "t" and stem.endswith("n"):
            return stem[:-1] + " not"
        if ending in SUFFIXES:
            return stem + SUFFIXES[ending]
        return None

    def _collapse(self, token: str) -> str:
        """'sooo' -> 'so', 'pleeease' -> 'please': the shortest spelling we know."""
        single = RUNS.sub(r"\1", token)
        double = LONG_RUNS.sub(r"\1\1", token)
        known = self._known
        if known is None:
            words = self._words() if callable(self._words) else self._words
            known = self._known = frozenset(words) | self._spelled
        for candidate in (double, single):
            if candidate in known:
                return self._spelling.get(candidate, candidate)
        return single
