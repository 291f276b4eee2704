"""Export everything to a file, and restore an export into an empty database in one transaction.

The export is the author's own backup, so by default it holds everything, private things too
(unsaid things, private moments, guided sessions with what was typed in them);
`shareable=True` leaves those out. Import refuses a database
that already holds anything, and writes nothing at all unless every entry went in.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from pathlib import Path

from tending.domain.errors import FormatProblem, InvalidInput
from tending.exporters.archive import Archive, read_export, write_export
from tending.exporters.files import input_file, write_private
from tending.services.workspace import Workspace
from tending.storage.chat_repository import ChatAggregatesRepository
from tending.storage.session_repository import (
    QuestionRepository,
    RitualRepository,
    SessionRepository,
)
from tending.storage.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class ArchiveCounts:
    """How many of each thing a file holds (or an import wrote)."""

    path: Path
    people: int
    moments: int
    commitments: int
    agreements: int
    unsaid: int
    reassessments: int
    sessions: int = 0
    check_questions: int = 0
    rituals: int = 0
    chat_months: int = 0
    shareable: bool = False


def _counts(path: Path, archive: Archive, shareable: bool) -> ArchiveCounts:
    sizes = {f.name: len(getattr(archive, f.name)) for f in fields(Archive)}
    return ArchiveCounts(path=path, shareable=shareable, **sizes)


def load_archive(uow: UnitOfWork) -> Archive:
    """Everything stored, each kind in the order it was stored (by id)."""

    return Archive(
        people=tuple(sorted(uow.people.list(include_archived=True), key=lambda p: p.id or 0)),
        moments=tuple(sorted(uow.moments.list(), key=lambda m: m.id or 0)),
        commitments=tuple(sorted(uow.commitments.list(), key=lambda c: c.id or 0)),
        agreements=tuple(
            sorted(uow.agreements.list(include_retired=True), key=lambda a: a.id or 0)
        ),
        unsaid=tuple(sorted(uow.unsaid.list(include_said=True), key=lambda u: u.id or 0)),
        reassessments=tuple(sorted(uow.reassessments.list(), key=lambda r: r.id or 0)),
        sessions=tuple(SessionRepository(uow.connection).list()),
        check_questions=tuple(QuestionRepository(uow.connection).all()),
        rituals=tuple(RitualRepository(uow.connection).list()),
        chat_months=tuple(ChatAggregatesRepository(uow.connection).all()),
    )


def export_archive(workspace: Workspace, path: Path, shareable: bool = False) -> ArchiveCounts:
    """Write everything stored to `path` in the export format (docs/EXPORT_FORMAT.md)."""
    with workspace.unit_of_work() as uow:
        archive = load_archive(uow)
    write_private(path, write_export(archive, workspace.now(), shareable), "tending.json")
    return _counts(path, archive.shareable() if shareable else archive, shareable)


def read_archive_file(path: Path) -> Archive:
    """The export in the file at `path`, validated; FormatProblem, NotFound (no such file) or
    InvalidInput (a folder, a file that cannot be read) otherwise."""
    input_file(path, "export file")
    try:
        text = path.read_text(encoding="utf-8-sig")  # a BOM from a Windows editor is fine
    except UnicodeDecodeError as error:
        raise FormatProblem(
            f"{path}: not UTF-8 text (byte {error.start}); not a Tending export"
        ) from None
    except OSError as error:
        raise InvalidInput(f"{path}: cannot be read ({error.strerror})") from None
    return read_export(text, str(path))


def _stored_count(uow: UnitOfWork) -> int:
    """How many things are stored (people first: almost everything else needs one)."""
    return (
        len(uow.people.list(include_archived=True)) + len(uow.moments.list())
        + len(uow.reassessments.list()) + len(SessionRepository(uow.connection).list())
        + len(RitualRepository(uow.connection).list())
    )


def import_archive(workspace: Workspace, path: Path) -> ArchiveCounts:
    """Restore the export at `path` into an empty database, all of it or nothing."""
    archive = read_archive_file(path)
    with workspace.unit_of_work() as uow:
        if _stored_count(uow):
            raise InvalidInput(
                f"the database {workspace.storage.where} already holds data; an export is "
                "imported only into an empty one (use a new --home or database)"
            )
        new_ids: dict[int | None, int | None] = {None: None}
        for person in archive.people:
            new_ids[person.id] = uow.people.add(replace(person, id=None)).id
        for moment in archive.moments:
            uow.moments.add(replace(moment, person_id=new_ids[moment.person_id]))
        for item in archive.commitments:
            uow.commitments.add(replace(item, person_id=_known(new_ids, item.person_id)))
        for agreement in archive.agreements:
            uow.agreements.add(replace(agreement, person_id=_known(new_ids, agreement.person_id)))
        for unsaid in archive.unsaid:
            uow.unsaid.add(replace(unsaid, person_id=_known(new_ids, unsaid.person_id)))
        for reassessment in archive.reassessments:
            uow.reassessments.add(
                replace(reassessment, person_id=new_ids[reassessment.person_id])
            )
        _import_guided_and_chat(uow, archive, new_ids)
        uow.commit()
    return _counts(path, archive, False)


def _import_guided_and_chat(
    uow: UnitOfWork, archive: Archive, new_ids: dict[int | None, int | None]
) -> None:
    sessions = SessionRepository(uow.connection)
    for session in archive.sessions:
        sessions.add(replace(session, person_id=new_ids[session.person_id]))
    questions = QuestionRepository(uow.connection)
    for question in archive.check_questions:
        questions.add(_known(new_ids, question.person_id), question.text, question.created_at)
    rituals = RitualRepository(uow.connection)
    for ritual in archive.rituals:
        rituals.add(replace(ritual, person_id=new_ids[ritual.person_id], person_name=None))
    months = ChatAggregatesRepository(uow.connection)
    for month in archive.chat_months:
        months.add(replace(month, person_id=_known(new_ids, month.person_id)))


def _known(new_ids: dict[int | None, int | None], file_id: int) -> int:
    new = new_ids[file_id]
    assert new is not None  # read_export checked every reference
    return new
