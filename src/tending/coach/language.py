"""Telling English from other languages cheaply: script first, then common function words."""

from __future__ import annotations

import re

from tending.coach.lexicon import Lexicon

try:  # `guess` in C (`_normalize.c`; optional: without a compiler `guess` runs in Python)
    from tending.coach._normalize import Guess
except ImportError:  # pragma: no cover - only where the extension could not be built
    Guess = None  # type: ignore[assignment,misc]

LETTERS = re.compile(r"[^\W\d_]")
LATIN_LETTERS = re.compile(r"[a-zA-Z\u00c0-\u024f]")
# a letter outside ASCII, or a character of the Latin range the script test counts: without one,
# the letters and the Latin letters of a text are the same ASCII letters and the test cannot fail
SCRIPT_CHARS = re.compile(r"[^\W\d_\x00-\x7f]|[\u00c0-\u024f]")
RAW_WORDS = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
ASCII_WORDS = re.compile(r"[a-z]+(?:'[a-z]+)?")  # RAW_WORDS where every letter is ASCII
NON_ASCII = re.compile(r"[^\x00-\x7f]")
UNDETERMINED = "und"


class LanguageGuesser:
    """English or not, from the letters' script and the share of known function words.

    A text that holds a function word of another language is weighed: the words of each other
    language it holds against its English words, which are the English function words and the
    words the coach reads (`english_words`). One word that a language shares with English
    writing is no proof: "mi" is Spanish and Italian, and Jamaican English ("mi did tell yuh fi
    call mi"); "per", "van" and "die" are English words too. The English words around it
    outweigh it, where a message in another language has few.
    """

    def __init__(self, lexicon: Lexicon, *, compiled: bool | None = None) -> None:
        """`compiled`: guess with the C twin of `guess` (`_normalize.Guess`, the default where
        it is built), or in Python only."""
        function_words = lexicon.stopwords["en"]
        self._others = other_words(lexicon)
        self._foreign = frozenset().union(*self._others.values())
        # a text none of whose words is one of these, all of its characters ASCII, is English
        # (`guess`'s first test: a caller may make it first and call `guess` only when it fails)
        self.foreign = self._foreign
        self._english = function_words | (english_words(lexicon) - self._foreign)
        self._telling = _Telling(self._foreign)
        if compiled is None:
            compiled = Guess is not None
        self.compiled = bool(compiled and Guess is not None)
        if self.compiled:
            # the same answers; the tokens' readings that `_telling` keeps found in C by their
            # characters (about 1 us less a text with an emoji)
            self.guess = Guess(self._telling, self.guess_reference)  # type: ignore[method-assign]

    def guess(self, text: str, words: frozenset[str]) -> str:
        """'en' for English (or no words at all), else a language code or 'und'.

        `guess_reference` with a fast path for texts with emoji or other non-ASCII characters
        that are no letters: those read their words again from the text (not the normalized
        `words`), which costs about 4 µs; read whitespace-separated token by token, each
        token's reading kept, it is a few dictionary look-ups.
        """
        if text.isascii():
            if words.isdisjoint(self._foreign):
                return "en"
        elif not any(map(self._telling.__getitem__, text.split())):
            # no token holds a letter outside ASCII or a function word of another language: the
            # plain path finds no script to doubt and no foreign word, so English
            return "en"
        return self.guess_reference(text, words)

    def guess_reference(self, text: str, words: frozenset[str]) -> str:
        """The plain path of `guess` (the whole text read at once)."""
        if not text.isascii():
            # (emoji and punctuation alone, the common case, skip counting letters)
            if any(map(script_char, NON_ASCII.findall(text))):
                letters = len(LETTERS.findall(text))
                if letters and len(LATIN_LETTERS.findall(text)) * 2 < letters:
                    return UNDETERMINED
                words = frozenset(RAW_WORDS.findall(text.lower()))
            else:  # its letters are ASCII letters (as are those of text.lower())
                words = frozenset(ASCII_WORDS.findall(text.lower()))
        if words.isdisjoint(self._foreign):
            return "en"  # no function word of another language: English, as below
        english = len(words & self._english)
        best_code, best = UNDETERMINED, 0
        for code, known in self._others.items():
            count = len(words & known)
            if count > best:
                best_code, best = code, count
        if best == 0 or english > best:
            return "en"
        return best_code


def other_words(lexicon: Lexicon) -> dict[str, frozenset[str]]:
    """Each other language's function words that English does not share: words shared with
    English ("was", "no") say nothing about the language."""
    english = lexicon.stopwords["en"]
    return {code: words - english for code, words in lexicon.stopwords.items() if code != "en"}


def foreign_words(lexicon: Lexicon) -> frozenset[str]:
    """The words of `other_words`, of any language (`LanguageGuesser.foreign`): the normalizer's
    C reader marks them as it reads, for the language's first test."""
    return frozenset().union(*other_words(lexicon).values())


def english_words(lexicon: Lexicon) -> frozenset[str]:
    """The words the coach reads, all English: those of its word classes, its feelings and
    faux feelings, and the chat spellings with the plain words they stand for."""
    phrases = [phrase for phrases in lexicon.classes.values() for phrase in phrases]
    phrases += [*lexicon.valence, *lexicon.faux, *lexicon.spelling, *lexicon.spelling.values()]
    return frozenset(word for phrase in phrases for word in RAW_WORDS.findall(phrase))


def script_char(char: str) -> bool:
    """Does `SCRIPT_CHARS` match this non-ASCII character: a letter or other word character
    that is not a decimal digit (what `[^\\W\\d_]` matches), or one of the Latin range? (A
    test of the few non-ASCII characters of a text, where the expression searched it all.)"""
    return "\u00c0" <= char <= "\u024f" or (char.isalnum() and not char.isdecimal())


class _Telling(dict[str, bool]):
    """Token (as split on white space) -> can it tell the guess anything: does it hold a
    script character (`script_char`) or, lower-cased, a function word of another language?
    Filled as tokens are met, up to `KEPT` tokens of at most `KEPT_LENGTH` characters (a
    script written without spaces makes long tokens); others are worked out and not kept.

    A text none of whose tokens can is English by `guess_reference`: white space holds no
    script character, and lower-casing leaves white space alone and reads no further than it
    (it works character by character; the one exception, the final sigma, looks no further
    than the word), so the ASCII words the plain path reads are the tokens' words.
    """

    def __init__(self, foreign: frozenset[str]) -> None:
        super().__init__()
        self._foreign = foreign

    def __missing__(self, token: str) -> bool:
        telling = any(map(script_char, NON_ASCII.findall(token))) or not self._foreign.isdisjoint(
            ASCII_WORDS.findall(token.lower())
        )
        if len(self) < KEPT and len(token) <= KEPT_LENGTH:
            self[token] = telling
        return telling


KEPT = 50_000
KEPT_LENGTH = 40
