"""Stored monthly chat aggregates: write a report's months for a person, read them back.

Only counts are stored (see `chat_tables`); the sender names are kept so a person can tell
their own numbers from the other's.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any, Protocol

from sqlalchemy import Connection, delete, insert, select

from tending.domain.chat_analysis import ChatCounts, ChatMonthlyAggregate, MonthSummary
from tending.storage.chat_tables import COUNT_COLUMNS, chat_monthly


class HasConnection(Protocol):
    """A unit of work (or anything else) that carries an open connection."""

    connection: Connection


class ChatAggregatesRepository:
    """Rows of `chat_monthly` for the tracker's people."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def replace(
        self,
        person_id: int,
        source: str,
        months: Sequence[MonthSummary],
        stored_at: datetime,
    ) -> int:
        """Put `months` in place of what was stored for this person and source; rows written.

        Runs inside the caller's transaction, so a failure leaves the earlier rows untouched.
        """
        self.connection.execute(
            delete(chat_monthly).where(
                chat_monthly.c.person_id == person_id, chat_monthly.c.source == source
            )
        )
        rows = [
            _row(person_id, source, month.month, sender, counts, stored_at)
            for month in months
            for sender, counts in month.by_sender
        ]
        if rows:
            self.connection.execute(insert(chat_monthly), rows)
        return len(rows)

    def add(self, aggregate: ChatMonthlyAggregate) -> None:
        """Store one month of one sender as it is (the import of an export uses this)."""
        self.connection.execute(
            insert(chat_monthly),
            [
                _row(
                    aggregate.person_id, aggregate.source, aggregate.month, aggregate.sender,
                    aggregate.counts, aggregate.stored_at,
                )
            ],
        )

    def all(self) -> list[ChatMonthlyAggregate]:
        """Every stored month of everyone, in the order they were stored (for the export)."""
        query = select(chat_monthly).order_by(chat_monthly.c.id)
        return [_aggregate(row) for row in self.connection.execute(query)]

    def for_person(self, person_id: int) -> list[ChatMonthlyAggregate]:
        """Every stored month of this person, by month, source and sender."""
        query = (
            select(chat_monthly)
            .where(chat_monthly.c.person_id == person_id)
            .order_by(chat_monthly.c.month, chat_monthly.c.source, chat_monthly.c.sender)
        )
        return [_aggregate(row) for row in self.connection.execute(query)]


def chat_monthly_aggregates(uow: HasConnection, person_id: int) -> list[ChatMonthlyAggregate]:
    """The monthly chat aggregates stored for a person (for `tend stats` beside logged moments)."""
    return ChatAggregatesRepository(uow.connection).for_person(person_id)


def _row(
    person_id: int, source: str, month: str, sender: str, counts: ChatCounts, stored_at: datetime
) -> dict[str, Any]:
    values: dict[str, Any] = {name: getattr(counts, name) for name in COUNT_COLUMNS}
    values.update(
        person_id=person_id, source=source, month=month, sender=sender,
        stored_at=stored_at.astimezone(UTC),  # SQLite keeps no zone: always write UTC
    )
    return values


def _aggregate(row: Any) -> ChatMonthlyAggregate:
    return ChatMonthlyAggregate(
        person_id=row.person_id,
        source=row.source,
        month=row.month,
        sender=row.sender,
        counts=ChatCounts(**{name: getattr(row, name) for name in COUNT_COLUMNS}),
        stored_at=_utc(row.stored_at),
    )


def _utc(value: datetime) -> datetime:
    """SQLite gives the stored time back without its zone; it was written in UTC."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
