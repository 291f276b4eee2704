"""Every command that reads a file the person names says the same thing, with the same exit
status, when the file is missing (3), a folder (2) or cannot be read (2): one line on stderr that
names the file, and never a traceback. Run through the real `tend` command."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import Result

import tending.exporters.files

Tend = Callable[..., Result]

# (args before the file, args after it): every command that reads a file given by name
READERS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "import": (("import",), ()),
    "chat parse": (("chat", "parse"), ("--jsonl",)),
    "chat report": (("chat", "report"), ()),
    "coach --jsonl": (("coach", "--jsonl"), ()),
    "coach eval": (("coach", "eval"), ()),
}
def _one_clear_line(result: Result, path: Path, code: int) -> None:
    assert result.exit_code == code, (result.exit_code, result.output)
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ") and str(path) in lines[0], lines[0]


def _run(tend: Tend, name: str, path: Path) -> Result:
    before, after = READERS[name]
    return tend(*before, str(path), *after)


@pytest.mark.parametrize("name", list(READERS))
def test_a_missing_file_is_named_with_exit_3(tend: Tend, tmp_path: Path, name: str) -> None:
    path = tmp_path / "nowhere" / "gone.json"
    result = _run(tend, name, path)
    _one_clear_line(result, path, 3)
    assert "no such file" in result.stderr


@pytest.mark.parametrize("name", list(READERS))
def test_a_folder_instead_of_a_file_is_named_with_exit_2(
    tend: Tend, tmp_path: Path, name: str
) -> None:
    folder = tmp_path / "a-folder.json"
    folder.mkdir()
    result = _run(tend, name, folder)
    _one_clear_line(result, folder, 2)
    assert "folder" in result.stderr or "directory" in result.stderr


@pytest.mark.parametrize("name", ["import", "chat parse", "chat report"])
def test_a_file_that_cannot_be_read_is_named_with_exit_2(
    tend: Tend, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    """Permissions do not stop root (these tests may run as root), so the refusal is simulated
    where Tending first opens the file; the test below uses real permissions when it can."""
    path = tmp_path / "locked.json"
    path.write_text("{}", encoding="utf-8")

    def refuse(file: Any, *args: Any, **kwargs: Any) -> Any:
        raise PermissionError(13, "Permission denied", str(file))

    monkeypatch.setattr(tending.exporters.files, "open", refuse, raising=False)
    result = _run(tend, name, path)
    _one_clear_line(result, path, 2)
    assert "cannot be read (Permission denied)" in result.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
@pytest.mark.parametrize("name", ["import", "chat parse", "chat report", "coach --jsonl"])
def test_a_file_without_read_permission(tend: Tend, tmp_path: Path, name: str) -> None:
    path = tmp_path / "locked.json"
    path.write_text("{}", encoding="utf-8")
    path.chmod(0)
    try:
        result = _run(tend, name, path)
    finally:
        path.chmod(0o600)
    assert result.exit_code == 2 and str(path) in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("error", "code"),
    [
        (FileNotFoundError(2, "No such file or directory", "/lost/file.json"), 3),
        (PermissionError(13, "Permission denied", "/lost/file.json"), 2),
    ],
)
def test_a_file_error_no_layer_caught_is_still_one_line(
    tend: Tend, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: OSError, code: int
) -> None:
    """The edge's safety net: an OSError naming a file becomes a line and an exit status."""

    def fail(*args: Any) -> Any:
        raise error

    monkeypatch.setattr("tending.cli.archive.import_archive", fail)
    result = tend("import", str(tmp_path / "x.json"))
    _one_clear_line(result, Path("/lost/file.json"), code)
