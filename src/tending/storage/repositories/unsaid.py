"""Unsaid things: rows of `unsaid` <-> `Unsaid`. Private: no other module reads this table."""

from __future__ import annotations

import builtins
from typing import Any

from sqlalchemy import Connection, insert, select, update

from tending.domain.errors import NotFound
from tending.domain.unsaid import Unsaid
from tending.storage.tables import unsaid


def _unsaid(row: Any) -> Unsaid:
    return Unsaid(
        id=row.id,
        person_id=row.person_id,
        text=row.text,
        weight=row.weight,
        created_at=row.created_at,
        said_at=row.said_at,
        how_it_went=row.how_it_went,
    )


def _values(item: Unsaid) -> dict[str, Any]:
    return {
        "person_id": item.person_id,
        "text": item.text,
        "weight": item.weight,
        "created_at": item.created_at,
        "said_at": item.said_at,
        "how_it_went": item.how_it_went,
    }


class UnsaidRepository:
    """Things not yet said to someone."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def add(self, item: Unsaid) -> Unsaid:
        """Store a new unsaid thing; returns it with its id."""
        new_id = self.connection.execute(
            insert(unsaid).values(**_values(item)).returning(unsaid.c.id)
        ).scalar_one()
        return self.get(new_id)

    def get(self, item_id: int) -> Unsaid:
        """The unsaid thing with this id, or NotFound."""
        row = self.connection.execute(select(unsaid).where(unsaid.c.id == item_id)).first()
        if row is None:
            raise NotFound(f"no unsaid thing with id {item_id}")
        return _unsaid(row)

    def update(self, item: Unsaid) -> Unsaid:
        """Write every field of a stored unsaid thing."""
        if item.id is None:
            raise ValueError("update needs a stored unsaid thing (id is None)")
        result = self.connection.execute(
            update(unsaid).where(unsaid.c.id == item.id).values(**_values(item))
        )
        if result.rowcount == 0:
            raise NotFound(f"no unsaid thing with id {item.id}")
        return self.get(item.id)

    def list(
        self, person_id: int | None = None, include_said: bool = False
    ) -> builtins.list[Unsaid]:
        """Oldest first; the ones already said only when asked."""
        query = select(unsaid).order_by(unsaid.c.created_at, unsaid.c.id)
        if person_id is not None:
            query = query.where(unsaid.c.person_id == person_id)
        if not include_said:
            query = query.where(unsaid.c.said_at.is_(None))
        return [_unsaid(row) for row in self.connection.execute(query)]
