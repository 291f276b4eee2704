"""The workspace every use case takes: where the data lives, the storage on it, and the clock."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from types import TracebackType

from tending.domain.clock import Clock
from tending.storage.engine import default_database_url
from tending.storage.unit_of_work import Storage, UnitOfWork, open_storage


@dataclass
class Workspace:
    """An opened storage and the clock its use cases read the time from."""

    storage: Storage
    clock: Clock
    home: Path | None = None

    def unit_of_work(self) -> UnitOfWork:
        """A new unit of work on this workspace's storage."""
        return self.storage.unit_of_work()

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
    url = database_url or default_database_url(home)
    return Workspace(storage=open_storage(url), clock=clock, home=home)
