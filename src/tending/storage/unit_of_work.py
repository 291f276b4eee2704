"""Storage and its unit of work: one connection, one transaction, rolled back unless committed.

    storage = open_storage(url)          # checks the database and migrates it on first use
    with storage.unit_of_work() as uow:
        person = uow.people.add(...)
        uow.commit()

Other parts build their own repositories on `uow.connection` (public on purpose).
Database errors that a person can do something about (busy, corrupted, unreachable) come out as
StorageProblem naming the database; nothing half-written stays behind.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from types import TracebackType

from sqlalchemy import Connection, Engine, RootTransaction
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError

from tending.domain.errors import StorageProblem
from tending.storage.engine import (
    DEFAULT_BUSY_TIMEOUT_SECONDS,
    READ_ONLY,
    describe,
    make_engine,
    parse_url,
    sqlite_path,
)
from tending.storage.migrate import check_sqlite_file, revisions_of, upgrade
from tending.storage.repositories.agreements import AgreementsRepository
from tending.storage.repositories.commitments import CommitmentsRepository
from tending.storage.repositories.moments import MomentsRepository
from tending.storage.repositories.people import PeopleRepository
from tending.storage.repositories.reassessments import ReassessmentsRepository
from tending.storage.repositories.unsaid import UnsaidRepository


def explain(error: DBAPIError, where: str, busy_timeout_seconds: float) -> StorageProblem:
    """A database error as a message for a person (never the SQL or the parameters)."""
    detail = str(error.orig).strip().splitlines()[0] if error.orig is not None else ""
    lowered = detail.lower()
    if "locked" in lowered or "busy" in lowered:
        return StorageProblem(
            f"the database {where} is busy: another program kept it locked for more than "
            f"{busy_timeout_seconds:g} s; try again when it is done"
        )
    if "not a database" in lowered or "malformed" in lowered:
        return StorageProblem(f"the database {where} is damaged or not a database ({detail})")
    if "unable to open" in lowered:
        return StorageProblem(f"cannot open the database {where} ({detail})")
    if "connect" in lowered or "connection" in lowered:
        return StorageProblem(f"cannot reach the database {where} ({detail})")
    return StorageProblem(f"the database {where} refused the change ({detail})")


class UnitOfWork:
    """One connection in one transaction, with the tracker's repositories on it."""

    connection: Connection
    people: PeopleRepository
    moments: MomentsRepository
    commitments: CommitmentsRepository
    agreements: AgreementsRepository
    unsaid: UnsaidRepository
    reassessments: ReassessmentsRepository

    def __init__(self, storage: Storage, read_only: bool = False) -> None:
        self.storage = storage
        self.read_only = read_only
        self._transaction: RootTransaction | None = None

    def __enter__(self) -> UnitOfWork:
        with self.storage.translated_errors():
            self.connection = self.storage.engine.connect()
            if self.read_only:
                self.connection = self.connection.execution_options(**{READ_ONLY: True})
            try:
                self._transaction = self.connection.begin()
            except BaseException:
                self.connection.close()
                raise
        conn = self.connection
        self.people = PeopleRepository(conn)
        self.moments = MomentsRepository(conn)
        self.commitments = CommitmentsRepository(conn)
        self.agreements = AgreementsRepository(conn)
        self.unsaid = UnsaidRepository(conn)
        self.reassessments = ReassessmentsRepository(conn)
        return self

    def commit(self) -> None:
        """Make everything done so far permanent."""
        with self.storage.translated_errors():
            self.connection.commit()

    def rollback(self) -> None:
        """Forget everything done since the last commit."""
        self.connection.rollback()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        try:
            if self.connection.in_transaction():
                self.connection.rollback()
        except DBAPIError:
            pass  # the connection broke: the server drops the transaction by itself
        finally:
            self.connection.close()
        if isinstance(error, DBAPIError):
            raise self.storage.problem(error) from error


class Storage:
    """A migrated database: hands out units of work."""

    def __init__(self, engine: Engine, url: URL, busy_timeout_seconds: float) -> None:
        self.engine = engine
        self.url = url
        self.where = describe(url)
        self.busy_timeout_seconds = busy_timeout_seconds

    @property
    def dialect(self) -> str:
        """'sqlite' or 'postgresql'."""
        return self.engine.dialect.name

    def unit_of_work(self, read_only: bool = False) -> UnitOfWork:
        """A new unit of work (use it with `with`).

        `read_only=True` promises not to write: on SQLite it then reads a snapshot without
        waiting for a writer (a write in it may fail as busy instead of waiting).
        """
        return UnitOfWork(self, read_only)

    def revisions(self) -> set[str]:
        """The schema revisions recorded in the database."""
        with self.translated_errors(), self.engine.connect() as connection:
            return revisions_of(connection)

    def problem(self, error: DBAPIError) -> StorageProblem:
        """The StorageProblem a person sees for this database error."""
        return explain(error, self.where, self.busy_timeout_seconds)

    @contextmanager
    def translated_errors(self) -> Iterator[None]:
        """Turn database errors inside the block into StorageProblem."""
        try:
            yield
        except DBAPIError as error:
            raise self.problem(error) from error

    def dispose(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()


def open_storage(url: str, busy_timeout_seconds: float = DEFAULT_BUSY_TIMEOUT_SECONDS) -> Storage:
    """Open the database at `url`, refusing foreign files, and migrate it to the newest schema."""
    parsed = parse_url(url)
    path = sqlite_path(parsed)
    if path is not None:
        check_sqlite_file(path)
    engine = make_engine(url, busy_timeout_seconds)
    storage = Storage(engine, parsed, busy_timeout_seconds)
    try:
        with storage.translated_errors():
            upgrade(engine, storage.where)
    except BaseException:
        engine.dispose()
        raise
    return storage
