"""Files a person gives Tending and files Tending writes for them.

Every file written for the person (the JSON export, `.ics` calendars, chart PNG/SVG, the chat
report's HTML) goes through `private_file` / `write_private`: the bytes go to a temporary file
beside the target, readable by its owner only (0600), which is renamed over the target once it is
whole. A failure half way leaves no file behind, and an earlier file at the target untouched.

`input_file` checks a file the person named before anything reads it, so every command says the
same thing, with the same exit status, for a missing file, a folder or a file it may not read.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tending.domain.errors import InvalidInput, NotFound

PRIVATE_MODE = 0o600


def _target(path: Path, example: str) -> Path:
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise InvalidInput(f"{path}: the folder {folder} does not exist")
    if path.is_dir():
        raise InvalidInput(f"{path}: is a folder; give a file name such as {path / example}")
    return folder


@contextmanager
def private_file(path: Path, example: str = "tending.json") -> Iterator[Path]:
    """A temporary path beside `path` (mode 0600) to write to; renamed to `path` on success.

    `example` is the file name suggested when `path` is a folder. If the block raises, the
    temporary file is removed and `path` is left as it was.
    """
    folder = _target(path, example)
    try:
        handle, name = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        raise InvalidInput(f"{path}: cannot be written ({error.strerror})") from None
    temporary = Path(name)
    try:
        os.fchmod(handle, PRIVATE_MODE)  # mkstemp already uses 0600; say so, whatever the umask
        os.close(handle)
        yield temporary
        os.chmod(temporary, PRIVATE_MODE)  # a writer may have replaced the file
        os.replace(temporary, path)
    except OSError as error:
        raise InvalidInput(f"{path}: cannot be written ({error.strerror})") from None
    finally:
        temporary.unlink(missing_ok=True)


def write_private(path: Path, data: str | bytes, example: str = "tending.json") -> None:
    """Write `data` (text as UTF-8) to `path` atomically, readable by its owner only."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    with private_file(path, example) as temporary, temporary.open("wb") as stream:
        stream.write(payload)


def input_file(path: Path, what: str = "file") -> Path:
    """`path` if it is a file that can be read; NotFound or InvalidInput naming it otherwise."""
    if not path.exists():
        raise NotFound(f"{path}: no such file")
    if path.is_dir():
        raise InvalidInput(f"{path}: is a folder, not a {what}")
    try:
        with open(path, "rb"):
            pass
    except OSError as error:
        raise InvalidInput(f"{path}: cannot be read ({error.strerror})") from None
    return path
