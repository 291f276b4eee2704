"""The coach's value types: what `analyze` returns and the vocabularies it draws from."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

FLAGS: tuple[str, ...] = (
    "feeling",
    "faux_feeling",
    "need",
    "request",
    "demand",
    "blame",
    "absolute",
    "contempt",
    "defensiveness",
    "stonewalling",
    "past_grievance",
    "people_pleasing",
    "vulnerability",
    "appreciation",
    "affection",
    "complex",
    "reflection",
    "validation",
    "fixing",
    "minimizing",
    "curiosity",
    "permission",
    "bid",
    "safety",
)
TONES: tuple[str, ...] = ("positive", "corrective", "neutral")
DEPTHS: tuple[str, ...] = ("experience", "event", "others", "none")

# The SPEC derives tone from flags: corrective wins over positive.
CORRECTIVE_FLAGS = frozenset(
    {"blame", "contempt", "defensiveness", "stonewalling", "demand", "past_grievance", "minimizing"}
)
POSITIVE_FLAGS = frozenset({"appreciation", "affection", "validation", "reflection", "curiosity"})


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why one flag was raised: the span of `text` that shows it and a reason in plain words."""

    flag: str
    start: int
    end: int
    why: str

    def to_json(self) -> dict[str, Any]:
        """The evidence object of the batch contract."""
        return {"flag": self.flag, "start": self.start, "end": self.end, "why": self.why}


@dataclass(frozen=True, slots=True)
class Analysis:
    """What one message does relationally, with the words that show it."""

    flags: tuple[str, ...]
    tone: str
    depth: str
    evidence: tuple[Evidence, ...]
    suggestions: tuple[str, ...]
    language: str

    def to_json(self, id: Any = None) -> dict[str, Any]:  # noqa: A002 - the contract's key
        """The object of the SPEC's batch contract for this message."""
        return {
            "id": id,
            "flags": list(self.flags),
            "tone": self.tone,
            "depth": self.depth,
            "evidence": [item.to_json() for item in self.evidence],
            "suggestions": list(self.suggestions),
        }


def tone_of(flags: frozenset[str] | set[str]) -> str:
    """Tone as the SPEC defines it from the flags."""
    if flags & CORRECTIVE_FLAGS:
        return "corrective"
    if flags & POSITIVE_FLAGS:
        return "positive"
    return "neutral"
