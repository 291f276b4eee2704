"""The reassessment on the four foundations, and the change since the previous one."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from tending.domain.errors import InvalidInput
from tending.domain.reassessment import (
    SCORE_MAX,
    SCORE_MIN,
    Foundation,
    Reassessment,
    change_between,
)
from tending.services.people import resolve_person
from tending.services.workspace import Workspace


@dataclass(frozen=True)
class ReassessmentResult:
    """The reassessment just recorded, the one before it (if any) and the change per foundation."""

    current: Reassessment
    previous: Reassessment | None
    change: dict[Foundation, int]


def _checked(scores: Mapping[Foundation, int]) -> dict[Foundation, int]:
    missing = [foundation.value for foundation in Foundation if foundation not in scores]
    if missing:
        raise InvalidInput(
            f"a reassessment scores all four foundations; missing: {', '.join(missing)}"
        )
    for foundation, score in scores.items():
        if not SCORE_MIN <= score <= SCORE_MAX:
            raise InvalidInput(
                f"{foundation.value} is scored {SCORE_MIN} to {SCORE_MAX}, not {score}"
            )
    return {foundation: scores[foundation] for foundation in Foundation}


def record_reassessment(
    workspace: Workspace,
    scores: Mapping[Foundation, int],
    person: str | None = None,
    note: str | None = None,
) -> ReassessmentResult:
    """Store scores 1-10 on the four foundations (about one person, or overall)."""
    checked = _checked(scores)
    with workspace.unit_of_work() as uow:
        person_id = None if person is None else resolve_person(uow, person).id
        previous = uow.reassessments.latest(person_id)
        current = uow.reassessments.add(
            Reassessment(
                at=workspace.now(),
                scores=checked,
                person_id=person_id,
                note=None if note is None or not note.strip() else note.strip(),
            )
        )
        uow.commit()
    return ReassessmentResult(current, previous, change_between(previous, current))


def list_reassessments(workspace: Workspace, person: str | None = None) -> list[Reassessment]:
    """Reassessments about one person (or overall when `person` is None), oldest first."""
    with workspace.unit_of_work(read_only=True) as uow:
        person_id = None if person is None else resolve_person(uow, person, True).id
        return uow.reassessments.list(person_id)
