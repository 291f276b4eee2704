"""Micro-commitments: rows of `commitments` <-> `Commitment`."""

from __future__ import annotations

import builtins
from typing import Any

from sqlalchemy import Connection, insert, select, update

from tending.domain.commitments import Commitment
from tending.domain.errors import NotFound
from tending.storage.tables import commitments


def _commitment(row: Any) -> Commitment:
    return Commitment(
        id=row.id,
        person_id=row.person_id,
        text=row.text,
        created_at=row.created_at,
        due=row.due,
        done_at=row.done_at,
    )


def _values(commitment: Commitment) -> dict[str, Any]:
    return {
        "person_id": commitment.person_id,
        "text": commitment.text,
        "created_at": commitment.created_at,
        "due": commitment.due,
        "done_at": commitment.done_at,
    }


class CommitmentsRepository:
    """Commitments made after a chat."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def add(self, commitment: Commitment) -> Commitment:
        """Store a new commitment; returns it with its id."""
        new_id = self.connection.execute(
            insert(commitments).values(**_values(commitment)).returning(commitments.c.id)
        ).scalar_one()
        return self.get(new_id)

    def get(self, commitment_id: int) -> Commitment:
        """The commitment with this id, or NotFound."""
        query = select(commitments).where(commitments.c.id == commitment_id)
        row = self.connection.execute(query).first()
        if row is None:
            raise NotFound(f"no commitment with id {commitment_id}")
        return _commitment(row)

    def update(self, commitment: Commitment) -> Commitment:
        """Write every field of a stored commitment."""
        if commitment.id is None:
            raise ValueError("update needs a stored commitment (id is None)")
        result = self.connection.execute(
            update(commitments)
            .where(commitments.c.id == commitment.id)
            .values(**_values(commitment))
        )
        if result.rowcount == 0:
            raise NotFound(f"no commitment with id {commitment.id}")
        return self.get(commitment.id)

    def list(
        self, person_id: int | None = None, open_only: bool = False
    ) -> builtins.list[Commitment]:
        """Commitments by due date (then creation); only the ones not done if `open_only`."""
        query = select(commitments).order_by(
            commitments.c.due, commitments.c.created_at, commitments.c.id
        )
        if person_id is not None:
            query = query.where(commitments.c.person_id == person_id)
        if open_only:
            query = query.where(commitments.c.done_at.is_(None))
        return [_commitment(row) for row in self.connection.execute(query)]
