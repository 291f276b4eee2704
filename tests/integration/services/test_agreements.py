"""Agreements and boundaries on every configured database."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tending.domain.agreements import AgreementKind
from tending.domain.clock import FixedClock
from tending.domain.errors import InvalidInput
from tending.services.agreements import (
    add_agreement,
    agreements_to_review,
    list_agreements,
    renegotiate_agreement,
    retire_agreement,
    show_agreement,
)
from tending.services.people import add_person
from tending.services.workspace import Workspace


def test_register_renegotiate_retire(workspace: Workspace) -> None:
    assert isinstance(workspace.clock, FixedClock)
    add_person(workspace, "Sam")
    made = add_agreement(
        workspace, "Sam", "walk on Sundays", room="either of us may cancel any week, no reason owed"
    )
    assert made.current.review_on == workspace.today() + timedelta(weeks=12)
    assert made.id is not None
    workspace.clock.advance(86400)
    changed = renegotiate_agreement(workspace, made.id, text="walk every other Sunday")
    assert [v.text for v in changed.versions] == ["walk on Sundays", "walk every other Sunday"]
    assert changed.current.room == made.current.room  # carried over
    assert show_agreement(workspace, made.id) == changed
    boundary = add_agreement(workspace, "Sam", "no calls after ten", AgreementKind.BOUNDARY)
    retire_agreement(workspace, boundary.id or 0)
    assert list_agreements(workspace) == [changed]
    assert len(list_agreements(workspace, person="Sam", include_retired=True)) == 2
    with pytest.raises(InvalidInput, match="is retired"):
        renegotiate_agreement(workspace, boundary.id or 0, text="x")
    with pytest.raises(InvalidInput, match="already retired"):
        retire_agreement(workspace, boundary.id or 0)


def test_review_dates(workspace: Workspace) -> None:
    assert isinstance(workspace.clock, FixedClock)
    add_person(workspace, "Sam")
    soon = add_agreement(workspace, "Sam", "share the car", review_on=date(2026, 1, 20))
    add_agreement(workspace, "Sam", "cook on Fridays")
    assert agreements_to_review(workspace) == []
    workspace.clock.advance(6 * 86400)
    assert agreements_to_review(workspace) == [soon]
    with pytest.raises(InvalidInput, match="review date 2026-01-01 is already past"):
        add_agreement(workspace, "Sam", "x", review_on=date(2026, 1, 1))
    with pytest.raises(InvalidInput, match="nothing to renegotiate"):
        renegotiate_agreement(workspace, soon.id or 0)
