"""Stored monthly chat aggregates on SQLite and PostgreSQL: schema, replace, read back, rollback."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from tending.domain.chat_analysis import ChatCounts, MonthSummary
from tending.domain.people import Person, Tie
from tending.storage.chat_repository import ChatAggregatesRepository, chat_monthly_aggregates
from tending.storage.chat_tables import chat_monthly
from tending.storage.metadata import metadata
from tending.storage.unit_of_work import Storage

WHEN = datetime(2026, 1, 15, 9, 0, tzinfo=UTC)


def _only_chat(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
    table = name if type_ == "table" else getattr(getattr(obj, "table", None), "name", None)
    return table == chat_monthly.name


def _person(storage: Storage, name: str = "Sam") -> int:
    with storage.unit_of_work() as uow:
        person = uow.people.add(Person(name=name, tie=Tie.PARTNER, created_at=WHEN))
        uow.commit()
    assert person.id is not None
    return person.id


def _months(scale: int) -> tuple[MonthSummary, ...]:
    ana = ChatCounts(messages=3 * scale, positive=2 * scale, corrective=scale, bids=scale)
    ben = ChatCounts(messages=scale, disclosures=scale, stonewalling=1)
    return (
        MonthSummary("2025-11", (("Ana", ana), ("Ben", ben)), ana.plus(ben)),
        MonthSummary("2025-12", (("Ana", ana),), ana),
    )


def test_migration_makes_the_table_the_metadata_describes(storage: Storage) -> None:
    with storage.engine.connect() as connection:
        assert chat_monthly.name in inspect(connection).get_table_names()
        context = MigrationContext.configure(
            connection, opts={"include_object": _only_chat, "compare_type": True}
        )
        assert compare_metadata(context, metadata) == []


def test_replace_and_read_back(storage: Storage) -> None:
    person_id = _person(storage)
    with storage.unit_of_work() as uow:
        written = ChatAggregatesRepository(uow.connection).replace(
            person_id, "chat.txt", _months(1), WHEN
        )
        uow.commit()
    assert written == 3
    with storage.unit_of_work() as uow:
        rows = chat_monthly_aggregates(uow, person_id)
    assert [(r.month, r.sender) for r in rows] == [
        ("2025-11", "Ana"),
        ("2025-11", "Ben"),
        ("2025-12", "Ana"),
    ]
    assert rows[0].counts == ChatCounts(messages=3, positive=2, corrective=1, bids=1)
    assert rows[1].counts.stonewalling == 1 and rows[0].source == "chat.txt"


def test_storing_the_same_source_again_replaces_and_other_sources_stay(storage: Storage) -> None:
    person_id = _person(storage)
    other = _person(storage, "Kim")
    with storage.unit_of_work() as uow:
        repository = ChatAggregatesRepository(uow.connection)
        repository.replace(person_id, "chat.txt", _months(1), WHEN)
        repository.replace(person_id, "telegram.json", _months(1)[:1], WHEN)
        repository.replace(other, "chat.txt", _months(1), WHEN)
        repository.replace(person_id, "chat.txt", _months(2)[1:], WHEN)
        uow.commit()
    with storage.unit_of_work() as uow:
        rows = chat_monthly_aggregates(uow, person_id)
        assert len(chat_monthly_aggregates(uow, other)) == 3
    assert [(r.source, r.month, r.counts.messages) for r in rows] == [
        ("telegram.json", "2025-11", 3),
        ("telegram.json", "2025-11", 1),
        ("chat.txt", "2025-12", 6),
    ]


def test_nothing_stays_without_commit(storage: Storage) -> None:
    person_id = _person(storage)
    with pytest.raises(RuntimeError), storage.unit_of_work() as uow:
        ChatAggregatesRepository(uow.connection).replace(person_id, "c.txt", _months(1), WHEN)
        raise RuntimeError("the report failed half-way")
    with storage.unit_of_work() as uow:
        assert chat_monthly_aggregates(uow, person_id) == []
