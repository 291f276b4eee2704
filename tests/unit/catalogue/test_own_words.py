"""Our data is written in our own words: no six consecutive words of a seed essay appear in it.

The essays themselves are not in the repository; `seed_fingerprints.txt` holds only hashes of
their six-word runs, which is enough to notice a copied sentence without storing any of it.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from .conftest import DATA

FINGERPRINTS = Path(__file__).with_name("seed_fingerprints.txt")
RUN = 6


def words(text: str) -> list[str]:
    return re.findall(r"[a-z']+", text.lower().replace("\u2019", "'"))


def fingerprint(run: list[str]) -> str:
    return hashlib.sha256(" ".join(run).encode()).hexdigest()[:12]


def seed_fingerprints() -> set[str]:
    lines = FINGERPRINTS.read_text(encoding="utf-8").splitlines()
    return {line for line in lines if line and not line.startswith("#")}


def shared_runs(text: str, seeds: set[str]) -> list[str]:
    found = words(text)
    runs = (found[i : i + RUN] for i in range(len(found) - RUN + 1))
    return [" ".join(run) for run in runs if fingerprint(run) in seeds]


def test_the_fingerprints_are_loaded() -> None:
    assert len(seed_fingerprints()) > 5000


def test_a_copied_sentence_would_be_caught_and_our_own_would_not() -> None:
    seeds = seed_fingerprints()
    # Essay 003 lists the survival strategies one per line; PRODUCT.md names them the same way.
    listed = "hyper-independence, emotional avoidance, people pleasing"
    assert shared_runs(listed, seeds) == ["hyper independence emotional avoidance people pleasing"]
    ours = "one person names a fear, the other reflects it back and affirms it without arguing"
    assert shared_runs(ours, seeds) == []


@pytest.mark.parametrize("name", sorted(p.name for p in DATA.iterdir() if p.suffix != ".py"))
def test_no_data_file_repeats_a_seed_essay(name: str) -> None:
    if (DATA / name).is_dir():
        return
    text = (DATA / name).read_text(encoding="utf-8")
    assert shared_runs(text, seed_fingerprints()) == []
