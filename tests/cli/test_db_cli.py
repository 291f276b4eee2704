"""`tend db ...`, and databases a person can get wrong: foreign, damaged, busy."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from tending.cli.app import app
from tending.cli.state import CliState
from tending.domain.clock import FixedClock
from tending.domain.people import Person, Tie
from tending.storage.unit_of_work import open_storage

Tend = Callable[..., Result]


@pytest.fixture
def home_tend(
    tmp_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> Callable[..., Result]:
    """`tend` on the default SQLite file in a fresh home (no database URL)."""
    monkeypatch.delenv("TENDING_DATABASE_URL", raising=False)
    runner = CliRunner()

    def run(*args: str) -> Result:
        return runner.invoke(app, list(args), obj=CliState(home=tmp_path / "home", clock=clock))

    return run


def test_info_then_upgrade_on_a_fresh_home(
    home_tend: Callable[..., Result], tmp_path: Path
) -> None:
    before = json.loads(home_tend("db", "info", "--json").stdout)
    assert before["exists"] is False and before["revisions"] == []
    assert not (tmp_path / "home" / "tending.db").exists()
    after = home_tend("db", "upgrade", "--json")
    assert after.exit_code == 0, after.output
    record = json.loads(after.stdout)
    assert record["up_to_date"] is True and record["rows"]["people"] == 0
    shown = home_tend("db", "info")
    assert "up to date" in shown.stdout and str(tmp_path / "home" / "tending.db") in shown.stdout


def test_info_on_every_database(tend: Tend) -> None:
    tend("person", "add", "Sam")
    record = json.loads(tend("db", "info", "--json").stdout)
    assert record["up_to_date"] is True and record["rows"]["people"] == 1


def test_a_corrupted_database_file_is_named(
    home_tend: Callable[..., Result], tmp_path: Path
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "tending.db").write_bytes(b"SQLite format 3\x00" + b"\x07" * 5000)
    result = home_tend("person", "list")
    assert result.exit_code == 5
    assert f"{home / 'tending.db'} is damaged or not a database" in result.stderr
    assert "Traceback" not in result.output


def test_a_foreign_file_is_named(home_tend: Callable[..., Result], tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "tending.db").write_text("shopping list: eggs, milk\n")
    for args in (("person", "list"), ("db", "info"), ("db", "upgrade")):
        result = home_tend(*args)
        assert result.exit_code == 5, args
        assert "is not a SQLite database" in result.stderr


def test_a_busy_database_makes_the_command_wait(
    home_tend: Callable[..., Result], tmp_path: Path, clock: FixedClock
) -> None:
    assert home_tend("db", "upgrade").exit_code == 0
    holder = open_storage(f"sqlite+pysqlite:///{tmp_path / 'home' / 'tending.db'}")
    released = threading.Event()

    def hold_then_release() -> None:
        with holder.unit_of_work() as uow:
            uow.people.add(Person(name="Holder", tie=Tie.OTHER, created_at=clock.now()))
            started.set()
            time.sleep(0.4)  # the command below starts while the lock is held
            uow.commit()
            released.set()

    started = threading.Event()
    worker = threading.Thread(target=hold_then_release)
    worker.start()
    try:
        started.wait(10)
        result = home_tend("person", "add", "Sam", "--json")
        assert released.is_set()  # it could only finish after the holder let go
        assert result.exit_code == 0, result.output
    finally:
        worker.join(10)
        holder.dispose()
    names = [p["name"] for p in json.loads(home_tend("person", "list", "--json").stdout)]
    assert names == ["Holder", "Sam"]


def test_a_home_that_is_a_file_is_named(home_tend: Callable[..., Result], tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.write_text("x")
    result = home_tend("person", "list")
    assert result.exit_code == 5 and f"data directory {home}" in result.stderr


def test_info_on_a_database_of_a_newer_tending_says_so(
    tend: Tend, migrated_database_url: str
) -> None:
    """It said 'behind (newest: ...)', as if `tend db upgrade` could help."""
    from sqlalchemy import create_engine, text

    tend("person", "add", "Sam")
    engine = create_engine(migrated_database_url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0099_future'"))
    engine.dispose()
    shown = tend("db", "info")
    assert shown.exit_code == 0, shown.output
    assert "made by a newer Tending (0099_future)" in shown.stdout and "behind" not in shown.stdout
    assert json.loads(tend("db", "info", "--json").stdout)["newer"] == ["0099_future"]
    refused = tend("person", "list")
    assert refused.exit_code == 5 and "newer Tending" in refused.stderr


@pytest.mark.parametrize(
    ("url", "said"),
    [
        ("mysql://me@host/db", "'mysql://me@host/db' is neither SQLite nor PostgreSQL"),
        ("postgresql+psycopg2://me:secret@host/db", "needs the driver 'psycopg2'"),
    ],
)
def test_a_database_url_tending_cannot_use_is_named_without_a_traceback(
    tmp_path: Path, clock: FixedClock, url: str, said: str
) -> None:
    """Both ended in a Python traceback (ModuleNotFoundError: MySQLdb / psycopg2)."""
    state = CliState(home=tmp_path / "home", database_url=url, clock=clock)
    for args in (("person", "list"), ("db", "info")):
        result = CliRunner().invoke(app, list(args), obj=state)
        assert result.exit_code == 5, (args, result.output)
        assert said in result.stderr and "secret" not in result.stderr
        assert result.exception is None or isinstance(result.exception, SystemExit)
