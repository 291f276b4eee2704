"""The one private, atomic writer every file for the person goes through, and the input check."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from tending.domain.errors import InvalidInput, NotFound
from tending.exporters.files import input_file, private_file, write_private


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_written_files_are_private_whatever_the_umask(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        write_private(tmp_path / "a.json", "ä text")
        write_private(tmp_path / "b.ics", b"BEGIN:VCALENDAR")
    finally:
        os.umask(old)
    assert (tmp_path / "a.json").read_text(encoding="utf-8") == "ä text"
    assert mode(tmp_path / "a.json") == mode(tmp_path / "b.ics") == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.json", "b.ics"]


def test_an_existing_file_becomes_private_when_replaced(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o644)
    write_private(target, "new")
    assert target.read_text(encoding="utf-8") == "new" and mode(target) == 0o600


def test_a_failure_mid_write_leaves_no_file(tmp_path: Path) -> None:
    target = tmp_path / "trend.png"
    with pytest.raises(RuntimeError), private_file(target) as temporary:
        temporary.write_bytes(b"half a pic")
        raise RuntimeError("the drawing failed")
    assert list(tmp_path.iterdir()) == []


def test_a_failure_mid_write_keeps_the_earlier_file(tmp_path: Path) -> None:
    target = tmp_path / "backup.json"
    target.write_text("the earlier backup", encoding="utf-8")
    with pytest.raises(InvalidInput, match="No space left"), private_file(target) as temporary:
        temporary.write_text("half", encoding="utf-8")
        raise OSError(28, "No space left on device")
    assert target.read_text(encoding="utf-8") == "the earlier backup"
    assert [p.name for p in tmp_path.iterdir()] == ["backup.json"]


def test_a_disk_error_while_writing_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    with pytest.raises(InvalidInput, match=r"x\.json: cannot be written \(No space left"):
        write_private(tmp_path / "x.json", "{}")
    assert list(tmp_path.iterdir()) == []


def test_missing_folder_and_folder_targets_are_refused(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="the folder .* does not exist"):
        write_private(tmp_path / "no" / "x.json", "{}")
    (tmp_path / "out.ics").mkdir()
    with pytest.raises(InvalidInput, match=r"is a folder; give a file name such as .*rituals\.ics"):
        write_private(tmp_path / "out.ics", b"", "rituals.ics")


def test_input_file(tmp_path: Path) -> None:
    with pytest.raises(NotFound, match="gone.txt: no such file"):
        input_file(tmp_path / "gone.txt")
    with pytest.raises(InvalidInput, match="is a folder, not a chat export"):
        input_file(tmp_path, "chat export")
    there = tmp_path / "chat.txt"
    there.write_text("hi", encoding="utf-8")
    assert input_file(there) == there
