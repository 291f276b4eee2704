"""Unsaid things and their aging, on every configured database."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tending.domain.clock import FixedClock
from tending.domain.errors import InvalidInput
from tending.domain.unsaid import aging_score
from tending.services.people import add_person
from tending.services.unsaid import add_unsaid, heaviest_unsaid, list_unsaid, mark_said
from tending.services.workspace import Workspace

WEEK = 7 * 86400


def test_aging_score_is_weight_times_one_plus_weeks() -> None:
    assert aging_score(5, 0) == 5
    assert aging_score(1, 28) == 5
    assert aging_score(3, 14) == 9


def test_oldest_and_heaviest_first(workspace: Workspace) -> None:
    assert isinstance(workspace.clock, FixedClock)
    add_person(workspace, "Sam")
    add_person(workspace, "Ana")
    old_light = add_unsaid(workspace, "Sam", "the borrowed book", 1)
    workspace.clock.advance(5 * WEEK)  # old_light now scores 1 x 6 = 6
    fresh_heavy = add_unsaid(workspace, "Ana", "I felt left out", 5)  # 5
    fresh_mid = add_unsaid(workspace, "Sam", "the holiday plan", 3)  # 3
    order = [entry.item for entry in list_unsaid(workspace)]
    assert order == [old_light, fresh_heavy, fresh_mid]
    workspace.clock.advance(2 * WEEK)  # heavy 5 x 3 = 15 > light 1 x 8 = 8
    assert [e.item for e in list_unsaid(workspace)][0] == fresh_heavy
    top = heaviest_unsaid(workspace, person="Sam")
    assert top is not None and top.item == fresh_mid  # 3 x 3 = 9 > 1 x 8 = 8
    assert [e.item for e in list_unsaid(workspace, person="Ana")] == [fresh_heavy]


def test_saying_it_records_when_and_how(workspace: Workspace) -> None:
    add_person(workspace, "Sam")
    item = add_unsaid(workspace, "Sam", "the holiday plan", 3)
    said = mark_said(workspace, item.id or 0, "  better than feared ")
    assert said.said_at == workspace.now() and said.how_it_went == "better than feared"
    assert list_unsaid(workspace) == []
    assert [e.item for e in list_unsaid(workspace, include_said=True)] == [said]
    with pytest.raises(InvalidInput, match="already said"):
        mark_said(workspace, item.id or 0)
    with pytest.raises(InvalidInput, match="cannot have been said before"):
        other = add_unsaid(workspace, "Sam", "x", 2)
        mark_said(workspace, other.id or 0, at=workspace.now() - timedelta(days=1))


def test_weight_is_one_to_five(workspace: Workspace) -> None:
    add_person(workspace, "Sam")
    with pytest.raises(InvalidInput, match="weight is 1 to 5, not 6"):
        add_unsaid(workspace, "Sam", "x", 6)
    assert list_unsaid(workspace) == []
