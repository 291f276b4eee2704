"""Micro-commitments on every configured database."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tending.domain.clock import FixedClock
from tending.domain.errors import InvalidInput, NotFound
from tending.services.commitments import (
    add_commitment,
    complete_commitment,
    list_commitments,
    overdue_commitments,
)
from tending.services.people import add_person
from tending.services.workspace import Workspace


def test_due_in_seven_days_by_default_then_overdue(workspace: Workspace) -> None:
    assert isinstance(workspace.clock, FixedClock)
    add_person(workspace, "Sam")
    made = add_commitment(workspace, "Sam", "  book the table ")
    assert made.text == "book the table"
    assert made.due == workspace.today() + timedelta(days=7)
    assert overdue_commitments(workspace) == []
    workspace.clock.advance(8 * 86400)
    assert overdue_commitments(workspace) == [made]
    done = complete_commitment(workspace, made.id or 0)
    assert done.done_at == workspace.now()
    assert overdue_commitments(workspace) == []
    assert list_commitments(workspace, open_only=True) == []
    assert list_commitments(workspace, person="Sam") == [done]


def test_bad_commitments_are_refused(workspace: Workspace) -> None:
    add_person(workspace, "Sam")
    with pytest.raises(InvalidInput, match="already past"):
        add_commitment(workspace, "Sam", "x", due=date(2025, 1, 1))
    with pytest.raises(InvalidInput, match="needs its words"):
        add_commitment(workspace, "Sam", "  ")
    with pytest.raises(NotFound, match="no commitment with id 7"):
        complete_commitment(workspace, 7)
    made = add_commitment(workspace, "Sam", "call", due=date(2026, 1, 20))
    complete_commitment(workspace, made.id or 0)
    with pytest.raises(InvalidInput, match="already done on 2026-01-15"):
        complete_commitment(workspace, made.id or 0)
