"""Agreements and boundaries: what was agreed, the room it gives, when to review it, its history."""

from __future__ import annotations

from datetime import date, timedelta

from tending.domain.agreements import Agreement, AgreementKind, AgreementVersion
from tending.domain.errors import InvalidInput
from tending.services.defaults import limits_for
from tending.services.people import resolve_person
from tending.services.workspace import Workspace


def _text(text: str, what: str) -> str:
    cleaned = text.strip()
    if not cleaned:
        raise InvalidInput(f"{what} needs its words (it was empty)")
    return cleaned


def _optional(text: str | None) -> str | None:
    return None if text is None or not text.strip() else text.strip()


def _review(workspace: Workspace, review_on: date | None) -> date:
    today = workspace.today()
    if review_on is None:
        return today + timedelta(weeks=limits_for(workspace.home).agreement_review_weeks)
    if review_on < today:
        raise InvalidInput(f"the review date {review_on.isoformat()} is already past")
    return review_on


def add_agreement(
    workspace: Workspace,
    person: str,
    text: str,
    kind: AgreementKind = AgreementKind.AGREEMENT,
    room: str | None = None,
    review_on: date | None = None,
) -> Agreement:
    """Register an agreement or boundary, reviewed after the catalogue's weeks by default."""
    version = AgreementVersion(
        text=_text(text, f"an {kind.value}" if kind is AgreementKind.AGREEMENT else "a boundary"),
        room=_optional(room),
        review_on=_review(workspace, review_on),
        made_at=workspace.now(),
    )
    with workspace.unit_of_work() as uow:
        person_id = resolve_person(uow, person).id
        assert person_id is not None
        stored = uow.agreements.add(Agreement(person_id=person_id, kind=kind, versions=(version,)))
        uow.commit()
    return stored


def list_agreements(
    workspace: Workspace, person: str | None = None, include_retired: bool = False
) -> list[Agreement]:
    """Agreements in force (and retired ones when asked), in the order they were made."""
    with workspace.unit_of_work(read_only=True) as uow:
        person_id = None if person is None else resolve_person(uow, person, True).id
        return uow.agreements.list(person_id=person_id, include_retired=include_retired)


def show_agreement(workspace: Workspace, agreement_id: int) -> Agreement:
    """One agreement with every version it has had."""
    with workspace.unit_of_work(read_only=True) as uow:
        return uow.agreements.get(agreement_id)


def renegotiate_agreement(
    workspace: Workspace,
    agreement_id: int,
    text: str | None = None,
    room: str | None = None,
    review_on: date | None = None,
) -> Agreement:
    """A new version: what is not given is carried over; the old version stays in the history."""
    if text is None and room is None and review_on is None:
        raise InvalidInput("nothing to renegotiate: give new words, room or a review date")
    with workspace.unit_of_work() as uow:
        agreement = uow.agreements.get(agreement_id)
        if agreement.retired_at is not None:
            raise InvalidInput(f"agreement {agreement_id} is retired; add a new one instead")
        current = agreement.current
        version = AgreementVersion(
            text=current.text if text is None else _text(text, "the new wording"),
            room=current.room if room is None else _optional(room),
            review_on=_review(workspace, review_on) if review_on else current.review_on,
            made_at=workspace.now(),
        )
        stored = uow.agreements.add_version(agreement_id, version)
        uow.commit()
    return stored


def retire_agreement(workspace: Workspace, agreement_id: int) -> Agreement:
    """An agreement no longer in force; it stays in the register with its history."""
    with workspace.unit_of_work() as uow:
        agreement = uow.agreements.get(agreement_id)
        if agreement.retired_at is not None:
            raise InvalidInput(
                f"agreement {agreement_id} was already retired on {agreement.retired_at.date()}"
            )
        stored = uow.agreements.set_retired(agreement_id, workspace.now())
        uow.commit()
    return stored


def agreements_to_review(workspace: Workspace) -> list[Agreement]:
    """Agreements in force whose review date has come."""
    today = workspace.today()
    return [
        agreement
        for agreement in list_agreements(workspace)
        if agreement.current.review_on is not None and agreement.current.review_on <= today
    ]
