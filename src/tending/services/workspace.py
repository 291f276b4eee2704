"""The workspace every use case takes: where the data lives, the storage on it, and the clock."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from types import TracebackType

from tending.domain.clock import Clock
from tending.storage.engine import DATABASE_FILE, default_database_url, sqlite_url
from tending.storage.info import DatabaseInfo, database_info
from tending.storage.unit_of_work import Storage, UnitOfWork, open_storage


@dataclass
class Workspace:
    """An opened storage and the clock its use cases read the time from."""

    storage: Storage
    clock: Clock
    home: Path | None = None

    def unit_of_work(self, read_only: bool = False) -> UnitOfWork:
        """A new unit of work on this workspace's storage (read_only: see Storage.unit_of_work)."""
        return self.storage.unit_of_work(read_only)

    def now(self) -> datetime:
        """The current time (aware), from the clock."""
        return self.clock.now()

    def today(self) -> date:
        """Today's date in the clock's time zone."""
        return self.clock.now().date()

    def close(self) -> None:
        """Release the database connections."""
        self.storage.dispose()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()


def open_workspace(home: Path, database_url: str | None, clock: Clock) -> Workspace:
    """Open (and migrate) the database at `database_url`, or the SQLite file in `home`."""
    url = database_url_for(home, database_url)
    return Workspace(storage=open_storage(url), clock=clock, home=home)


def database_url_for(home: Path, database_url: str | None) -> str:
    """The URL a workspace in `home` uses: the one given, or the SQLite file in `home`."""
    return database_url or default_database_url(home)


def upgrade_database(home: Path, database_url: str | None) -> DatabaseInfo:
    """Bring the database to the newest schema (creating it if needed); what it now holds."""
    url = database_url_for(home, database_url)
    open_storage(url).dispose()
    return database_info(url)


def inspect_database(home: Path, database_url: str | None) -> DatabaseInfo:
    """Where the database is and which schema it has, without creating or migrating anything."""
    if database_url is None:
        return database_info(sqlite_url(home / DATABASE_FILE))
    return database_info(database_url)
