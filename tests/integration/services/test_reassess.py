"""The four-foundations reassessment, on every configured database."""

from __future__ import annotations

import pytest

from tending.domain.clock import FixedClock
from tending.domain.errors import InvalidInput
from tending.domain.reassessment import Foundation
from tending.services.people import add_person
from tending.services.reassess import list_reassessments, record_reassessment
from tending.services.workspace import Workspace

FIRST = {
    Foundation.ACCEPTANCE: 5,
    Foundation.MUTUAL_CARE: 6,
    Foundation.MUTUAL_RESPECT: 7,
    Foundation.DIFFERENTIATION: 4,
}


def test_change_since_the_previous_one(workspace: Workspace) -> None:
    assert isinstance(workspace.clock, FixedClock)
    first = record_reassessment(workspace, FIRST, note="start")
    assert first.previous is None and first.change == {}
    workspace.clock.advance(12 * 7 * 86400)
    second = record_reassessment(workspace, {**FIRST, Foundation.ACCEPTANCE: 8})
    assert second.previous == first.current
    assert second.change == {
        Foundation.ACCEPTANCE: 3,
        Foundation.MUTUAL_CARE: 0,
        Foundation.MUTUAL_RESPECT: 0,
        Foundation.DIFFERENTIATION: 0,
    }
    assert list_reassessments(workspace) == [first.current, second.current]


def test_per_person_history_is_separate(workspace: Workspace) -> None:
    add_person(workspace, "Sam")
    record_reassessment(workspace, FIRST)
    about_sam = record_reassessment(workspace, FIRST, person="Sam")
    assert about_sam.previous is None
    assert list_reassessments(workspace, person="Sam") == [about_sam.current]


def test_scores_are_checked(workspace: Workspace) -> None:
    with pytest.raises(InvalidInput, match="missing: differentiation"):
        record_reassessment(
            workspace, {f: 5 for f in Foundation if f is not Foundation.DIFFERENTIATION}
        )
    with pytest.raises(InvalidInput, match="mutual_care is scored 1 to 10, not 11"):
        record_reassessment(workspace, {**FIRST, Foundation.MUTUAL_CARE: 11})
    assert list_reassessments(workspace) == []
