"""Making engines: where the SQLite file lives, and how SQLite is told to wait instead of failing.

SQLite gets WAL (readers never block the writer), foreign keys, a busy timeout, and every
writing transaction opens with BEGIN IMMEDIATE: a second writer then waits for the first at the
start of its unit of work, instead of failing half way when a read lock cannot be upgraded.
Connections marked with the execution option READ_ONLY begin a plain (deferred) transaction: in
WAL they read a snapshot without waiting for any writer.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError

from tending.domain.errors import InvalidInput, StorageProblem

DATABASE_FILE = "tending.db"
PRIVATE_FOLDER = 0o700  # the data directory Tending creates: its owner alone may enter
PRIVATE_FILE = 0o600  # the database file: its owner alone may read it
DEFAULT_BUSY_TIMEOUT_SECONDS = 30.0
READ_ONLY = "tending_read_only"  # execution option of a connection that only reads


def default_database_url(home: Path) -> str:
    """The SQLite database in `home` (created if missing), as a SQLAlchemy URL."""
    try:
        home.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)
    except OSError as error:
        raise StorageProblem(f"cannot create the data directory {home}: {error.strerror}") from None
    if not home.is_dir():
        raise StorageProblem(f"the data directory {home} is not a directory")
    _create_private_file(home / DATABASE_FILE)
    return sqlite_url(home / DATABASE_FILE)


def _create_private_file(path: Path) -> None:
    """Create an empty `path` readable by its owner alone, unless it exists.

    SQLite gives its -wal and -shm files the database file's permissions, so the whole database
    stays private. An empty file is a new, empty SQLite database.
    """
    try:
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_FILE))
    except FileExistsError:
        pass
    except OSError as error:
        raise StorageProblem(f"cannot create the database {path}: {error.strerror}") from None


def sqlite_url(path: Path) -> str:
    """The SQLAlchemy URL of a SQLite file (nothing is created)."""
    return URL.create("sqlite+pysqlite", database=str(path)).render_as_string()


SUPPORTED_BACKENDS = ("sqlite", "postgresql")


def parse_url(url: str) -> URL:
    """A SQLAlchemy URL of SQLite or PostgreSQL, or StorageProblem naming the value."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StorageProblem(f"the database URL {url!r} is not a valid URL") from None
    if parsed.get_backend_name() not in SUPPORTED_BACKENDS:
        raise StorageProblem(
            f"the database URL {parsed.render_as_string(hide_password=True)!r} is neither SQLite "
            "nor PostgreSQL; Tending works with those two "
            "(e.g. postgresql+psycopg://user@host/db)"
        )
    return parsed


def sqlite_path(url: URL) -> Path | None:
    """The file of a SQLite URL; None for other databases and in-memory SQLite."""
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return Path(str(url.database))


def describe(url: URL) -> str:
    """The database for a message: the file for SQLite, the URL without password otherwise."""
    path = sqlite_path(url)
    if path is not None:
        return str(path)
    return url.render_as_string(hide_password=True)


def make_engine(url: str, busy_timeout_seconds: float = DEFAULT_BUSY_TIMEOUT_SECONDS) -> Engine:
    """An engine for `url`. PostgreSQL options (like `?options=-csearch_path%3Dx`) pass through."""
    parsed = parse_url(url)
    if parsed.get_backend_name() != "sqlite":
        try:
            engine = create_engine(parsed, pool_pre_ping=True)
        except (ImportError, NoSuchModuleError):
            raise StorageProblem(
                f"the database URL {describe(parsed)!r} needs the driver "
                f"'{parsed.get_driver_name()}', which is not installed; "
                "use postgresql+psycopg://user@host/db"
            ) from None
    else:
        engine = create_engine(parsed, connect_args={"timeout": busy_timeout_seconds})
        _tune_sqlite(engine, busy_timeout_seconds)
    _refuse_nul(engine)
    return engine


def _refuse_nul(engine: Engine) -> None:
    """A text holding NUL is refused before it is written, on every database alike: PostgreSQL
    cannot store one (its error named no field), and SQLite would keep what a PostgreSQL home
    could never hold, so an export of it would not restore there."""

    @event.listens_for(engine, "before_cursor_execute")
    def _check(_conn: Any, _cursor: Any, _sql: str, parameters: Any, *_rest: Any) -> None:
        rows = parameters if isinstance(parameters, list) else [parameters]
        for row in rows:
            values = row.values() if isinstance(row, dict) else (row or ())
            if any(isinstance(value, str) and "\x00" in value for value in values):
                raise InvalidInput(
                    "a text holds a NUL character (\\x00), which Tending cannot store; "
                    "nothing was written (remove it and try again)"
                )


def _tune_sqlite(engine: Engine, busy_timeout_seconds: float) -> None:
    milliseconds = int(busy_timeout_seconds * 1000)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let us issue BEGIN ourselves (pysqlite's own deferred BEGIN cannot wait for a lock).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {milliseconds}")
        cursor.execute("PRAGMA foreign_keys = ON")
        _use_wal(cursor)
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        reading = connection.get_execution_options().get(READ_ONLY, False)
        connection.exec_driver_sql("BEGIN" if reading else "BEGIN IMMEDIATE")


def _use_wal(cursor: Any) -> None:
    """Switch the file to WAL (it stays so); skipped while another connection holds it.

    Changing the journal mode does not wait for the busy timeout: on a fresh file that another
    process is creating at the same moment it fails at once. That process (or the next
    connection) makes the switch; until then this connection works in the default mode.
    """
    if str(cursor.execute("PRAGMA journal_mode").fetchone()[0]).lower() == "wal":
        return
    try:
        cursor.execute("PRAGMA journal_mode = WAL")
    except sqlite3.OperationalError as error:
        if "locked" not in str(error) and "busy" not in str(error):
            raise
