"""Likely base forms of an inflected word ('lonelier' -> 'lonely', 'anxiously' -> 'anxious').

Rules, not a dictionary: each returns candidates, and the vocabulary keeps the ones it knows.
"""

from __future__ import annotations

# (ending, replacement) pairs tried in order; several may apply to one word.
_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("iness", "y"),  # loneliness -> lonely
    ("ness", ""),  # sadness -> sad, calmness -> calm
    ("ily", "y"),  # angrily -> angry
    ("ly", ""),  # anxiously -> anxious
    ("ier", "y"),  # lonelier -> lonely
    ("iest", "y"),  # happiest -> happy
    ("er", ""),  # calmer -> calm
    ("est", ""),  # calmest -> calm
    ("r", ""),  # braver -> brave
    ("st", ""),  # bravest -> brave
    ("ies", "y"),  # boundaries -> boundary
    ("s", ""),  # needs in the plural
)


def normalize(word: str) -> str:
    """Lowercase, trimmed, inner whitespace and hyphens as in the word lists."""
    return " ".join(word.strip().lower().split())


def base_forms(word: str) -> tuple[str, ...]:
    """`word` itself first, then every candidate base form, without repeats."""
    word = normalize(word)
    found: list[str] = [word]
    for ending, replacement in _SUFFIXES:
        if word.endswith(ending) and len(word) - len(ending) >= 2:
            stem = word[: -len(ending)] + replacement
            found.append(stem)
            if len(stem) >= 3 and stem[-1] == stem[-2] and stem[-1] not in "aeiouls":
                found.append(stem[:-1])  # sadder -> sadd -> sad
    return tuple(dict.fromkeys(found))
