"""Export and import on real storage: refusals leave the database exactly as it was."""

from __future__ import annotations

import json
import random
from dataclasses import fields
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import text

from tending.domain.chat_analysis import ChatCounts, ChatMonthlyAggregate
from tending.domain.errors import FormatProblem, InvalidInput, NotFound, StorageProblem
from tending.domain.people import Person, Tie
from tending.domain.rituals import Ritual, RitualKind
from tending.domain.sessions import (
    SessionKind,
    SessionStatus,
    Step,
    StepKind,
    pause,
    record,
    start_session,
)
from tending.exporters.archive import Archive, checksum
from tending.services.archive import export_archive, import_archive, load_archive
from tending.services.demo import fill_demo
from tending.services.workspace import Workspace, open_workspace
from tending.storage.chat_repository import ChatAggregatesRepository
from tending.storage.metadata import metadata
from tending.storage.session_repository import (
    QuestionRepository,
    RitualRepository,
    SessionRepository,
)


@pytest.fixture
def exported(workspace: Workspace, tmp_path: Path) -> Path:
    """An export of a small demo (4 weeks), written from a separate workspace."""
    fill_demo(workspace, random.Random(3), weeks=4)
    path = tmp_path / "backup.json"
    export_archive(workspace, path)
    with workspace.unit_of_work() as uow:
        for table in ("agreement_versions", "agreements", "unsaid", "commitments",
                      "reassessment_scores", "reassessments", "moments", "people"):
            uow.connection.execute(text(f"DELETE FROM {table}"))
        uow.commit()
    return path


def counts(workspace: Workspace) -> tuple[int, ...]:
    with workspace.unit_of_work() as uow:
        archive = load_archive(uow)
    return (len(archive.people), len(archive.moments), len(archive.commitments),
            len(archive.agreements), len(archive.unsaid), len(archive.reassessments))


def test_import_restores_everything(workspace: Workspace, exported: Path) -> None:
    restored = import_archive(workspace, exported)
    assert counts(workspace) == (3, restored.moments, restored.commitments, 3, 4, 2)
    assert restored.moments > 50


def test_import_into_a_non_empty_database_is_refused(workspace: Workspace,
                                                     exported: Path) -> None:
    import_archive(workspace, exported)
    before = counts(workspace)
    with pytest.raises(InvalidInput, match="already holds data"):
        import_archive(workspace, exported)
    assert counts(workspace) == before


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda t: t[: len(t) // 3], r"not valid JSON at line \d+, column \d+"),
        (lambda t: t.replace('"Maya"', '"Mayo"', 1), "changed after it was exported"),
        (lambda t: t.replace('"version": 2', '"version": 3', 1),
         r"newer Tending \(version 3\); this one reads up to 2"),
        (lambda t: "", "not valid JSON at line 1, column 1"),
    ],
)
def test_damaged_files_are_refused_and_nothing_is_written(
    workspace: Workspace, exported: Path, damage: object, message: str
) -> None:
    exported.write_text(damage(exported.read_text(encoding="utf-8")),  # type: ignore[operator]
                        encoding="utf-8")
    with pytest.raises(FormatProblem, match=message):
        import_archive(workspace, exported)
    assert counts(workspace) == (0, 0, 0, 0, 0, 0)


def test_bad_value_names_its_path(workspace: Workspace, exported: Path) -> None:
    document = json.loads(exported.read_text(encoding="utf-8"))
    document["reassessments"][1]["scores"]["acceptance"] = 11
    document["checksum"] = checksum(document)
    exported.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(FormatProblem, match=r"reassessments\[1\]\.scores\.acceptance"):
        import_archive(workspace, exported)


def test_missing_and_binary_files(workspace: Workspace, tmp_path: Path) -> None:
    with pytest.raises(NotFound, match="nothing.json: no such file"):
        import_archive(workspace, tmp_path / "nothing.json")
    binary = tmp_path / "photo.json"
    binary.write_bytes(b"\xff\xd8\xff\xe0 not json")
    with pytest.raises(FormatProblem, match="not UTF-8"):
        import_archive(workspace, binary)


def test_a_failure_half_way_writes_nothing(workspace: Workspace, exported: Path) -> None:
    """The last table refuses every row: people and moments written before must vanish too."""
    with workspace.unit_of_work() as uow:
        if workspace.storage.dialect == "sqlite":
            uow.connection.execute(text(
                "CREATE TRIGGER refuse BEFORE INSERT ON reassessments "
                "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"
            ))
        else:
            uow.connection.execute(text(
                "CREATE FUNCTION refuse() RETURNS trigger AS $$ BEGIN "
                "RAISE EXCEPTION 'refused by the test'; END $$ LANGUAGE plpgsql"
            ))
            uow.connection.execute(text(
                "CREATE TRIGGER refuse BEFORE INSERT ON reassessments "
                "FOR EACH ROW EXECUTE FUNCTION refuse()"
            ))
        uow.commit()
    with pytest.raises(StorageProblem, match="refused"):
        import_archive(workspace, exported)
    assert counts(workspace) == (0, 0, 0, 0, 0, 0)


def test_export_writes_whole_files_only(workspace: Workspace, tmp_path: Path) -> None:
    with workspace.unit_of_work() as uow:
        uow.people.add(Person("Ana", Tie.PARTNER, workspace.now()))
        uow.commit()
    with pytest.raises(InvalidInput, match="does not exist"):
        export_archive(workspace, tmp_path / "no" / "such" / "x.json")
    path = tmp_path / "x.json"
    export_archive(workspace, path)
    assert json.loads(path.read_text(encoding="utf-8"))["people"][0]["name"] == "Ana"
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_shareable_export_leaves_out_private_things(
    workspace: Workspace, tmp_path: Path
) -> None:
    fill_demo(workspace, random.Random(5), weeks=4)
    path = tmp_path / "share.json"
    summary = export_archive(workspace, path, shareable=True)
    document = json.loads(path.read_text(encoding="utf-8"))
    assert summary.unsaid == 0 and document["unsaid"] == []
    assert not any(m.get("private") for m in document["moments"])
    other = open_workspace(tmp_path / "other", None, workspace.clock)
    with other:
        assert import_archive(other, path).people == 3


def test_export_to_a_folder_is_refused(workspace: Workspace, tmp_path: Path) -> None:
    folder = tmp_path / "backup.json"
    folder.mkdir()
    with pytest.raises(InvalidInput, match="is a folder"):
        export_archive(workspace, folder)


def _guided_and_chat(workspace: Workspace) -> None:
    """A paused Connection Check with one answer, a question, a ritual, a stored chat month."""
    now = workspace.now()
    with workspace.unit_of_work() as uow:
        ana = uow.people.add(Person("Ana", Tie.PARTNER, now)).id
        assert ana is not None
        steps = (Step("q1", StepKind.QUESTION, "What surprised you?", seconds=3.0),
                 Step("story", StepKind.STORY, "Your story", seconds=90.0))
        session = pause(record(start_session(SessionKind.CHECK, steps, now, ana),
                               "the sea", now), now, progress=12.5)
        SessionRepository(uow.connection).add(session)
        QuestionRepository(uow.connection).add(ana, "What do you need this week?", now)
        RitualRepository(uow.connection).add(Ritual(
            RitualKind.WEEKLY_CHECK_IN, datetime(2026, 1, 18, 19, 30), "Europe/Berlin",
            "FREQ=WEEKLY;BYDAY=SU", "ritual-1@tending", now, person_id=ana, minutes=20,
        ))
        ChatAggregatesRepository(uow.connection).add(ChatMonthlyAggregate(
            ana, "chat.txt", "2025-12", "Ana", ChatCounts(messages=40, positive=9), now
        ))
        uow.commit()


def test_export_holds_guided_sessions_questions_rituals_and_chat_months(
    workspace: Workspace, tmp_path: Path
) -> None:
    _guided_and_chat(workspace)
    path = tmp_path / "all.json"
    summary = export_archive(workspace, path)
    assert (summary.sessions, summary.check_questions, summary.rituals, summary.chat_months) == (
        1, 1, 1, 1)
    document = json.loads(path.read_text(encoding="utf-8"))
    session = document["sessions"][0]
    assert session["status"] == "paused" and session["step_progress"] == 12.5
    assert session["entries"][0] == {
        "step": "q1", "text": "the sea", "at": "2026-01-15T09:00:00Z", "passed": False
    }
    assert document["rituals"][0]["starts"] == "2026-01-18T19:30:00"
    assert document["chat_months"][0]["counts"]["positive"] == 9
    with open_workspace(tmp_path / "other", None, workspace.clock) as other:
        import_archive(other, path)
        with other.unit_of_work() as uow:
            restored = load_archive(uow)
    assert restored.sessions[0].entries[0].text == "the sea"
    assert restored.sessions[0].status is SessionStatus.PAUSED
    assert restored.rituals[0].uid == "ritual-1@tending"
    assert restored.rituals[0].person_name == "Ana"
    assert restored.check_questions[0].text == "What do you need this week?"
    assert restored.chat_months[0].counts == ChatCounts(messages=40, positive=9)


def test_shareable_export_leaves_out_guided_sessions(workspace: Workspace, tmp_path: Path) -> None:
    """What was typed in a guided session is one's own; the rest is not private."""
    _guided_and_chat(workspace)
    path = tmp_path / "share.json"
    summary = export_archive(workspace, path, shareable=True)
    document = json.loads(path.read_text(encoding="utf-8"))
    assert summary.sessions == 0 and document["sessions"] == []
    assert "the sea" not in path.read_text(encoding="utf-8")
    assert len(document["rituals"]) == len(document["check_questions"]) == 1
    assert len(document["chat_months"]) == 1


def test_every_table_is_in_the_export() -> None:
    """A new table must get its section in the export (and in docs/EXPORT_FORMAT.md)."""
    covered = {
        "people": "people", "moments": "moments", "commitments": "commitments",
        "agreements": "agreements", "agreement_versions": "agreements", "unsaid": "unsaid",
        "reassessments": "reassessments", "reassessment_scores": "reassessments",
        "guided_sessions": "sessions", "guided_entries": "sessions",
        "check_questions": "check_questions", "rituals": "rituals",
        "chat_monthly": "chat_months",
    }
    assert set(covered) == set(metadata.tables)
    assert set(covered.values()) == {f.name for f in fields(Archive)}
    documented = Path(__file__).parents[2] / "docs" / "EXPORT_FORMAT.md"
    text = documented.read_text(encoding="utf-8")
    assert all(f"`{section}`" in text for section in covered.values())


def test_a_version_1_file_with_a_version_2_section_is_refused(
    workspace: Workspace, tmp_path: Path
) -> None:
    document = {
        "format": "tending-export", "version": 1, "exported_at": "2026-01-01T00:00:00+00:00",
        "people": [], "rituals": [],
    }
    document["checksum"] = checksum(document)
    path = tmp_path / "old.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(FormatProblem, match="rituals: not part of version 1"):
        import_archive(workspace, path)


def test_a_session_answer_for_another_step_is_refused(
    workspace: Workspace, tmp_path: Path
) -> None:
    _guided_and_chat(workspace)
    path = tmp_path / "all.json"
    export_archive(workspace, path)
    document = json.loads(path.read_text(encoding="utf-8"))
    document["sessions"][0]["entries"][0]["step"] = "story"
    document["checksum"] = checksum(document)
    path.write_text(json.dumps(document), encoding="utf-8")
    with open_workspace(tmp_path / "other", None, workspace.clock) as other, \
            pytest.raises(FormatProblem, match=r"sessions\[0\]\.entries\[0\]\.step"):
        import_archive(other, path)
