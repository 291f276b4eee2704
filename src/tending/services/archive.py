"""Export everything to a file, and restore an export into an empty database in one transaction.

The export is the author's own backup, so by default it holds everything, private things too
(unsaid things, private moments); `shareable=True` leaves those out. Import refuses a database
that already holds anything, and writes nothing at all unless every entry went in.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

from tending.domain.errors import FormatProblem, InvalidInput
from tending.exporters.archive import Archive, read_export, write_export
from tending.services.workspace import Workspace
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
    shareable: bool = False


def _counts(path: Path, archive: Archive, shareable: bool) -> ArchiveCounts:
    return ArchiveCounts(
        path, len(archive.people), len(archive.moments), len(archive.commitments),
        len(archive.agreements), len(archive.unsaid), len(archive.reassessments), shareable,
    )


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
    )


def write_atomically(path: Path, text: str) -> None:
    """Write `text` to `path` so that a reader never sees half a file."""
    if not path.parent.is_dir():
        raise InvalidInput(f"{path}: the folder {path.parent} does not exist")
    if path.is_dir():
        raise InvalidInput(f"{path}: is a folder; give a file name such as {path / 'tending.json'}")
    try:
        handle, temporary = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
        )
    except OSError as error:
        raise InvalidInput(f"{path}: cannot be written ({error.strerror})") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except OSError as error:
        raise InvalidInput(f"{path}: cannot be written ({error.strerror})") from None
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def export_archive(workspace: Workspace, path: Path, shareable: bool = False) -> ArchiveCounts:
    """Write everything stored to `path` in the export format (docs/EXPORT_FORMAT.md)."""
    with workspace.unit_of_work() as uow:
        archive = load_archive(uow)
    write_atomically(path, write_export(archive, workspace.now(), shareable))
    if shareable:
        archive = replace(
            archive, unsaid=(), moments=tuple(m for m in archive.moments if not m.private)
        )
    return _counts(path, archive, shareable)


def read_archive_file(path: Path) -> Archive:
    """The export in the file at `path`, validated; FormatProblem or InvalidInput otherwise."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InvalidInput(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InvalidInput(f"{path}: is a folder, not an export file") from None
    except UnicodeDecodeError as error:
        raise FormatProblem(
            f"{path}: not UTF-8 text (byte {error.start}); not a Tending export"
        ) from None
    except OSError as error:
        raise InvalidInput(f"{path}: cannot be read ({error.strerror})") from None
    return read_export(text, str(path))


def _stored_count(uow: UnitOfWork) -> int:
    return (
        len(uow.people.list(include_archived=True)) + len(uow.moments.list())
        + len(uow.reassessments.list())
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
        uow.commit()
    return _counts(path, archive, False)


def _known(new_ids: dict[int | None, int | None], file_id: int) -> int:
    new = new_ids[file_id]
    assert new is not None  # read_export checked every reference
    return new
