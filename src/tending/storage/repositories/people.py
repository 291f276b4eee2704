"""People: rows of `people` <-> `Person`."""

from __future__ import annotations

import builtins
from typing import Any

from sqlalchemy import Connection, insert, select, update

from tending.domain.errors import NotFound
from tending.domain.people import Person, Tie
from tending.storage.tables import people


def _person(row: Any) -> Person:
    return Person(
        id=row.id,
        name=row.name,
        tie=Tie(row.tie),
        created_at=row.created_at,
        checks_per_month=row.checks_per_month,
        last_surprised=row.last_surprised,
        archived=bool(row.archived),
    )


def _values(person: Person) -> dict[str, Any]:
    return {
        "name": person.name,
        "tie": person.tie.value,
        "created_at": person.created_at,
        "checks_per_month": person.checks_per_month,
        "last_surprised": person.last_surprised,
        "archived": person.archived,
    }


class PeopleRepository:
    """The people of the tracker."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def add(self, person: Person) -> Person:
        """Store a new person; returns it with its id."""
        new_id = self.connection.execute(
            insert(people).values(**_values(person)).returning(people.c.id)
        ).scalar_one()
        return self.get(new_id)

    def get(self, person_id: int) -> Person:
        """The person with this id, or NotFound."""
        row = self.connection.execute(select(people).where(people.c.id == person_id)).first()
        if row is None:
            raise NotFound(f"no person with id {person_id}")
        return _person(row)

    def update(self, person: Person) -> Person:
        """Write every field of a stored person."""
        if person.id is None:
            raise ValueError("update needs a stored person (id is None)")
        result = self.connection.execute(
            update(people).where(people.c.id == person.id).values(**_values(person))
        )
        if result.rowcount == 0:
            raise NotFound(f"no person with id {person.id}")
        return self.get(person.id)

    def list(self, include_archived: bool = False) -> builtins.list[Person]:
        """Everyone, by name (case-insensitive), archived people only when asked."""
        query = select(people).order_by(people.c.id)
        if not include_archived:
            query = query.where(people.c.archived.is_(False))
        found = [_person(row) for row in self.connection.execute(query)]
        return sorted(found, key=lambda person: (person.name.casefold(), person.id or 0))

    def find_by_name(self, text: str, include_archived: bool = False) -> builtins.list[Person]:
        """Exact matches ignoring case if there are any, else everyone whose name starts so.

        Matching happens in Python (casefold) so that non-ASCII names match the same way on
        SQLite, whose LOWER() only knows ASCII, and on PostgreSQL.
        """
        wanted = text.strip().casefold()
        if not wanted:
            return []
        everyone = self.list(include_archived=include_archived)
        exact = [person for person in everyone if person.name.casefold() == wanted]
        if exact:
            return exact
        return [person for person in everyone if person.name.casefold().startswith(wanted)]
