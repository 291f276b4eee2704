"""People use cases on every configured database."""

from __future__ import annotations

from datetime import date

import pytest

from tending.domain.errors import Ambiguous, InvalidInput, NotFound
from tending.domain.people import Tie
from tending.services.commitments import add_commitment
from tending.services.people import (
    add_person,
    archive_person,
    edit_person,
    find_person,
    list_people,
    show_person,
)
from tending.services.unsaid import add_unsaid
from tending.services.workspace import Workspace


def test_add_uses_the_catalogue_cadence_and_the_clock(workspace: Workspace) -> None:
    person = add_person(workspace, "  Sam   Lee ", Tie.PARTNER)
    assert person.name == "Sam Lee" and person.tie is Tie.PARTNER
    assert person.checks_per_month == 2
    assert person.created_at == workspace.now()
    assert list_people(workspace) == [person]


def test_names_are_checked(workspace: Workspace) -> None:
    add_person(workspace, "Sam")
    with pytest.raises(InvalidInput, match="already someone called 'Sam'"):
        add_person(workspace, "SAM")
    with pytest.raises(InvalidInput, match="needs a name"):
        add_person(workspace, "   ")
    with pytest.raises(InvalidInput, match="cannot start with '#'"):
        add_person(workspace, "#3")
    with pytest.raises(InvalidInput, match="between 0 and 31, not 40"):
        add_person(workspace, "Ana", checks_per_month=40)
    assert [p.name for p in list_people(workspace)] == ["Sam"]


def test_resolving_names(workspace: Workspace) -> None:
    sam = add_person(workspace, "Sam")
    samira = add_person(workspace, "Samira")
    assert find_person(workspace, "sam") == sam
    assert find_person(workspace, "sami") == samira
    assert find_person(workspace, f"#{samira.id}") == samira
    with pytest.raises(Ambiguous, match=r"'Sa' matches Sam \(#\d+\), Samira \(#\d+\)"):
        find_person(workspace, "Sa")
    with pytest.raises(NotFound, match="no person called 'Zoe'; known: Sam, Samira"):
        find_person(workspace, "Zoe")


def test_unknown_person_in_an_empty_tracker_says_how_to_add(workspace: Workspace) -> None:
    with pytest.raises(NotFound, match="tend person add"):
        find_person(workspace, "Zoe")


def test_edit_changes_only_what_is_given(workspace: Workspace) -> None:
    add_person(workspace, "Sam", Tie.FRIEND, checks_per_month=3)
    add_person(workspace, "Ana")
    edited = edit_person(workspace, "sam", new_name="Samuel", last_surprised=date(2026, 1, 10))
    assert (edited.name, edited.tie, edited.checks_per_month) == ("Samuel", Tie.FRIEND, 3)
    assert edited.last_surprised == date(2026, 1, 10)
    with pytest.raises(InvalidInput, match="already someone called 'Ana'"):
        edit_person(workspace, "Samuel", new_name="ana")
    with pytest.raises(InvalidInput, match="nothing to change"):
        edit_person(workspace, "Samuel")


def test_archive_hides_but_keeps(workspace: Workspace) -> None:
    add_person(workspace, "Sam")
    archived = archive_person(workspace, "Sam")
    assert archived.archived and list_people(workspace) == []
    assert list_people(workspace, include_archived=True) == [archived]
    with pytest.raises(NotFound, match="'Sam' is archived; bring them back first"):
        find_person(workspace, "Sam")
    assert not archive_person(workspace, "Sam", archived=False).archived


def test_show_gathers_what_is_open(workspace: Workspace) -> None:
    add_person(workspace, "Sam")
    add_commitment(workspace, "Sam", "send the photos")
    add_unsaid(workspace, "Sam", "the trip", 4)
    overview = show_person(workspace, "Sam")
    assert [c.text for c in overview.open_commitments] == ["send the photos"]
    assert overview.unsaid_count == 1 and overview.last_moment_at is None
