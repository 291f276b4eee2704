"""Migrations build the whole schema from empty, match the tables, and guard foreign databases."""

from __future__ import annotations

import re
import threading
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text

import tending.storage
from tending.domain.errors import StorageProblem
from tending.storage import chat_tables, session_tables, tables  # noqa: F401  (every table)
from tending.storage.metadata import metadata
from tending.storage.migrate import HEAD, alembic_config, known_heads, script_directory, upgrade
from tending.storage.unit_of_work import open_storage

STORAGE = Path(tending.storage.__file__).parent


def test_the_scripts_have_exactly_one_head() -> None:
    assert script_directory().get_heads() == [HEAD]
    assert known_heads() == {HEAD}


def test_env_knows_every_table_module() -> None:
    """A new `*tables.py` that env.py does not import would be invisible to autogenerate."""
    env = (STORAGE / "migrations" / "env.py").read_text(encoding="utf-8")
    imported = set(re.findall(r"from tending\.storage import (\w+)", env))
    modules = {path.stem for path in STORAGE.glob("*tables.py")}
    assert modules == {"tables", "session_tables", "chat_tables"}
    assert modules <= imported


def test_upgrade_from_empty_makes_every_table(database_url: str) -> None:
    storage = open_storage(database_url)
    try:
        with storage.engine.connect() as connection:
            names = set(inspect(connection).get_table_names())
        assert names == set(metadata.tables) | {"alembic_version"}
        assert storage.revisions() == {HEAD}
    finally:
        storage.dispose()


def test_migrated_schema_matches_every_table(database_url: str) -> None:
    """The schema the migrations make is exactly the SQLAlchemy metadata: no table, column,
    type, index, constraint or foreign key differs (alembic autogenerate finds nothing)."""
    storage = open_storage(database_url)
    try:
        with storage.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, metadata) == []
    finally:
        storage.dispose()


def test_a_database_at_the_two_old_heads_upgrades_to_the_merge(database_url: str) -> None:
    """Databases made before 0004_merge record both 0002 and 0003; they move to the one head."""
    engine = create_engine(database_url)
    try:
        with engine.begin() as connection:
            config = alembic_config()
            config.attributes["connection"] = connection
            command.upgrade(config, "0002_chat_aggregates")
            command.upgrade(config, "0003_guided")
        with engine.connect() as connection:
            rows = connection.execute(text("SELECT version_num FROM alembic_version"))
            old = {row[0] for row in rows}
        assert old == {"0002_chat_aggregates", "0003_guided"}
    finally:
        engine.dispose()
    storage = open_storage(database_url)
    try:
        assert storage.revisions() == {HEAD}
        with storage.unit_of_work() as uow:
            assert uow.people.list(include_archived=True) == []
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
