"""Shared fixtures: a clean database per test on SQLite, and on PostgreSQL when configured.

`database_url` is parametrized over `sqlite` (a real file in tmp_path) and, only when
TENDING_TEST_DATABASE_URL is set, `postgresql` (a fresh schema per test, dropped afterwards).
`storage` and `workspace` are opened (migrated) on it; `clock` is a FixedClock the test may advance.
"""

from __future__ import annotations

import os
import secrets
import shutil
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from unittest.mock import patch

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from typer.testing import CliRunner, Result

from tending.domain.clock import FixedClock
from tending.services.workspace import Workspace, open_workspace
from tending.storage.unit_of_work import Storage, open_storage

POSTGRES_URL = os.environ.get("TENDING_TEST_DATABASE_URL", "").strip()
DATABASES = ["sqlite", "postgresql"] if POSTGRES_URL else ["sqlite"]
START = datetime(2026, 1, 15, 9, 0, tzinfo=UTC)


def postgres_schema_url(base: str, schema: str) -> str:
    """`base` with every connection's search_path set to `schema`."""
    url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    return url.render_as_string(hide_password=False)


@pytest.fixture
def postgres_schema() -> Iterator[str]:
    """A fresh, empty PostgreSQL schema (random name) as a URL; dropped after the test."""
    schema = f"t_{secrets.token_hex(6)}"
    admin = create_engine(POSTGRES_URL)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield postgres_schema_url(POSTGRES_URL, schema)
    finally:
        with admin.begin() as connection:
            # a test that left a transaction open fails here instead of hanging the run
            connection.execute(text("SET LOCAL lock_timeout = '10s'"))
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=DATABASES)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A URL of a clean, not yet migrated database: a SQLite file or a PostgreSQL schema."""
    if request.param == "sqlite":
        return f"sqlite+pysqlite:///{tmp_path / 'test.db'}"
    url: str = request.getfixturevalue("postgres_schema")
    return url


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file migrated once per test session; copied for each test that needs one."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    open_storage(f"sqlite+pysqlite:///{path}").dispose()
    return path


@pytest.fixture
def migrated_database_url(database_url: str, sqlite_template: Path) -> str:
    """`database_url`, already migrated (SQLite: a copy of the session's migrated file)."""
    target = make_url(database_url)
    if target.get_backend_name() == "sqlite" and target.database:
        shutil.copyfile(sqlite_template, target.database)
    return database_url


@pytest.fixture
def clock() -> FixedClock:
    """A clock standing at 2026-01-15 09:00 UTC until the test advances it."""
    return FixedClock(START)


@pytest.fixture
def storage(migrated_database_url: str) -> Iterator[Storage]:
    """Migrated storage on the clean database."""
    opened = open_storage(migrated_database_url)
    try:
        yield opened
    finally:
        opened.dispose()


@pytest.fixture
def workspace(migrated_database_url: str, clock: FixedClock, tmp_path: Path) -> Iterator[Workspace]:
    """A workspace (home: the directory tmp_path/home) on the clean database, with the clock."""
    (tmp_path / "home").mkdir(exist_ok=True)
    opened = open_workspace(tmp_path / "home", migrated_database_url, clock)
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture(scope="session")
def tend_command() -> Any:
    """The click command of `tend`, built once: Typer rebuilds it on every invoke otherwise."""
    import typer.main

    from tending.cli.app import app  # imported here: a broken command module fails only CLI tests

    return typer.main.get_command(app)


@pytest.fixture
def tend(
    migrated_database_url: str, clock: FixedClock, tmp_path: Path, tend_command: Any
) -> Callable[..., Result]:
    """Run `tend ARGS...` through the real CLI on the clean database with the fixed clock.

    `tend("person", "add", "Sam")` returns the runner's Result (exit_code, stdout, stderr).
    """
    from tending.cli.app import app
    from tending.cli.state import CliState

    runner = CliRunner()

    def run(*args: str, input: str | None = None) -> Result:
        state = CliState(home=tmp_path / "home", database_url=migrated_database_url, clock=clock)
        with patch("typer.testing._get_command", lambda _app: tend_command):
            return runner.invoke(app, list(args), obj=state, input=input)

    return run
