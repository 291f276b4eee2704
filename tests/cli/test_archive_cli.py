"""`tend export` and `tend import` through the real CLI."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from typer.testing import Result

Tend = Callable[..., Result]


def test_export_then_refuse_import_into_filled_home(tend: Tend, tmp_path: Path) -> None:
    assert tend("demo", "--weeks", "3").exit_code == 0
    path = tmp_path / "backup.json"
    done = tend("export", str(path))
    assert done.exit_code == 0, done.output
    assert "private entries" in done.stdout
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["format"] == "tending-export" and document["version"] == 2
    refused = tend("import", str(path))
    assert refused.exit_code == 2 and "already holds data" in refused.stderr
    shared = json.loads(tend("export", str(tmp_path / "s.json"), "--shareable", "--json").stdout)
    assert shared["unsaid"] == 0 and shared["shareable"] is True


def test_import_of_damaged_files(tend: Tend, tmp_path: Path) -> None:
    path = tmp_path / "cut.json"
    path.write_text('{"format": "tending-export", "version": 1, "people": [', encoding="utf-8")
    cut = tend("import", str(path))
    assert cut.exit_code == 6, cut.output
    assert "not valid JSON at line 1" in cut.stderr and "Traceback" not in cut.output
    path.write_text('{"format": "tending-export", "version": 3}', encoding="utf-8")
    newer = tend("import", str(path))
    assert newer.exit_code == 6 and "newer Tending (version 3)" in newer.stderr
    # nothing was written by either attempt
    assert json.loads(tend("stats", "--json").stdout)["people"] == []
    missing = tend("import", str(tmp_path / "none.json"))
    assert missing.exit_code == 3 and "none.json: no such file" in missing.stderr


def test_import_into_an_empty_home(tend: Tend, tmp_path: Path) -> None:
    path = tmp_path / "one.json"
    document = {
        "format": "tending-export", "version": 1, "exported_at": "2026-01-01T00:00:00+00:00",
        "shareable": False,
        "people": [{"id": 5, "name": "Ana", "tie": "partner",
                    "created_at": "2025-12-01T10:00:00+00:00", "checks_per_month": 2}],
        "moments": [{"kind": "chat", "at": "2026-01-10T18:00:00+00:00", "person": 5,
                     "minutes": 40}],
        "commitments": [], "agreements": [], "unsaid": [], "reassessments": [],
    }
    from tending.exporters.archive import checksum

    document["checksum"] = checksum(document)
    path.write_text(json.dumps(document), encoding="utf-8")
    done = tend("import", str(path), "--json")
    assert done.exit_code == 0, done.output
    assert json.loads(done.stdout)["people"] == 1
    stats = json.loads(tend("stats", "Ana", "--json").stdout)
    assert stats["people"][0]["chats"]["count"] == 1


def test_summaries_count_with_the_right_nouns(tend: Tend, tmp_path: Path) -> None:
    assert tend("person", "add", "Ana").exit_code == 0
    assert tend("log", "chat", "-p", "Ana", "--minutes", "30").exit_code == 0
    assert tend("commit", "add", "-p", "Ana", "Book the walk").exit_code == 0
    done = tend("export", str(tmp_path / "one.json"))
    assert done.exit_code == 0, done.output
    summary = " ".join(done.stdout.split())
    assert summary.startswith(
        "Exported 1 person, 1 moment, 1 commitment, 0 agreements, 0 unsaid things, "
        "0 reassessments, 0 guided sessions, 0 check questions, 0 rituals, "
        "0 stored chat months to"
    ), summary
    assert "1 people" not in summary and "1 commitments" not in summary
