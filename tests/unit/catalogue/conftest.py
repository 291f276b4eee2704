"""Fixtures for the catalogue tests: writable copies of the shipped data files."""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

import pytest

DATA = Path(str(resources.files("tending.catalogue").joinpath("data")))


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of data/ that a test may break without touching the shipped files."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    return target


def replace_in(path: Path, old: str, new: str) -> None:
    """Edit one occurrence of `old` in a data file (and fail loudly if it is not there)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
