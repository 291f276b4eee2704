"""Reassessments: `reassessments` + `reassessment_scores` <-> `Reassessment`."""

from __future__ import annotations

import builtins
from collections import defaultdict
from typing import Any

from sqlalchemy import Connection, insert, select

from tending.domain.errors import NotFound
from tending.domain.reassessment import Foundation, Reassessment
from tending.storage.tables import reassessment_scores, reassessments

ALL = object()  # `list(person_id=ALL)`: every reassessment, about anyone or overall


class ReassessmentsRepository:
    """Self-assessments on the four foundations, oldest first."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def add(self, reassessment: Reassessment) -> Reassessment:
        """Store a reassessment and its scores; returns it with its id."""
        new_id = self.connection.execute(
            insert(reassessments)
            .values(at=reassessment.at, person_id=reassessment.person_id, note=reassessment.note)
            .returning(reassessments.c.id)
        ).scalar_one()
        if reassessment.scores:
            self.connection.execute(
                insert(reassessment_scores),
                [
                    {"reassessment_id": new_id, "foundation": foundation.value, "score": score}
                    for foundation, score in reassessment.scores.items()
                ],
            )
        return self.get(new_id)

    def get(self, reassessment_id: int) -> Reassessment:
        """The reassessment with this id, or NotFound."""
        found = self._load(select(reassessments).where(reassessments.c.id == reassessment_id))
        if not found:
            raise NotFound(f"no reassessment with id {reassessment_id}")
        return found[0]

    def list(self, person_id: int | None | object = ALL) -> builtins.list[Reassessment]:
        """Oldest first. `person_id=None` means the ones about relationships overall."""
        query = select(reassessments).order_by(reassessments.c.at, reassessments.c.id)
        if person_id is None:
            query = query.where(reassessments.c.person_id.is_(None))
        elif person_id is not ALL:
            query = query.where(reassessments.c.person_id == person_id)
        return self._load(query)

    def latest(self, person_id: int | None) -> Reassessment | None:
        """The newest reassessment about this person (None: overall), if any."""
        found = self.list(person_id)
        return found[-1] if found else None

    def _load(self, query: Any) -> builtins.list[Reassessment]:
        heads = list(self.connection.execute(query))
        if not heads:
            return []
        scores: dict[int, dict[Foundation, int]] = defaultdict(dict)
        rows = self.connection.execute(
            select(reassessment_scores).where(
                reassessment_scores.c.reassessment_id.in_([head.id for head in heads])
            )
        )
        for row in rows:
            scores[row.reassessment_id][Foundation(row.foundation)] = row.score
        ordered = {head.id: _in_order(scores[head.id]) for head in heads}
        return [
            Reassessment(
                id=head.id,
                at=head.at,
                person_id=head.person_id,
                note=head.note,
                scores=ordered[head.id],
            )
            for head in heads
        ]


def _in_order(scores: dict[Foundation, int]) -> dict[Foundation, int]:
    return {foundation: scores[foundation] for foundation in Foundation if foundation in scores}
