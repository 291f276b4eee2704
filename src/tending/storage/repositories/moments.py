"""Moments: rows of `moments` <-> `Moment` (one table, the columns of other kinds stay NULL)."""

from __future__ import annotations

import builtins
from collections.abc import Iterable
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import Connection, delete, insert, select

from tending.domain.errors import NotFound
from tending.domain.moments import (
    BidAnswer,
    Discloser,
    HonestKind,
    Moment,
    MomentKind,
    SurvivalStrategy,
    Valence,
)
from tending.storage.tables import moments

E = TypeVar("E", Discloser, BidAnswer, Valence, HonestKind, SurvivalStrategy)


def _enum(kind: type[E], value: str | None) -> E | None:
    return None if value is None else kind(value)


def _moment(row: Any) -> Moment:
    return Moment(
        id=row.id,
        kind=MomentKind(row.kind),
        at=row.at,
        person_id=row.person_id,
        note=row.note,
        discloser=_enum(Discloser, row.discloser),
        closing=bool(row.closing),
        bid_answer=_enum(BidAnswer, row.bid_answer),
        minutes=row.minutes,
        valence=_enum(Valence, row.valence),
        feelings=tuple(row.feelings or ()),
        needs=tuple(row.needs or ()),
        honest_kind=_enum(HonestKind, row.honest_kind),
        strategy=_enum(SurvivalStrategy, row.strategy),
        private=bool(row.private),
    )


def _value(member: Any) -> str | None:
    return None if member is None else str(member.value)


def _values(moment: Moment) -> dict[str, Any]:
    return {
        "kind": moment.kind.value,
        "at": moment.at,
        "person_id": moment.person_id,
        "note": moment.note,
        "discloser": _value(moment.discloser),
        "closing": moment.closing,
        "bid_answer": _value(moment.bid_answer),
        "minutes": moment.minutes,
        "valence": _value(moment.valence),
        "feelings": list(moment.feelings),
        "needs": list(moment.needs),
        "honest_kind": _value(moment.honest_kind),
        "strategy": _value(moment.strategy),
        "private": moment.private,
    }


class MomentsRepository:
    """Logged moments of every kind."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def add(self, moment: Moment) -> Moment:
        """Store a new moment; returns it with its id."""
        new_id = self.connection.execute(
            insert(moments).values(**_values(moment)).returning(moments.c.id)
        ).scalar_one()
        return self.get(new_id)

    def get(self, moment_id: int) -> Moment:
        """The moment with this id, or NotFound."""
        row = self.connection.execute(select(moments).where(moments.c.id == moment_id)).first()
        if row is None:
            raise NotFound(f"no moment with id {moment_id}")
        return _moment(row)

    def delete(self, moment_id: int) -> None:
        """Remove a moment logged by mistake."""
        result = self.connection.execute(delete(moments).where(moments.c.id == moment_id))
        if result.rowcount == 0:
            raise NotFound(f"no moment with id {moment_id}")

    def list(
        self,
        person_id: int | None = None,
        kinds: Iterable[MomentKind] | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
    ) -> builtins.list[Moment]:
        """Moments oldest first; `since` is inclusive, `until` exclusive."""
        query = select(moments).order_by(moments.c.at, moments.c.id)
        if person_id is not None:
            query = query.where(moments.c.person_id == person_id)
        if kinds is not None:
            query = query.where(moments.c.kind.in_([kind.value for kind in kinds]))
        if since is not None:
            query = query.where(moments.c.at >= since)
        if until is not None:
            query = query.where(moments.c.at < until)
        return [_moment(row) for row in self.connection.execute(query)]
