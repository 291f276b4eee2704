"""Agreements and boundaries: `agreements` + `agreement_versions` <-> `Agreement`."""

from __future__ import annotations

import builtins
from collections import defaultdict
from typing import Any

from sqlalchemy import Connection, func, insert, select, update

from tending.domain.agreements import Agreement, AgreementKind, AgreementVersion
from tending.domain.errors import NotFound
from tending.storage.tables import agreement_versions, agreements


def _version(row: Any) -> AgreementVersion:
    return AgreementVersion(
        text=row.text, room=row.room, review_on=row.review_on, made_at=row.made_at
    )


class AgreementsRepository:
    """The register of agreements per relationship, every wording kept."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def add(self, agreement: Agreement) -> Agreement:
        """Store a new agreement with all its versions; returns it with its id."""
        if not agreement.versions:
            raise ValueError("an agreement needs at least one version")
        new_id = self.connection.execute(
            insert(agreements)
            .values(
                person_id=agreement.person_id,
                kind=agreement.kind.value,
                retired_at=agreement.retired_at,
            )
            .returning(agreements.c.id)
        ).scalar_one()
        for version in agreement.versions:
            self._insert_version(new_id, version)
        return self.get(new_id)

    def add_version(self, agreement_id: int, version: AgreementVersion) -> Agreement:
        """A renegotiation: the new wording becomes the one in force; the old ones stay."""
        self.get(agreement_id)
        self._insert_version(agreement_id, version)
        return self.get(agreement_id)

    def set_retired(self, agreement_id: int, retired_at: Any) -> Agreement:
        """Mark an agreement retired at a time (None brings it back)."""
        self.connection.execute(
            update(agreements).where(agreements.c.id == agreement_id).values(retired_at=retired_at)
        )
        return self.get(agreement_id)

    def get(self, agreement_id: int) -> Agreement:
        """The agreement with this id and its whole history, or NotFound."""
        found = self._load(select(agreements).where(agreements.c.id == agreement_id))
        if not found:
            raise NotFound(f"no agreement with id {agreement_id}")
        return found[0]

    def list(
        self, person_id: int | None = None, include_retired: bool = False
    ) -> builtins.list[Agreement]:
        """Agreements in the order they were made."""
        query = select(agreements).order_by(agreements.c.id)
        if person_id is not None:
            query = query.where(agreements.c.person_id == person_id)
        if not include_retired:
            query = query.where(agreements.c.retired_at.is_(None))
        return self._load(query)

    def _insert_version(self, agreement_id: int, version: AgreementVersion) -> None:
        number = self.connection.execute(
            select(func.coalesce(func.max(agreement_versions.c.number), 0)).where(
                agreement_versions.c.agreement_id == agreement_id
            )
        ).scalar_one()
        self.connection.execute(
            insert(agreement_versions).values(
                agreement_id=agreement_id,
                number=number + 1,
                text=version.text,
                room=version.room,
                review_on=version.review_on,
                made_at=version.made_at,
            )
        )

    def _load(self, query: Any) -> builtins.list[Agreement]:
        heads = list(self.connection.execute(query))
        if not heads:
            return []
        versions: dict[int, list[AgreementVersion]] = defaultdict(list)
        rows = self.connection.execute(
            select(agreement_versions)
            .where(agreement_versions.c.agreement_id.in_([head.id for head in heads]))
            .order_by(agreement_versions.c.agreement_id, agreement_versions.c.number)
        )
        for row in rows:
            versions[row.agreement_id].append(_version(row))
        return [
            Agreement(
                id=head.id,
                person_id=head.person_id,
                kind=AgreementKind(head.kind),
                versions=tuple(versions[head.id]),
                retired_at=head.retired_at,
            )
            for head in heads
        ]
