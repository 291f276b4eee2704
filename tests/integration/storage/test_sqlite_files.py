"""SQLite on disk: waiting writers, and files that are not (our) databases."""

from __future__ import annotations

import sqlite3
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tending.domain.errors import StorageProblem
from tending.domain.people import Person, Tie
from tending.storage.engine import DATABASE_FILE, default_database_url
from tending.storage.unit_of_work import Storage, open_storage

NOW = datetime(2026, 1, 15, 9, 0, tzinfo=UTC)


def _url(path: Path) -> str:
    return f"sqlite+pysqlite:///{path}"


def _add(storage: Storage, name: str) -> None:
    with storage.unit_of_work() as uow:
        uow.people.add(Person(name=name, tie=Tie.FRIEND, created_at=NOW))
        uow.commit()


def test_default_url_creates_the_home(tmp_path: Path) -> None:
    home = tmp_path / "a" / "b"
    url = default_database_url(home)
    assert home.is_dir() and url.endswith(str(home / DATABASE_FILE))


def test_the_home_and_the_database_with_its_journal_are_private(tmp_path: Path) -> None:
    home = tmp_path / "home"
    storage = open_storage(default_database_url(home))
    try:
        _add(storage, "Ana")
        files = [path for path in home.iterdir() if path.name.startswith(DATABASE_FILE)]
        assert {path.name for path in files} >= {DATABASE_FILE, f"{DATABASE_FILE}-wal"}
        assert home.stat().st_mode & 0o777 == 0o700
        assert {path.stat().st_mode & 0o777 for path in files} == {0o600}
    finally:
        storage.dispose()


def test_an_existing_database_keeps_its_permissions(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / DATABASE_FILE).touch(mode=0o640)
    default_database_url(home)
    assert (home / DATABASE_FILE).stat().st_mode & 0o777 == 0o640


def test_a_home_that_is_a_file_is_refused(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.write_text("not a directory")
    with pytest.raises(StorageProblem, match=f"data directory {home}"):
        default_database_url(home)


def test_a_second_writer_waits_for_the_first(tmp_path: Path) -> None:
    url = _url(tmp_path / "busy.db")
    first, second = open_storage(url), open_storage(url)
    events: list[str] = []

    def write_second() -> None:
        _add(second, "Second")
        events.append("second committed")

    try:
        with first.unit_of_work() as uow:
            uow.people.add(Person(name="First", tie=Tie.FRIEND, created_at=NOW))
            writer = threading.Thread(target=write_second)
            writer.start()
            time.sleep(0.3)  # the second writer is now waiting on the lock
            events.append("first committing")
            uow.commit()
        writer.join(timeout=30)
        assert events == ["first committing", "second committed"]
        with first.unit_of_work() as uow:
            assert [p.name for p in uow.people.list()] == ["First", "Second"]
    finally:
        first.dispose()
        second.dispose()


def test_a_writer_that_waits_too_long_gets_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "held.db"
    holder = open_storage(_url(path))
    impatient = open_storage(_url(path), busy_timeout_seconds=0.2)
    try:
        with holder.unit_of_work() as uow:
            uow.people.add(Person(name="Holder", tie=Tie.FRIEND, created_at=NOW))
            with pytest.raises(StorageProblem, match=f"{path} is busy.*0.2 s"):
                _add(impatient, "Impatient")
            uow.commit()
        with holder.unit_of_work() as uow:
            assert [p.name for p in uow.people.list()] == ["Holder"]
    finally:
        holder.dispose()
        impatient.dispose()


def test_a_file_that_is_not_sqlite_is_named(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("dear diary, today was long\n" * 20)
    with pytest.raises(StorageProblem, match=f"{path} is not a SQLite database"):
        open_storage(_url(path))
    assert path.read_text().startswith("dear diary")  # left untouched


def test_a_damaged_sqlite_file_is_named(tmp_path: Path) -> None:
    path = tmp_path / "damaged.db"
    path.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 40)
    with pytest.raises(StorageProblem, match=f"{path} is damaged or not a database"):
        open_storage(_url(path))


def test_a_foreign_sqlite_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "photos.db"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE albums (id INTEGER PRIMARY KEY, title TEXT)")
    with pytest.raises(StorageProblem, match=f"{path} holds tables Tending did not make"):
        open_storage(_url(path))


def test_a_directory_in_place_of_the_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(StorageProblem, match="is a directory"):
        open_storage(_url(tmp_path))


def test_wal_and_foreign_keys_are_on(tmp_path: Path) -> None:
    storage = open_storage(_url(tmp_path / "pragmas.db"))
    try:
        with storage.unit_of_work() as uow:
            assert uow.connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert uow.connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        storage.dispose()


def test_a_reader_does_not_wait_for_a_writer(tmp_path: Path) -> None:
    path = tmp_path / "snapshot.db"
    writer = open_storage(_url(path))
    reader = open_storage(_url(path), busy_timeout_seconds=0.2)
    try:
        _add(writer, "Before")
        with writer.unit_of_work() as uow:
            uow.people.add(Person(name="Pending", tie=Tie.FRIEND, created_at=NOW))
            with reader.unit_of_work(read_only=True) as reading:
                assert [p.name for p in reading.people.list()] == ["Before"]
            with pytest.raises(StorageProblem, match="busy"), reader.unit_of_work() as writing:
                writing.people.list()
            uow.commit()
    finally:
        writer.dispose()
        reader.dispose()
