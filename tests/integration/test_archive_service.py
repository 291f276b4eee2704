"""Export and import on real storage: refusals leave the database exactly as it was."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from sqlalchemy import text

from tending.domain.errors import FormatProblem, InvalidInput, StorageProblem
from tending.domain.people import Person, Tie
from tending.exporters.archive import checksum
from tending.services.archive import export_archive, import_archive, load_archive
from tending.services.demo import fill_demo
from tending.services.workspace import Workspace, open_workspace


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
        (lambda t: t.replace('"version": 1', '"version": 3', 1),
         r"newer Tending \(version 3\); this one reads up to 1"),
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
    with pytest.raises(InvalidInput, match="no such file"):
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
