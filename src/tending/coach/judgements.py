"""Judgements of who the other is ("you're so lazy", "you're a liar") turned toward the kind of
moment they usually point to, from `judgements.tsv`.

A judgement holds no moment to tell back, and its word must never come back in the rewrite: each
row gives a prompt in brackets the writer fills with their own moment ("[the chore or task that
was left, and when]"), with the feelings, need and request of a rewrite. Nothing about the
couple's life is made up: the prompt only says which kind of moment to look for.
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from tending.coach.data_files import read_data_text, tsv_rows
from tending.coach.lazy import LazyRegex
from tending.domain.errors import FormatProblem


class Topic(NamedTuple):
    """What a complaint about one kind of act (or one judgement) is usually about."""

    moment: str
    feelings: str
    need: str
    request: str


class Judgements(NamedTuple):
    """The rows of `judgements.tsv` by word, and one expression that finds any of the words."""

    by_word: dict[str, Topic]
    finder: LazyRegex  # compiled when a rewrite first needs it


@cache
def load_judgements() -> Judgements:
    """`judgements.tsv`, read and checked once: no word listed twice, and no row's prompt or
    request says one of the words (the rewrite would repeat the insult)."""
    name = "judgements.tsv"
    by_word: dict[str, Topic] = {}
    for number, row in tsv_rows(name, read_data_text(name), 5):
        topic = Topic(*row[1:])
        for word in (word.strip() for word in row[0].split(",")):
            if not word or word in by_word:
                raise FormatProblem(f"{name} line {number}: {word!r} is empty or listed twice")
            by_word[word] = topic
    for word, topic in by_word.items():
        for text in (topic.moment, topic.request):
            if _says(word, text):
                raise FormatProblem(f"{name}: the row of {word!r} repeats it: {text!r}")
    if "*" not in by_word:
        raise FormatProblem(f"{name}: the row '*' (a jab with no judgement word) is missing")
    words = sorted(set(by_word) - {"*"}, key=len, reverse=True)
    finder = LazyRegex(r"(?<![\w'-])(?:" + "|".join(map(re.escape, words)) + r")(?![\w'-])")
    return Judgements(by_word, finder)


def _says(word: str, text: str) -> bool:
    r"""Does `text` hold `word` whole, not inside a longer word, a hyphenation or a contraction
    (what `(?<![\w'-])word(?![\w'-])` finds; plain finds, where compiling one expression a word
    cost 40 ms at load)?"""
    start = text.find(word)
    while start >= 0:
        end = start + len(word)
        before = start and _in_word(text[start - 1])
        if not before and not (end < len(text) and _in_word(text[end])):
            return True
        start = text.find(word, start + 1)
    return False


def _in_word(char: str) -> bool:
    return char.isalnum() or char in "_'-"


def judged(sentence: str, jab: bool = False) -> Topic | None:
    """The row of the first judgement word in `sentence` (normalized, lower case); for a `jab`
    (contempt: sarcasm, mockery) without one, the row '*' that asks for the moment behind it;
    else None."""
    judgements = load_judgements()
    found = judgements.finder.search(sentence)
    if found:
        return judgements.by_word[found.group()]
    return judgements.by_word["*"] if jab else None
