"""Migrations build the tracker schema from empty, match the tables, and guard foreign databases."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text

from tending.domain.errors import StorageProblem
from tending.storage.metadata import metadata
from tending.storage.migrate import known_heads, upgrade
from tending.storage.tables import TRACKER_TABLES
from tending.storage.unit_of_work import open_storage

TRACKER = {table.name for table in TRACKER_TABLES}


def _tracker_only(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
    table = name if type_ == "table" else getattr(getattr(obj, "table", None), "name", None)
    return table in TRACKER


def test_upgrade_from_empty_makes_every_tracker_table(database_url: str) -> None:
    storage = open_storage(database_url)
    try:
        with storage.engine.connect() as connection:
            names = set(inspect(connection).get_table_names())
        assert names >= TRACKER | {"alembic_version"}
        assert storage.revisions() == known_heads()
    finally:
        storage.dispose()


def test_migrated_schema_matches_the_tables(database_url: str) -> None:
    storage = open_storage(database_url)
    try:
        with storage.engine.connect() as connection:
            context = MigrationContext.configure(
                connection, opts={"include_object": _tracker_only, "compare_type": True}
            )
            assert compare_metadata(context, metadata) == []
    finally:
        storage.dispose()


def test_second_open_applies_nothing(database_url: str) -> None:
    open_storage(database_url).dispose()
    engine = create_engine(database_url)
    try:
        assert upgrade(engine, "the test database") is False
    finally:
        engine.dispose()


def test_a_newer_schema_is_refused(database_url: str) -> None:
    open_storage(database_url).dispose()
    engine = create_engine(database_url)
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO alembic_version (version_num) VALUES ('9999_future')"))
    engine.dispose()
    with pytest.raises(StorageProblem, match="newer Tending .*9999_future"):
        open_storage(database_url)


def test_a_database_with_alien_tables_is_refused(database_url: str) -> None:
    engine = create_engine(database_url)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE invoices (id INTEGER PRIMARY KEY)"))
    engine.dispose()
    with pytest.raises(StorageProblem, match=r"tables Tending did not make \(invoices\)"):
        open_storage(database_url)


def test_a_refused_change_is_a_storage_problem(database_url: str) -> None:
    storage = open_storage(database_url)
    try:
        with pytest.raises(StorageProblem, match="refused the change"):  # noqa: SIM117
            with storage.unit_of_work() as uow:
                uow.connection.execute(
                    text(
                        "INSERT INTO unsaid (person_id, text, weight, created_at) "
                        "VALUES (424242, 'x', 3, CURRENT_TIMESTAMP)"
                    )
                )
    finally:
        storage.dispose()


def test_an_unreachable_server_is_a_storage_problem() -> None:
    with pytest.raises(StorageProblem, match="cannot reach the database .*127.0.0.1:1"):
        open_storage("postgresql+psycopg://nobody:secret@127.0.0.1:1/none?connect_timeout=2")


def test_a_malformed_url_is_named() -> None:
    with pytest.raises(StorageProblem, match="'not a url' is not a valid URL"):
        open_storage("not a url")


def test_processes_starting_together_migrate_once(database_url: str) -> None:
    opened: list[object] = []
    problems: list[BaseException] = []

    def open_it() -> None:
        try:
            opened.append(open_storage(database_url))
        except BaseException as error:  # collected: a thread cannot raise into the test
            problems.append(error)

    threads = [threading.Thread(target=open_it) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert problems == [] and len(opened) == 3
    storage = open_storage(database_url)
    try:
        assert storage.revisions() == known_heads()
    finally:
        storage.dispose()
        for each in opened:
            each.dispose()  # type: ignore[attr-defined]
