"""Unsaid things: private, weighted, aging until they are said.

Order: the aging score of `tending.domain.unsaid.aging_score`, weight x (1 + age in weeks),
highest first, so the oldest and heaviest come up first.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from tending.domain.errors import InvalidInput
from tending.domain.unsaid import MAX_WEIGHT, MIN_WEIGHT, AgedUnsaid, Unsaid, most_pressing_first
from tending.services.people import resolve_person
from tending.services.workspace import Workspace

DEFAULT_WEIGHT = 3


def add_unsaid(
    workspace: Workspace, person: str, text: str, weight: int = DEFAULT_WEIGHT
) -> Unsaid:
    """Keep something not yet said to someone, with how heavy it is (1 light .. 5 heavy)."""
    if not MIN_WEIGHT <= weight <= MAX_WEIGHT:
        raise InvalidInput(f"the weight is {MIN_WEIGHT} to {MAX_WEIGHT}, not {weight}")
    cleaned = text.strip()
    if not cleaned:
        raise InvalidInput("an unsaid thing needs its words (it was empty)")
    with workspace.unit_of_work() as uow:
        person_id = resolve_person(uow, person).id
        assert person_id is not None
        stored = uow.unsaid.add(
            Unsaid(person_id=person_id, text=cleaned, weight=weight, created_at=workspace.now())
        )
        uow.commit()
    return stored


def list_unsaid(
    workspace: Workspace, person: str | None = None, include_said: bool = False
) -> list[AgedUnsaid]:
    """Unsaid things, the most pressing (oldest and heaviest) first."""
    with workspace.unit_of_work(read_only=True) as uow:
        person_id = None if person is None else resolve_person(uow, person, True).id
        items = uow.unsaid.list(person_id=person_id, include_said=include_said)
    return most_pressing_first(items, workspace.now())


def heaviest_unsaid(workspace: Workspace, person: str | None = None) -> AgedUnsaid | None:
    """The one to bring to the next check-in, if any is waiting."""
    waiting = list_unsaid(workspace, person)
    return waiting[0] if waiting else None


def mark_said(
    workspace: Workspace, item_id: int, how_it_went: str | None = None, at: datetime | None = None
) -> Unsaid:
    """Record that it was said, when (default now) and how it went."""
    now = workspace.now()
    when = now if at is None else at
    if when > now:
        raise InvalidInput(f"the time {when.isoformat(timespec='minutes')} is in the future")
    with workspace.unit_of_work() as uow:
        item = uow.unsaid.get(item_id)
        if item.said_at is not None:
            raise InvalidInput(f"unsaid thing {item_id} was already said on {item.said_at.date()}")
        if when < item.created_at:
            raise InvalidInput("it cannot have been said before it was written down")
        went = None if how_it_went is None or not how_it_went.strip() else how_it_went.strip()
        stored = uow.unsaid.update(replace(item, said_at=when, how_it_went=went))
        uow.commit()
    return stored
