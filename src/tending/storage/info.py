"""What `tend db info` shows: where the database is and which schema revisions it holds.

Reading the info never creates nor migrates anything.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, inspect, select
from sqlalchemy.exc import DBAPIError

from tending.storage import chat_tables, session_tables, tables  # noqa: F401  (every table)
from tending.storage.engine import (
    DEFAULT_BUSY_TIMEOUT_SECONDS,
    describe,
    make_engine,
    parse_url,
    sqlite_path,
)
from tending.storage.metadata import metadata
from tending.storage.migrate import (
    check_sqlite_file,
    current_revisions,
    known_heads,
    unknown_revisions,
)
from tending.storage.unit_of_work import explain


@dataclass(frozen=True)
class DatabaseInfo:
    """The database, its revisions, the revisions this Tending knows, and rows per table."""

    where: str
    dialect: str
    exists: bool
    revisions: tuple[str, ...]
    heads: tuple[str, ...]
    rows: dict[str, int]
    newer: tuple[str, ...] = ()  # revisions this Tending does not know: a newer one made them

    @property
    def up_to_date(self) -> bool:
        return set(self.revisions) == set(self.heads)


def database_info(url: str) -> DatabaseInfo:
    """Inspect the database at `url` (StorageProblem if it is foreign, damaged or unreachable)."""
    parsed = parse_url(url)
    where = describe(parsed)
    heads = tuple(sorted(known_heads()))
    path = sqlite_path(parsed)
    if path is not None:
        check_sqlite_file(path)
        if not path.exists():
            return DatabaseInfo(where, "sqlite", False, (), heads, {})
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            revisions = tuple(sorted(current_revisions(connection, where)))
            rows = {}
            if revisions:
                present = set(inspect(connection).get_table_names())
                rows = {
                    table.name: connection.execute(
                        select(func.count()).select_from(table)
                    ).scalar_one()
                    for table in metadata.sorted_tables
                    if table.name in present  # an older schema may lack the newer tables
                }
    except DBAPIError as error:
        raise explain(error, where, DEFAULT_BUSY_TIMEOUT_SECONDS) from error
    finally:
        engine.dispose()
    newer = tuple(unknown_revisions(set(revisions)))
    return DatabaseInfo(where, engine.dialect.name, True, revisions, heads, rows, newer)
