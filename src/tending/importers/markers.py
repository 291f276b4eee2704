"""The texts WhatsApp writes in place of a message (media, deleted, edited, calls, system notices).

They are data (`data/whatsapp_markers.json`), loaded once through importlib.resources and checked
on load, so adding a language is an edit to the data file, not to code.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

_TRIM = " \t\u200e\u200f\u202f\u00a0"
_TRIM_STOP = _TRIM + "."
_KEYS = (
    "media", "media_prefixes", "media_suffixes", "deleted", "edited", "system_phrases", "calls",
    "call_details",
)  # fmt: skip


def normalise(text: str) -> str:
    """The comparison key: trimmed, no direction marks, no final full stop, case folded."""
    return text.strip(_TRIM).rstrip(".").strip(_TRIM).casefold()


@dataclass(frozen=True)
class Markers:
    media: frozenset[str]
    media_prefixes: tuple[str, ...]  # ... and the text ends with ">"
    media_suffixes: tuple[str, ...]
    deleted: frozenset[str]
    edited: tuple[str, ...]
    system_pattern: re.Pattern[str]
    call_pattern: re.Pattern[str]
    # the last characters a normalised media or deleted text can end with (see `may_mark`)
    ends: frozenset[str] = frozenset()

    def may_mark(self, text: str) -> bool:
        """False when `text` cannot be a media or deleted marker, decided without normalising.

        The normalised text (`normalise`) ends with the case fold of the last character of
        `text` that is neither trimmed nor a full stop, or with a full stop (no marker does);
        when the fold of that character ends with none of the markers' last characters (`ends`),
        no marker can match. Most texts are told apart here, far cheaper than normalising them.
        """
        tail = text.rstrip(_TRIM_STOP)
        return bool(tail) and tail[-1].casefold()[-1] in self.ends

    def is_media(self, key: str) -> bool:
        """`key` is a normalised text (see `normalise`)."""
        if key in self.media or key.endswith(self.media_suffixes):
            return True
        return key.endswith(">") and key.startswith(self.media_prefixes)

    def is_call(self, text: str) -> bool:
        """`text` (as the message reads, U+200E marks and all) is a call notice: a call, not
        words someone wrote ("Missed voice call", "Voice call, 12 min")."""
        return self.call_pattern.fullmatch(normalise(text.replace("\u200e", ""))) is not None

    def strip_edited(self, text: str) -> tuple[str, bool]:
        """The text without a trailing "edited" marker, and whether there was one."""
        if not text.endswith(">"):
            return text, False
        for marker in self.edited:
            if text.endswith(marker):
                return text[: -len(marker)].rstrip(_TRIM), True
        return text, False


def _strings(data: dict[str, Any], key: str) -> list[str]:
    value = data.get(key)
    if not isinstance(value, list) or not value:
        raise ValueError(f"whatsapp_markers.json: '{key}' must be a non-empty list")
    if not all(isinstance(item, str) and item.strip() for item in value):
        raise ValueError(f"whatsapp_markers.json: '{key}' holds an empty or non-text entry")
    return value


def parse_markers(data: dict[str, Any]) -> Markers:
    """Build and check the markers from the decoded data file; raises ValueError when malformed."""
    lists = {key: _strings(data, key) for key in _KEYS}
    unknown = set(data) - set(_KEYS) - {"about"}
    if unknown:
        raise ValueError(f"whatsapp_markers.json: unknown keys {sorted(unknown)}")
    phrases = "|".join(re.escape(p) for p in lists["system_phrases"])
    media = frozenset(normalise(m) for m in lists["media"])
    suffixes = tuple(s.casefold() for s in lists["media_suffixes"])
    deleted = frozenset(normalise(m) for m in lists["deleted"])
    ends = frozenset(key[-1] for key in (*media, *suffixes, *deleted) if key) | {">"}
    if ends & set(_TRIM_STOP):  # `may_mark` relies on no marker ending with one of these
        raise ValueError("whatsapp_markers.json: a marker ends with a space or a full stop")
    return Markers(
        media=media,
        media_prefixes=tuple(p.casefold() for p in lists["media_prefixes"]),
        media_suffixes=suffixes,
        deleted=deleted,
        edited=tuple(lists["edited"]),
        system_pattern=re.compile(phrases, re.IGNORECASE),
        call_pattern=_call_pattern(lists["calls"], lists["call_details"]),
        ends=ends,
    )


def _call_pattern(calls: list[str], details: list[str]) -> re.Pattern[str]:
    """A notice, optionally followed by a comma and one detail (`#` in a detail is a number)."""
    notices = "|".join(re.escape(normalise(call)) for call in calls)
    shapes = "|".join(re.escape(normalise(d)).replace("\\#", r"\d+") for d in details)
    return re.compile(f"(?:{notices})(?:, ?(?:{shapes}))?")


@lru_cache(maxsize=1)
def load_markers() -> Markers:
    """The markers of the packaged data file (read once)."""
    text = (
        resources.files("tending.importers")
        .joinpath("data/whatsapp_markers.json")
        .read_text(encoding="utf-8")
    )
    return parse_markers(json.loads(text))
