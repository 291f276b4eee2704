"""Migration 0003_guided builds exactly the tables of storage/session_tables.py."""

from __future__ import annotations

from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from tending.storage import session_tables
from tending.storage.metadata import metadata
from tending.storage.unit_of_work import open_storage

GUIDED = {
    table.name
    for table in (
        session_tables.guided_sessions,
        session_tables.guided_entries,
        session_tables.check_questions,
        session_tables.rituals,
    )
}


def _guided_only(item: Any, name: str | None, kind: str, reflected: bool, other: Any) -> bool:
    table = item if kind == "table" else getattr(item, "table", None)
    return getattr(table, "name", name) in GUIDED


def test_migrated_guided_schema_matches_the_tables(database_url: str) -> None:
    storage = open_storage(database_url)
    try:
        with storage.engine.connect() as connection:
            assert set(inspect(connection).get_table_names()) >= GUIDED
            context = MigrationContext.configure(
                connection, opts={"include_object": _guided_only, "compare_type": True}
            )
            assert compare_metadata(context, metadata) == []
    finally:
        storage.dispose()
