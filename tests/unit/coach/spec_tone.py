"""The SPEC's tone rule, written out for the tests independently of the coach: the labelled sets
are linted against it (a line's tone must follow from its flags)."""

from __future__ import annotations

CORRECTIVE = frozenset(
    {"blame", "contempt", "defensiveness", "stonewalling", "demand", "past_grievance", "minimizing"}
)
POSITIVE = frozenset({"appreciation", "affection", "validation", "reflection", "curiosity"})


def spec_tone(flags: frozenset[str]) -> str:
    """corrective if any corrective flag, else positive if any positive flag, else neutral."""
    if flags & CORRECTIVE:
        return "corrective"
    return "positive" if flags & POSITIVE else "neutral"
