"""The evidence of an analysis: the hits' spans mapped back to the text as typed, trimmed of
spaces and dangling commas, in flag order and without repeats.

`evidence_of` is C (`_normalize.EvidenceOf`: `_normalize.evidence` with its order, record type
and twin bound) where the extension is built, else its Python twin `evidence_reference`;
`test_evidence.py` holds the two to each other.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from tending.coach.model import FLAGS, Evidence, new_evidence
from tending.coach.normalize import Normalized

try:  # the C twin (`setup.py`; optional)
    from tending.coach._normalize import EvidenceOf
    from tending.coach._normalize import evidence as _compiled
except ImportError:  # pragma: no cover - only where the extension could not be built
    _compiled = None  # type: ignore[assignment]

FLAG_ORDER = {flag: number for number, flag in enumerate(FLAGS)}
Spanned = Sequence[tuple[Any, ...]]  # hits: (flag, start, end, why, ...) tuples


def evidence_reference(
    hits: Spanned, normalized: Normalized, text: str, order: Mapping[str, int] = FLAG_ORDER
) -> tuple[Evidence, ...]:
    """One `Evidence` a hit, in `order` of flags then by span: each normalized span mapped back
    to `text` (`Normalized.original_span`), shrunk off spaces and dangling commas unless it
    starts and ends on a letter or digit, and a repeat of a flag and span dropped (the first
    hit's reason kept)."""
    if not hits:
        return ()
    seen: set[tuple[str, int, int]] = set()
    items: list[Evidence] = []
    for hit in sorted(hits, key=lambda h: (order[h[0]], h[1], h[2])):
        flag, start, end, why = hit[0], hit[1], hit[2], hit[3]
        start, end = normalized.original_span(start, end)
        if not (start < end and text[start].isalnum() and text[end - 1].isalnum()):
            start, end = trim(text, start, end)
        if (flag, start, end) not in seen:
            seen.add((flag, start, end))
            items.append(new_evidence(flag, start, end, why))
    return tuple(items)


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink a span so it neither starts nor ends with spaces or dangling commas."""
    while start < end and (text[start].isspace() or text[start] in ",;"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;"):
        end -= 1
    return start, end


# hits, normalized, text -> the evidence: the C twin with the order, record type and the Python
# twin (which answers for a span outside the text) bound (`_normalize.EvidenceOf`: one C object,
# each flag's rank kept by the flag, where a `partial` of `_compiled` copied six arguments for
# each call), where it is built
evidence_of: Callable[[Spanned, Normalized, str], tuple[Evidence, ...]] = (
    evidence_reference if _compiled is None
    else EvidenceOf(FLAG_ORDER, Evidence, evidence_reference)
)  # fmt: skip
