"""Opening what a person hands us: a plain file, or the chat .txt inside a WhatsApp .zip."""

from __future__ import annotations

import fnmatch
import zipfile
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from tending.domain.errors import FormatProblem

Opener = Callable[[], BinaryIO]
# compared ignoring case; other languages put "WhatsApp" elsewhere in the name ("Chat de WhatsApp
# con Ana.txt", "Discussion WhatsApp avec Ana.txt"), and a chat's own documents can be .txt too
_CHAT_NAMES = ("_chat.txt", "whatsapp chat*.txt", "whatsapp-chat*.txt", "*whatsapp*.txt", "*.txt")


def missing_file(path: Path) -> str:
    """What to say when `path` is not a readable file."""
    if path.is_dir():
        return f"{path} is a folder; name the export file inside it (.txt, .zip, .json, .csv)"
    return f"{path}: no such file"


def chat_member(archive: zipfile.ZipFile) -> str | None:
    """The name of the chat text inside a WhatsApp zip, or None when it holds none."""
    names = [n for n in archive.namelist() if not n.endswith("/")]
    for pattern in _CHAT_NAMES:
        for name in names:
            if fnmatch.fnmatchcase(PurePosixPath(name).name.casefold(), pattern):
                return name
    return None


def binary_opener(path: Path) -> Opener:
    """A function that opens the readable bytes of `path` (a zip's chat member for a zip).

    Raises `FormatProblem` at once when a zip has no chat inside, so nothing is read first.
    """
    if not zipfile.is_zipfile(path):
        return lambda: path.open("rb")
    with zipfile.ZipFile(path) as archive:
        member = chat_member(archive)
    if member is None:
        raise FormatProblem(
            f"{path.name} is a zip with no WhatsApp chat inside "
            "(looked for _chat.txt or 'WhatsApp Chat*.txt')"
        )
    return lambda: _open_member(path, member)


def _open_member(path: Path, member: str) -> BinaryIO:
    archive = zipfile.ZipFile(path)
    handle = archive.open(member)
    # closing the member must also close the archive that owns the file handle
    original_close = handle.close

    def close() -> None:
        original_close()
        archive.close()

    handle.close = close  # type: ignore[method-assign]
    return handle  # type: ignore[return-value]
