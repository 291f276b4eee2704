"""`tend export` and `tend import` through the real CLI."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
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


def test_a_section_cut_out_of_the_file_is_refused_not_read_as_empty(
    tend: Tend, tmp_path: Path
) -> None:
    """An edited file without its `commitments` restored everything else and lost them."""
    from tending.exporters.archive import checksum

    path = tmp_path / "cut.json"
    assert tend("export", str(path)).exit_code == 0  # an empty, valid version 2 file
    document = json.loads(path.read_text(encoding="utf-8"))
    document["people"] = [{"id": 1, "name": "Ana", "tie": "partner",
                           "created_at": "2025-12-01T10:00:00+00:00", "checks_per_month": 2}]
    del document["commitments"]
    document["checksum"] = checksum({k: v for k, v in document.items() if k != "checksum"})
    path.write_text(json.dumps(document), encoding="utf-8")
    refused = tend("import", str(path))
    assert refused.exit_code == 6, refused.output
    assert "cut.json: commitments: missing" in refused.stderr
    assert json.loads(tend("person", "list", "--json").stdout) == []  # nothing was written


def test_a_shareable_export_holds_nothing_private(tend: Tend, tmp_path: Path) -> None:
    """Through the real commands: journal, strategy, honest statements (logged and guided),
    the unsaid, and what a check agreed private logged; none of it in a --shareable file."""
    secrets = {
        "log": ["journal", "-p", "Sam", "-f", "lonely", "--note", "SECRET journal"],
        "strategy": ["strategy", "control", "--note", "SECRET strategy"],
        "honest": ["honest", "worry", "SECRET logged honest"],
    }
    assert tend("person", "add", "Sam").exit_code == 0
    for args in secrets.values():
        assert tend("log", *args).exit_code == 0
    assert tend("unsaid", "add", "-p", "Sam", "SECRET unsaid").exit_code == 0
    assert tend("honest", "--kind", "worry", input="SECRET guided honest\n").exit_code == 0
    check = [
        "y", "", "SECRET answer", "pass", "SECRET other answer", "",
        "I felt SECRET when we moved; it showed me to ask for help", "SECRET heard", "yes",
        "Send the seed catalogue", "Thank you for trusting me with the SECRET week",
        "Loved hearing about it. I will send the seeds. What will you plant first?",
    ]
    done = tend("check", "start", "Sam", input="".join(f"{line}\n" for line in check))
    assert done.exit_code == 0, done.output
    full, shared = tmp_path / "full.json", tmp_path / "shared.json"
    assert tend("export", str(full)).exit_code == 0
    assert tend("export", str(shared), "--shareable").exit_code == 0
    assert full.read_text(encoding="utf-8").count("SECRET") >= 8  # the full backup has them all
    document = json.loads(shared.read_text(encoding="utf-8"))
    assert "SECRET" not in shared.read_text(encoding="utf-8")
    assert document["unsaid"] == [] and document["sessions"] == []
    assert not any(moment.get("private") for moment in document["moments"])
    # the commitment typed in the private check stays out too; one made openly stays in
    assert "Send the seed catalogue" in full.read_text(encoding="utf-8")
    assert document["commitments"] == []
    assert tend("commit", "add", "-p", "Sam", "Book the walk").exit_code == 0
    assert tend("export", str(shared), "--shareable").exit_code == 0
    again = json.loads(shared.read_text(encoding="utf-8"))
    assert [c["text"] for c in again["commitments"]] == ["Book the walk"]
    assert "seed catalogue" not in shared.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("field", "value", "said"),
    [
        ("tzid", "Mars/Olympus", "rituals[0].tzid: the time zone 'Mars/Olympus' does not exist"),
        ("rrule", "FREQ=FOO", "rituals[0].rrule: 'FREQ=FOO' is not a valid RRULE"),
    ],
)
def test_a_ritual_that_tend_ritual_add_would_refuse_is_refused(
    tend: Tend, tmp_path: Path, field: str, value: object, said: str
) -> None:
    """Such a ritual was imported, then 'tend ritual list' and 'tend calendar export' failed
    (FREQ=FOO with a traceback)."""
    assert tend("person", "add", "Sam").exit_code == 0
    assert tend("ritual", "add", "weekly-check-in", "--with", "Sam", "--at", "19:30").exit_code == 0
    _import_refuses_edited_export(
        tend, tmp_path, lambda document: document["rituals"][0].__setitem__(field, value), said
    )


def test_an_export_saved_again_with_a_byte_order_mark_is_read(tend: Tend, tmp_path: Path) -> None:
    """Opened and saved unchanged in an editor that writes a UTF-8 BOM, it was 'not valid JSON'."""
    path = tmp_path / "bom.json"
    assert tend("export", str(path)).exit_code == 0
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    done = tend("import", str(path))
    assert done.exit_code == 0, done.output


def _import_refuses_edited_export(
    tend: Tend, tmp_path: Path, edit: Callable[[dict[str, Any]], object], said: str
) -> None:
    """Export, `edit` the document, sign it again (so only the edit is judged), and expect the
    import to refuse it naming `said`, before the database is touched."""
    from tending.exporters.archive import checksum

    path = tmp_path / "edited.json"
    assert tend("export", str(path)).exit_code == 0
    document = json.loads(path.read_text(encoding="utf-8"))
    edit(document)
    document["checksum"] = checksum(document)
    path.write_text(json.dumps(document), encoding="utf-8")
    refused = tend("import", str(path))
    assert refused.exit_code == 6, refused.output
    assert f"edited.json: {said}" in refused.stderr
    assert "Traceback" not in refused.output


def _finished_session(answers: int) -> dict[str, object]:
    """A finished gratitude prompt of two steps, with `answers` of them answered."""
    steps = [{"key": key, "kind": "text", "prompt": "Thanks?", "seconds": 0.0, "cue": "",
              "choices": [], "rule": None, "optional": False, "max_words": None}
             for key in ("thanks", "more")]
    entries = [{"step": step["key"], "text": "the soup", "at": "2026-01-14T20:00:00+00:00",
                "passed": False} for step in steps[:answers]]
    return {"kind": "gratitude", "person": None, "status": "finished",
            "started_at": "2026-01-14T19:59:00+00:00", "paused_at": None, "paused_seconds": 0.0,
            "step_progress": 0.0, "ended_at": "2026-01-14T20:00:00+00:00", "steps": steps,
            "entries": entries}


def _edit(document: dict[str, Any], where: str, value: object) -> None:
    """Set `value` at `where` ('people.1.name'); `None` as value removes the key."""
    *path, last = where.split(".")
    target: Any = document
    for part in path:
        target = target[int(part)] if part.isdigit() else target[part]
    if value is None:
        del target[last]
    else:
        target[last] = value


@pytest.mark.parametrize(
    ("where", "value", "said"),
    [
        ("people.1.name", " sam", "people[1].name: ' sam' is the name of people[0] too"),
        ("commitments.0.text", "  ", "commitments[0].text: empty"),
        ("moments.0.bid_answer", None, "moments[0].bid_answer: missing (every bid has one)"),
        ("moments.0.valence", "positive",
         "moments[0].valence: only moments of kind 'interaction' have one; this one is of "
         "kind 'bid'"),
        ("moments.0.feelings", ["lonely"],
         "moments[0].feelings: only moments of kind 'journal' have one"),
        ("moments.0.person", None, "moments[0].person: missing (every bid is about someone)"),
        ("sessions", [_finished_session(1)],
         "sessions[0].entries: 1 answers to 2 steps, but the session is finished"),
        ("rituals.0.rrule", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30",
         "rituals[0].rrule: 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30' never happens"),
        ("rituals.0.starts", "2026-01-13T19:30:00",
         "rituals[0].starts: 2026-01-13 19:30 is not a time 'FREQ=WEEKLY;BYDAY=TH' gives"),
        ("rituals.0.minutes", 0, "rituals[0].minutes: Input should be greater than or equal to 1"),
        ("people.0.name", "Sa\x00m", "people[0].name: holds a NUL character"),
        ("commitments.0.text", "a\x00b", "commitments[0].text: holds a NUL character"),
    ],
)
def test_what_no_command_can_store_is_refused_with_its_path(
    tend: Tend, tmp_path: Path, where: str, value: object, said: str
) -> None:
    """An edited file gave the app what it never makes (two people of one name, a bid without
    its answer, ...), and a NUL failed on PostgreSQL with the database's own words."""
    for args in (("person", "add", "Sam"), ("person", "add", "Ana"),
                 ("log", "bid", "-p", "Sam", "--answer", "toward"),
                 ("commit", "add", "-p", "Sam", "Book the walk"),
                 ("ritual", "add", "weekly-check-in", "--with", "Sam", "--at", "19:30")):
        assert tend(*args).exit_code == 0
    _import_refuses_edited_export(
        tend, tmp_path, lambda document: _edit(document, where, value), said
    )


def test_a_finished_session_with_every_answer_is_imported(tend: Tend, tmp_path: Path) -> None:
    from tending.exporters.archive import checksum

    path = tmp_path / "one.json"
    assert tend("export", str(path)).exit_code == 0
    document = json.loads(path.read_text(encoding="utf-8"))
    document["sessions"] = [_finished_session(2)]
    document["checksum"] = checksum(document)
    path.write_text(json.dumps(document), encoding="utf-8")
    done = tend("import", str(path), "--json")
    assert done.exit_code == 0, done.output
    assert json.loads(done.stdout)["sessions"] == 1
