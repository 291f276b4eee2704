"""The export file format: round trip of domain values and clear refusals of bad files."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest

from tending.domain.agreements import Agreement, AgreementKind, AgreementVersion
from tending.domain.commitments import Commitment
from tending.domain.errors import FormatProblem
from tending.domain.moments import Discloser, Moment, MomentKind
from tending.domain.people import Person, Tie
from tending.domain.reassessment import Foundation, Reassessment
from tending.domain.unsaid import Unsaid
from tending.exporters.archive import Archive, checksum, read_export, write_export

AT = datetime(2026, 2, 3, 4, 5, 6, 789, tzinfo=UTC)


def sample() -> Archive:
    people = (
        Person("Zoë", Tie.PARTNER, AT, last_surprised=date(2026, 1, 2), id=40),
        Person("Bo", Tie.FRIEND, AT, checks_per_month=1, archived=True, id=7),
    )
    return Archive(
        people=people,
        moments=(
            Moment(MomentKind.DISCLOSURE, AT, 40, "ängstlich 🙂", discloser=Discloser.BOTH),
            Moment(MomentKind.JOURNAL, AT, None, "just me", feelings=("calm",), needs=("rest",),
                   private=True),
        ),
        commitments=(Commitment(7, "call back", AT, date(2026, 2, 10), done_at=AT),),
        agreements=(
            Agreement(40, AgreementKind.AGREEMENT, (
                AgreementVersion("Sunday walks", "either may cancel", date(2026, 5, 1), AT),
                AgreementVersion("Sunday or Monday walks", None, None, AT),
            )),
        ),
        unsaid=(Unsaid(40, "the trip", 4, AT),),
        reassessments=(Reassessment(AT, {f: 6 for f in Foundation}, person_id=7, note="ok"),),
    )


def test_round_trip_maps_people_to_file_ids() -> None:
    text = write_export(sample(), AT)
    back = read_export(text, "x.json")
    assert [p.id for p in back.people] == [1, 2]
    assert back.moments[0].person_id == 1 and back.commitments[0].person_id == 2
    assert back.agreements[0].versions[1].text == "Sunday or Monday walks"
    assert back.reassessments[0].scores[Foundation.ACCEPTANCE] == 6
    # writing what was read gives the very same file
    assert write_export(back, AT) == text


def test_shareable_export_leaves_private_things_out() -> None:
    document = json.loads(write_export(sample(), AT, shareable=True))
    assert document["shareable"] is True
    assert document["unsaid"] == []
    assert [m["kind"] for m in document["moments"]] == ["disclosure"]


def rewrite(text: str, change: dict[str, object], resign: bool = True) -> str:
    document = json.loads(text)
    document.update(change)
    if resign:
        document["checksum"] = checksum(document)
    return json.dumps(document)


def test_truncated_file_names_line_and_column() -> None:
    text = write_export(sample(), AT)
    cut = text[: len(text) // 2]
    line = cut.count("\n") + 1
    with pytest.raises(FormatProblem, match=rf"cut\.json: not valid JSON at line {line}"):
        read_export(cut, "cut.json")


def test_edited_file_is_refused_by_its_checksum() -> None:
    text = write_export(sample(), AT).replace("the trip", "the trap")
    with pytest.raises(FormatProblem, match="changed after it was exported"):
        read_export(text, "e.json")


def test_newer_version_is_named() -> None:
    text = rewrite(write_export(sample(), AT), {"version": 3})
    with pytest.raises(FormatProblem, match=r"newer Tending \(version 3\); this one reads up to 2"):
        read_export(text, "n.json")


def test_wrong_value_names_its_json_path() -> None:
    document = json.loads(write_export(sample(), AT))
    document["unsaid"][0]["weight"] = 9
    document["people"][1]["tie"] = "rival"
    document["checksum"] = checksum(document)
    with pytest.raises(FormatProblem) as caught:
        read_export(json.dumps(document), "w.json")
    assert "people[1].tie" in caught.value.message
    assert "unsaid[0].weight" in caught.value.message


def test_unknown_person_reference_is_named() -> None:
    document = json.loads(write_export(sample(), AT))
    document["commitments"][0]["person"] = 9
    document["checksum"] = checksum(document)
    with pytest.raises(FormatProblem, match=r"commitments\[0\]\.person: no person with id 9"):
        read_export(json.dumps(document), "r.json")


@pytest.mark.parametrize("text", ["[]", '{"format": "other"}', "{}"])
def test_foreign_json_is_not_an_export(text: str) -> None:
    with pytest.raises(FormatProblem, match="not a Tending export"):
        read_export(text, "f.json")


def test_missing_checksum_is_named() -> None:
    document = json.loads(write_export(sample(), AT))
    del document["checksum"]
    with pytest.raises(FormatProblem, match="checksum: Field required"):
        read_export(json.dumps(document), "c.json")


def test_a_person_id_used_twice_is_named() -> None:
    document = json.loads(write_export(sample(), AT))
    document["people"][1]["id"] = 1
    document["checksum"] = checksum(document)
    with pytest.raises(FormatProblem, match=r"people\[1\]\.id: 1 is used twice"):
        read_export(json.dumps(document), "d.json")


@pytest.mark.parametrize("version", [True, "1", 0, None])
def test_odd_versions_are_refused(version: object) -> None:
    text = rewrite(write_export(sample(), AT), {"version": version})
    with pytest.raises(FormatProblem, match="is not a format version"):
        read_export(text, "v.json")


def test_unknown_keys_are_refused() -> None:
    document = json.loads(write_export(sample(), AT))
    document["moments"][0]["mood"] = "sunny"
    document["checksum"] = checksum(document)
    with pytest.raises(FormatProblem, match=r"moments\[0\]\.mood: Extra inputs"):
        read_export(json.dumps(document), "k.json")
