"""Use cases about people: add, list, show, edit, archive, and resolving a name to a person."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from tending.domain.agreements import Agreement
from tending.domain.commitments import Commitment
from tending.domain.errors import Ambiguous, InvalidInput, NotFound
from tending.domain.people import Person, Tie
from tending.services.defaults import limits_for
from tending.services.workspace import Workspace
from tending.storage.unit_of_work import UnitOfWork

MAX_NAME_LENGTH = 200
MAX_CHECKS_PER_MONTH = 31


@dataclass(frozen=True)
class PersonOverview:
    """What `show` tells about one person."""

    person: Person
    open_commitments: tuple[Commitment, ...]
    agreements: tuple[Agreement, ...]
    unsaid_count: int
    last_moment_at: datetime | None


def resolve_person(uow: UnitOfWork, text: str, include_archived: bool = False) -> Person:
    """The one person `text` names: '#ID', an exact name (any case), or the start of one name.

    NotFound when nobody matches; Ambiguous, listing the matches, when several do.
    """
    wanted = text.strip()
    if wanted.startswith("#") and wanted[1:].isdigit():
        return uow.people.get(int(wanted[1:]))
    matches = uow.people.find_by_name(wanted, include_archived=include_archived)
    if len(matches) == 1:
        return matches[0]
    if not matches and not include_archived:
        archived = uow.people.find_by_name(wanted, include_archived=True)
        if archived:
            raise NotFound(
                f"'{archived[0].name}' is archived; bring them back first with "
                f"tend person archive '{archived[0].name}' --restore"
            )
    if not matches:
        known = [person.name for person in uow.people.list(include_archived=include_archived)]
        hint = f"known: {', '.join(known)}" if known else "nobody is added yet (tend person add)"
        raise NotFound(f"no person called '{wanted}'; {hint}")
    listed = ", ".join(f"{person.name} (#{person.id})" for person in matches)
    raise Ambiguous(f"'{wanted}' matches {listed}; give more of the name or the #id")


def _clean_name(name: str) -> str:
    cleaned = " ".join(name.split())
    if not cleaned:
        raise InvalidInput("a person needs a name (it was empty)")
    if len(cleaned) > MAX_NAME_LENGTH:
        raise InvalidInput(f"a name may have at most {MAX_NAME_LENGTH} characters ({len(cleaned)})")
    if cleaned.startswith("#"):
        raise InvalidInput(
            f"a name cannot start with '#' ('{cleaned}'): '#ID' names a person by id"
        )
    return cleaned


def _check_cadence(checks_per_month: int) -> int:
    if not 0 <= checks_per_month <= MAX_CHECKS_PER_MONTH:
        raise InvalidInput(
            f"checks per month must be between 0 and {MAX_CHECKS_PER_MONTH}, not {checks_per_month}"
        )
    return checks_per_month


def _refuse_duplicate(uow: UnitOfWork, name: str, keep_id: int | None = None) -> None:
    for person in uow.people.list(include_archived=True):
        if person.name.casefold() == name.casefold() and person.id != keep_id:
            raise InvalidInput(
                f"there is already someone called '{person.name}' (#{person.id}); "
                "add something to tell them apart, like a surname"
            )


def _surprise_day(workspace: Workspace, day: date | None) -> date | None:
    """The day someone last surprised you: a day that has come, not one still ahead."""
    today = workspace.today()
    if day is not None and day > today:
        raise InvalidInput(
            f"the last surprise cannot be on {day.isoformat()}, after today ({today.isoformat()})"
        )
    return day


def add_person(
    workspace: Workspace,
    name: str,
    tie: Tie = Tie.FRIEND,
    checks_per_month: int | None = None,
    last_surprised: date | None = None,
) -> Person:
    """Add someone to be closer to; the Connection Check cadence defaults to the catalogue's."""
    cleaned = _clean_name(name)
    cadence = checks_per_month
    if cadence is None:
        cadence = limits_for(workspace.home).checks_per_month
    person = Person(
        name=cleaned,
        tie=tie,
        created_at=workspace.now(),
        checks_per_month=_check_cadence(cadence),
        last_surprised=_surprise_day(workspace, last_surprised),
    )
    with workspace.unit_of_work() as uow:
        _refuse_duplicate(uow, cleaned)
        stored = uow.people.add(person)
        uow.commit()
    return stored


def list_people(workspace: Workspace, include_archived: bool = False) -> list[Person]:
    """Everyone, by name; archived people only when asked."""
    with workspace.unit_of_work(read_only=True) as uow:
        return uow.people.list(include_archived=include_archived)


def find_person(workspace: Workspace, name: str, include_archived: bool = False) -> Person:
    """The person `name` resolves to (see resolve_person)."""
    with workspace.unit_of_work(read_only=True) as uow:
        return resolve_person(uow, name, include_archived=include_archived)


def show_person(workspace: Workspace, name: str) -> PersonOverview:
    """One person with their open commitments, agreements in force and count of unsaid things."""
    with workspace.unit_of_work(read_only=True) as uow:
        person = resolve_person(uow, name, include_archived=True)
        assert person.id is not None
        moments = uow.moments.list(person_id=person.id)
        return PersonOverview(
            person=person,
            open_commitments=tuple(uow.commitments.list(person_id=person.id, open_only=True)),
            agreements=tuple(uow.agreements.list(person_id=person.id)),
            unsaid_count=len(uow.unsaid.list(person_id=person.id)),
            last_moment_at=moments[-1].at if moments else None,
        )


def edit_person(
    workspace: Workspace,
    name: str,
    new_name: str | None = None,
    tie: Tie | None = None,
    checks_per_month: int | None = None,
    last_surprised: date | None = None,
) -> Person:
    """Change what is given; everything else stays."""
    if new_name is None and tie is None and checks_per_month is None and last_surprised is None:
        raise InvalidInput("nothing to change: give a new name, tie, cadence or surprise date")
    _surprise_day(workspace, last_surprised)
    with workspace.unit_of_work() as uow:
        person = resolve_person(uow, name, include_archived=True)
        changed = replace(
            person,
            name=person.name if new_name is None else _clean_name(new_name),
            tie=tie or person.tie,
            checks_per_month=person.checks_per_month
            if checks_per_month is None
            else _check_cadence(checks_per_month),
            last_surprised=last_surprised or person.last_surprised,
        )
        _refuse_duplicate(uow, changed.name, keep_id=person.id)
        stored = uow.people.update(changed)
        uow.commit()
    return stored


def archive_person(workspace: Workspace, name: str, archived: bool = True) -> Person:
    """Archive someone (kept with their history, hidden from lists); `archived=False` restores."""
    with workspace.unit_of_work() as uow:
        person = resolve_person(uow, name, include_archived=True)
        stored = uow.people.update(replace(person, archived=archived))
        uow.commit()
    return stored
