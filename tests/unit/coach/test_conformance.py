"""The coach against its own conformance corpus (tests/data/coach/conformance.jsonl), scored as
the SPEC scores its examples: every labelled flag found, no other flag except those in `maybe`,
tone and depth where given."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tending.coach import FLAGS, analyze

CORPUS = Path(__file__).parents[2] / "data" / "coach" / "conformance.jsonl"
ROWS: list[dict[str, Any]] = [
    json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()
]


def test_the_corpus_is_large_and_covers_every_flag() -> None:
    assert len(ROWS) >= 150
    labelled = {flag for row in ROWS for flag in row["flags"]}
    assert labelled == set(FLAGS)
    assert sum(1 for row in ROWS if not row["flags"]) >= 20  # negatives
    assert len({row["id"] for row in ROWS}) == len(ROWS)


@pytest.mark.parametrize("row", ROWS, ids=[row["id"] for row in ROWS])
def test_conformance(row: dict[str, Any]) -> None:
    result = analyze(row["text"], row.get("context"))
    found = set(result.flags)
    expected = set(row["flags"])
    allowed = expected | set(row.get("maybe", []))
    assert expected <= found, f"missing {sorted(expected - found)}"
    assert found <= allowed, f"unexpected {sorted(found - allowed)}"
    if "tone" in row:
        assert result.tone == row["tone"]
    if "depth" in row:
        assert result.depth == row["depth"]
