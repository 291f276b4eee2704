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

from tending.coach.language import foreign_words
from tending.coach.lexicon import Lexicon

try:  # the fast path in C (`setup.py`; optional: without a compiler the Python path reads all)
    from tending.coach._normalize import Reader
except ImportError:  # pragma: no cover - only where the extension could not be built
    Reader = None  # type: ignore[assignment,misc]

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
PLAIN_BREAKERS = re.compile(r"['0-9\t\n\r]")  # (and "  ": tested apart, faster; "<3" has a digit)
APOSTROPHE_OR_DIGIT = re.compile(r"['0-9]")  # PLAIN_BREAKERS less the spacing
NON_ASCII = "[^\\x00-\\x7f]"
NON_ASCII_RUNS = re.compile(f"{NON_ASCII}+")
WORD_CHAR = re.compile(r"\w")
SPACE_CHAR = re.compile(r"\s")
# "lets" opening a clause (the start of a text or line, after a stop or comma, or after an
# opening word: the lexicon's `lead` words and `OPENERS`), and not followed by whom it lets
LETS = r"(?:^|[.!?;:,(\n]\s*|\b(?:{openers})\s+)lets\b(?! (?:me|you|him|her|them|it|us)\b)"
OPENERS = ("and", "but", "then", "now", "please", "maybe", "alright", "yes", "no", "sure", "fine")
KEPT = 50_000  # the most words, and runs of emoji, whose readings a normalizer keeps
KEPT_LENGTH = 40  # the longest kept (a page of another script is one run: read, not kept)
UNREAD: tuple[tuple[int, int, str], ...] = ((-1, -1, ""),)  # a run not read yet (by identity)
UNREAD_TOKEN = "\x00unread"  # a token not read yet (by identity: no token holds "\x00")
SPACES_AS_WRITTEN = r"[ \t]*[\r\n]+\s*|[ \t]{2,}|\t"  # odd spacing: a line break, 2+ spaces, a tab
# The same expression sorted by its first character: each alternative then starts with a plain
# character, so Python's `re` scans for those four instead of trying all three alternatives at
# every position (about 3x faster on a multi-line message). The same matches at the same spans:
# a match of the first alternative that starts with a space or tab takes it in its `[ \t]*`.
SPACES = re.compile(
    r" (?:[ \t]*[\r\n]+\s*|[ \t]+)|\t(?:[ \t]*[\r\n]+\s*|[ \t]+|)|\r[\r\n]*\s*|\n[\r\n]*\s*"
)


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
        self,
        lexicon: Lexicon,
        vocabulary: Iterable[str] | Callable[[], Iterable[str]],
        *,
        compiled: bool | None = None,
    ) -> None:
        """`vocabulary`: the words a collapsed spelling may be ("sooo" -> "so"), or a function
        giving them, called the first time one is needed. `compiled`: read by the C reader
        (`_normalize.c`; the default where it is built) or in Python only."""
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
        # words met that are neither a chat spelling nor hold a tripled letter (at most KEPT,
        # none longer than KEPT_LENGTH)
        self._plain: set[str] = set()
        # a run of non-ASCII characters -> its emoji's changes (`_run_changes`), kept as words
        self._runs: dict[str, tuple[tuple[int, int, str], ...] | None] = {}
        # the ASCII emoji keys ("<3"), which send a text down the plain path: those with an
        # apostrophe or a digit are looked for only in texts that have one
        self._ascii_keys = tuple(key for key in lexicon.emoji if key[:1].isascii())
        odd = [key for key in self._ascii_keys if APOSTROPHE_OR_DIGIT.search(key)]
        self._plain_key = _finder([key for key in self._ascii_keys if key not in odd])
        self._odd_key = _finder(odd)
        # a token -> what it becomes (`_token_change`), kept as words are
        self._tokens: dict[str, str | None] = {}
        # can every emoji be read inside its run of non-ASCII characters (`_run_only`)? Else
        # only plain ASCII texts have a fast path
        self._emoji_runs = all(map(_run_only, lexicon.emoji)) and _run_only(TAIL_CHARS)
        if compiled is None:
            compiled = Reader is not None
        self.compiled = bool(compiled and self._emoji_runs and Reader is not None)
        # "lets" where it opens a clause: the start of a suggestion (`_suggestions`)
        openers = "|".join(map(re.escape, sorted({*lexicon.classes.get("lead", ()), *OPENERS})))
        self._lets = re.compile(LETS.format(openers=openers))
        if self.compiled:
            # the C reader reads what it can (`_by_parts` of any text, with the same kept
            # readings), hands the rest to `_in_python`, and a text whose words hold "lets" to
            # `_suggestions`; `normalize` is its method
            # (it marks the words of other languages as it keeps its readings: the glue's
            # language test reads those marks, not the words; see `language.foreign_words`)
            self.normalize = Reader(  # type: ignore[method-assign,assignment]
                self._tokens, self._runs, self._kept_token_change, self._kept_run_changes,
                self._ascii_keys, Normalized, self._in_python, self._suggestions,
                foreign_words(lexicon),
            ).normalize  # fmt: skip

    def normalize(self, text: str) -> Normalized:
        """Normalize `text` and record how to map positions back.

        The same as `normalize_reference`, with two fast paths for the common texts: plain
        lower-case ASCII, and texts read by their parts (`_by_parts`). Where the C reader is
        built (`compiled`), an instance's `normalize` reads with the reader, which does the same.
        """
        found = self._in_python(text, text.lower())
        return self._suggestions(found) if "lets" in found.words else found

    def _suggestions(self, found: Normalized) -> Normalized:
        """`found` with each "lets" that opens a clause read as "let us": "lets go", "ok lets
        talk", "fine. lets not" suggest, where "he lets me eat" or "it lets you rest" tell what
        someone allows (so the token alone, as the spelling table reads it, cannot say)."""
        starts = [match.end() - 4 for match in self._lets.finditer(found.text)]
        if not starts:
            return found
        text, edits = found.text, list(found.edits)
        for start in reversed(starts):  # (from the end: the positions before stay true)
            orig_start, orig_end = found.original_span(start, start + 4)
            kept = [edit for edit in edits if edit[1] <= start]
            later = [(a + 2, b + 2, c, d) for a, b, c, d in edits if a >= start + 4]
            edits = [*kept, (start, start + 6, orig_start, orig_end), *later]
            text = f"{text[:start]}let us{text[start + 4 :]}"
        return Normalized(
            text, frozenset(WORDS.findall(text)), tuple(edit[0] for edit in edits), tuple(edits)
        )

    def _in_python(self, text: str, low: str) -> Normalized:
        """`normalize` in Python (`low` is `text.lower()`): the C reader's twin, and what reads
        the texts it declines."""
        changing = False  # is a word known to change?
        if low.isascii() and PLAIN_BREAKERS.search(low) is None and "  " not in low:
            # no apostrophe, digit (so no "<3") or odd spacing: only a chat spelling or a
            # tripled letter could change it, and the words are read one by one
            words = frozenset(WORDS.findall(low))
            if words <= self._plain or self._all_plain(words):
                return Normalized(low, words, (), ())
            changing = True
        if self._emoji_runs and len(low) == len(text):
            found = self._unless_ascii_emoji(low, changing)
            if found is None and not low.isascii() and CURLY.search(low) is not None:
                # curly apostrophes read as straight ones, as the plain path reads them
                found = self._unless_ascii_emoji(low.translate(APOSTROPHES), True)
            if found is not None:
                return found
        return self.normalize_reference(text)  # (`_suggestions` read again there: no change)

    def _unless_ascii_emoji(self, low: str, changing: bool) -> Normalized | None:
        """`_by_parts`, unless the text holds an ASCII emoji ("<3": the plain path reads it)."""
        odd = APOSTROPHE_OR_DIGIT.search(low) is not None
        if (self._plain_key is not None and self._plain_key(low) is not None) or (
            odd and self._odd_key is not None and self._odd_key(low) is not None
        ):
            return None
        return self._by_parts(low, changing or odd)

    def _all_plain(self, words: frozenset[str]) -> bool:
        """Is every word neither a chat spelling nor one with a tripled letter? (For a text
        whose words are its only runs of letters, the same as `TRIPLE` finding nothing in it
        and its words missing every spelling; one set test once its words have been met.)"""
        plain = self._plain
        if words <= plain:
            return True
        for word in words - plain:
            if word in self._spelled or TRIPLE.search(word) is not None:
                return False
            if len(plain) < KEPT and len(word) <= KEPT_LENGTH:
                plain.add(word)
        return True

    def _by_parts(self, low: str, changing: bool) -> Normalized | None:
        """`normalize_reference` of a lower-cased text with no ASCII emoji ("<3") whose
        non-ASCII characters are emoji or other characters that are no part of a word (no
        letter, no curly apostrophe): read by its parts, which never overlap, each part's
        reading kept. An emoji neither starts nor ends outside a run of non-ASCII characters
        (`_run_changes`); spacing is white space; a word changes as its token does
        (`_token_change`). Most texts have no apostrophe or digit: then the tokens are the
        words, and they change only if one is a chat spelling or has a tripled letter, which a
        set test of the words rules out (unless `changing`: a word is known to change, or the
        text has an apostrophe or digit). None where the plain path must read the text."""
        changes: list[tuple[int, int, str]] = []
        if not low.isascii():
            runs = self._runs
            for run in NON_ASCII_RUNS.finditer(low):
                found = runs.get(run.group(), UNREAD)
                if found is UNREAD:
                    found = self._kept_run_changes(run.group())
                if found is None:
                    return None
                if found:
                    base = run.start()
                    changes.extend([(base + start, base + end, new) for start, end, new in found])
        if "  " in low or "\t" in low or "\n" in low or "\r" in low:
            changes.extend(_spacing_changes(low))  # (white space: never part of an emoji)
        if not changing:
            normalized = _edited(low, changes)
            if self._all_plain(normalized.words):
                return normalized
        changes.extend(self._token_changes(low))
        return _edited(low, changes)

    def _token_changes(self, low: str) -> list[tuple[int, int, str]]:
        """`_word_changes`, each token's change kept."""
        changes: list[tuple[int, int, str]] = []
        kept = self._tokens
        for match in TOKENS.finditer(low):
            token = match.group()
            found = kept.get(token, UNREAD_TOKEN)
            if found is UNREAD_TOKEN:
                found = self._kept_token_change(token)
            if found is not None:
                changes.append((match.start(), match.end(), found))
        return changes

    def _kept_token_change(self, token: str) -> str | None:
        """`_token_change`, kept (at most KEPT tokens, none longer than KEPT_LENGTH)."""
        found = self._token_change(token)
        if len(self._tokens) < KEPT and len(token) <= KEPT_LENGTH:
            self._tokens[token] = found
        return found

    def _token_change(self, token: str) -> str | None:
        """What `_word_changes` makes of a token, or None. (Its test for a tripled letter in the
        whole text is met when the token has one.)"""
        if "'" in token:
            replacement = self._contraction(token)
        elif token in self._spelling:
            replacement = self._spelling[token]
        elif token.isascii() and token.isalpha() and TRIPLE.search(token):
            replacement = self._collapse(token)
        else:
            return None
        return None if replacement == token else replacement

    def _kept_run_changes(self, run: str) -> tuple[tuple[int, int, str], ...] | None:
        """`_run_changes`, kept as tokens are."""
        found = self._run_changes(run)
        if len(self._runs) < KEPT and len(run) <= KEPT_LENGTH:
            self._runs[run] = found
        return found

    def _run_changes(self, run: str) -> tuple[tuple[int, int, str], ...] | None:
        """The changes `_emoji_changes` finds in a run of non-ASCII characters, or None when a
        character outside its emoji is a word character or a curly apostrophe."""
        changes = self._emoji_changes(run)
        last = 0
        for start, end, _ in changes:
            if not _inert(run[last:start]):
                return None
            last = end
        return tuple(changes) if _inert(run[last:]) else None

    def normalize_reference(self, text: str) -> Normalized:
        """The plain path of `normalize` (every step, whatever the text holds)."""
        return self._suggestions(self._reference_reading(text))

    def _reference_reading(self, text: str) -> Normalized:
        """`normalize_reference` before `_suggestions`: the words, emoji and spacing read."""
        low = text.lower()
        if len(low) != len(text):  # a few characters lower-case to two; keep them as typed
            low = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)
        if not low.isascii() and CURLY.search(low) is not None:
            low = low.translate(APOSTROPHES)
        changes = self._word_changes(low)
        if not low.isascii() or "<3" in low:
            changes.extend(self._emoji_changes(low))
        if "  " in low or "\t" in low or "\n" in low or "\r" in low:
            changes.extend(_spacing_changes(low))
        return _edited(low, changes)

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


def _spacing_changes(low: str) -> list[tuple[int, int, str]]:
    """Odd spacing made plain: a line break (with the spaces around it) one "\\n", any other
    run of spaces and tabs one " "."""
    return [
        (m.start(), m.end(), "\n" if "\n" in m.group() or "\r" in m.group() else " ")
        for m in SPACES.finditer(low)
    ]


def _edited(low: str, changes: list[tuple[int, int, str]]) -> Normalized:
    """`low` with `changes` (start, end, replacement) made, and the edits that map it back."""
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


def _finder(keys: list[str]) -> Callable[[str], re.Match[str] | None] | None:
    """A search for any of `keys` in a text, or None when there are none."""
    return re.compile("|".join(map(re.escape, keys))).search if keys else None


def _run_only(key: str) -> bool:
    """Can this emoji key (or these tail characters) only ever match inside a run of non-ASCII
    characters and leave the words and spacing around it alone? Every character non-ASCII, no
    word character (a token's edge), no curly apostrophe (translated before emoji are looked
    for), no white space (odd spacing is made plain). The ASCII keys ("<3") are tested for in
    the text instead."""
    if key[:1].isascii():
        return True
    return not any(map(str.isascii, key)) and _inert(key) and SPACE_CHAR.search(key) is None


def _inert(chars: str) -> bool:
    """Neither a word character (the edge of a token) nor a curly apostrophe (translated
    before anything else is read) among `chars`."""
    return WORD_CHAR.search(chars) is None and CURLY.search(chars) is None
