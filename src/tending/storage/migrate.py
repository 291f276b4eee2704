"""Bringing a database to the current schema with the Alembic scripts inside the package.

Before migrating, the database is checked: a file that is not SQLite, a SQLite file that a
foreign program made (tables but no Tending version), or a version this Tending does not know
each give a StorageProblem that names the database and what is wrong with it.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text

from tending.domain.errors import StorageProblem
from tending.storage.engine import READ_ONLY

if TYPE_CHECKING:  # Alembic is imported only when a database is made or migrated (start-up time)
    from alembic.config import Config
    from alembic.script import ScriptDirectory

MIGRATIONS = Path(__file__).parent / "migrations"
VERSION_TABLE = "alembic_version"
SQLITE_MAGIC = b"SQLite format 3\x00"
_LOCK_KEY = 7_271  # PostgreSQL advisory lock (with the schema): one migrating process at a time
# The newest revision. The scripts form one line (0002 and 0003 branched, 0004_merge joined
# them); a new revision names HEAD as its down_revision and becomes the new HEAD here.
HEAD = "0004_merge"


def alembic_config() -> Config:
    """The Alembic configuration, built in code (no alembic.ini at run time)."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("path_separator", "os")
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("version_locations", str(MIGRATIONS / "versions"))
    return config


@lru_cache(maxsize=1)
def script_directory() -> ScriptDirectory:
    """The migration scripts, read once per process (they do not change while it runs)."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


def known_heads() -> set[str]:
    """The head revisions of the scripts shipped with this Tending: {HEAD}, one line of history.

    A test keeps the scripts at exactly one head, so a database that is current records HEAD
    and nothing else."""
    return set(script_directory().get_heads())


def check_sqlite_file(path: Path) -> None:
    """Refuse a file that exists but is not a SQLite database."""
    if not path.exists():
        return
    if path.is_dir():
        raise StorageProblem(f"{path} is a directory, not a database file")
    with path.open("rb") as handle:
        head = handle.read(len(SQLITE_MAGIC))
    if head and head != SQLITE_MAGIC:
        raise StorageProblem(
            f"{path} is not a SQLite database (it starts with {head[:8]!r}); "
            "move it away or point TENDING_HOME elsewhere"
        )


def current_revisions(connection: Connection, where: str) -> set[str]:
    """The revisions recorded in the database; StorageProblem if it holds alien tables."""
    names = set(inspect(connection).get_table_names())
    if VERSION_TABLE not in names:
        if names:
            shown = ", ".join(sorted(names)[:5])
            raise StorageProblem(
                f"{where} holds tables Tending did not make ({shown}); it is not a Tending database"
            )
        return set()
    rows = connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}"))
    return {str(row[0]) for row in rows}


def upgrade(engine: Engine, where: str) -> bool:
    """Migrate to the newest revision (the one head); True if anything was applied.

    The common case (already current) is checked in a read-only transaction without any lock;
    only a database that needs migrating is locked (PostgreSQL: per schema) and checked again.
    """
    with engine.connect() as probe:
        if current_revisions(probe.execution_options(**{READ_ONLY: True}), where) == {HEAD}:
            return False  # the common case, decided without loading Alembic and its scripts
        heads = known_heads()
        if _is_current(probe, where, heads):
            return False
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(
                text("SELECT pg_advisory_xact_lock(:key, hashtext(current_schema()))"),
                {"key": _LOCK_KEY},
            )
        if _is_current(connection, where, heads):
            return False  # another process migrated it while we waited
        from alembic import command

        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
        return True


def _is_current(connection: Connection, where: str, heads: set[str]) -> bool:
    current = current_revisions(connection, where)
    unknown = unknown_revisions(current)
    if unknown:
        raise StorageProblem(
            f"{where} was made by a newer Tending (schema revision {', '.join(unknown)}); "
            "upgrade Tending to open it"
        )
    return current == heads


def unknown_revisions(revisions: set[str]) -> list[str]:
    """The revisions no migration script of this Tending knows (a newer Tending made them)."""
    script = script_directory()
    return sorted(rev for rev in revisions if not _is_known(script, rev))


def _is_known(script: ScriptDirectory, revision: str) -> bool:
    from alembic.script.revision import ResolutionError
    from alembic.util import CommandError

    try:
        return script.get_revision(revision) is not None
    except (ResolutionError, CommandError):
        return False


def revisions_of(connection: Connection) -> set[str]:
    """The revisions Alembic sees in the database (for `tend db info`)."""
    from alembic.runtime.migration import MigrationContext

    return set(MigrationContext.configure(connection).get_current_heads())
