"""Telling English from other languages cheaply: script first, then common function words."""

from __future__ import annotations

import re

from tending.coach.lexicon import Lexicon

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
    """English or not, from the letters' script and the share of known function words."""

    def __init__(self, lexicon: Lexicon) -> None:
        english = lexicon.stopwords["en"]
        self._english = english
        # Words shared with English ("die", "was") say nothing about the language.
        self._others = {
            code: words - english for code, words in lexicon.stopwords.items() if code != "en"
        }
        self._foreign = frozenset().union(*self._others.values())

    def guess(self, text: str, words: frozenset[str]) -> str:
        """'en' for English (or no words at all), else a language code or 'und'."""
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
        if best == 0 or english > best or (english == best and english >= 2):
            return "en"
        return best_code


def script_char(char: str) -> bool:
    """Does `SCRIPT_CHARS` match this non-ASCII character: a letter or other word character
    that is not a decimal digit (what `[^\\W\\d_]` matches), or one of the Latin range? (A
    test of the few non-ASCII characters of a text, where the expression searched it all.)"""
    return "\u00c0" <= char <= "\u024f" or (char.isalnum() and not char.isdecimal())
