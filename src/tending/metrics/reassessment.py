"""The change between the last two self-assessments on the four foundations."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from tending.domain.reassessment import Foundation, Reassessment


@dataclass(frozen=True)
class ReassessmentChange:
    """`deltas` holds latest minus previous for each foundation scored in both."""

    previous: Reassessment
    latest: Reassessment
    deltas: dict[Foundation, int]


def reassessment_change(
    reassessments: Iterable[Reassessment], person_id: int | None = None
) -> ReassessmentChange | None:
    """The change since the one before the latest, about `person_id` (None: overall ones).

    None when fewer than two reassessments exist for that scope.
    """
    scoped = sorted((r for r in reassessments if r.person_id == person_id), key=lambda r: r.at)
    if len(scoped) < 2:
        return None
    previous, latest = scoped[-2], scoped[-1]
    deltas = {
        foundation: latest.scores[foundation] - previous.scores[foundation]
        for foundation in Foundation
        if foundation in latest.scores and foundation in previous.scores
    }
    return ReassessmentChange(previous, latest, deltas)
