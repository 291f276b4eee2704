"""Micro-commitments: made after a chat, due within the catalogue's days (7), done or overdue."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from tending.domain.commitments import Commitment
from tending.domain.errors import InvalidInput
from tending.services.defaults import limits_for
from tending.services.people import resolve_person
from tending.services.workspace import Workspace

MAX_TEXT_LENGTH = 1000


def add_commitment(
    workspace: Workspace, person: str, text: str, due: date | None = None
) -> Commitment:
    """One small next step for someone, due in the catalogue's number of days unless `due`."""
    cleaned = text.strip()
    if not cleaned:
        raise InvalidInput("a commitment needs its words (it was empty)")
    if len(cleaned) > MAX_TEXT_LENGTH:
        raise InvalidInput(f"a commitment has at most {MAX_TEXT_LENGTH} characters")
    today = workspace.today()
    if due is None:
        due = today + timedelta(days=limits_for(workspace.home).commitment_days)
    elif due < today:
        raise InvalidInput(f"the due date {due.isoformat()} is already past (today is {today})")
    with workspace.unit_of_work() as uow:
        person_id = resolve_person(uow, person).id
        assert person_id is not None
        stored = uow.commitments.add(
            Commitment(person_id=person_id, text=cleaned, created_at=workspace.now(), due=due)
        )
        uow.commit()
    return stored


def list_commitments(
    workspace: Workspace, person: str | None = None, open_only: bool = False
) -> list[Commitment]:
    """Commitments by due date; only open ones when asked."""
    with workspace.unit_of_work(read_only=True) as uow:
        person_id = None if person is None else resolve_person(uow, person, True).id
        return uow.commitments.list(person_id=person_id, open_only=open_only)


def overdue_commitments(workspace: Workspace, person: str | None = None) -> list[Commitment]:
    """Open commitments whose due date has passed."""
    today = workspace.today()
    return [c for c in list_commitments(workspace, person, True) if c.is_overdue(today)]


def complete_commitment(workspace: Workspace, commitment_id: int) -> Commitment:
    """Mark a commitment done now; a second time is refused."""
    with workspace.unit_of_work() as uow:
        commitment = uow.commitments.get(commitment_id)
        if commitment.done_at is not None:
            raise InvalidInput(
                f"commitment {commitment_id} was already done on {commitment.done_at.date()}"
            )
        stored = uow.commitments.update(replace(commitment, done_at=workspace.now()))
        uow.commit()
    return stored
