"""Guided sessions, check questions and rituals: rows <-> domain values.

`save` writes only what changed since the last save (the new entries and the status), so each
step of a guided session is one small transaction.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select, update

from tending.domain.errors import NotFound
from tending.domain.rituals import Ritual, RitualKind
from tending.domain.sessions import (
    CheckQuestion,
    Entry,
    GuidedSession,
    SessionKind,
    SessionStatus,
    Step,
    StepKind,
)
from tending.storage.session_tables import check_questions, guided_entries, guided_sessions, rituals
from tending.storage.tables import people

OPEN = (SessionStatus.ACTIVE.value, SessionStatus.PAUSED.value)


def _step_json(step: Step) -> dict[str, Any]:
    data = asdict(step)
    data["kind"] = step.kind.value
    data["choices"] = list(step.choices)
    return data


def _step(data: dict[str, Any]) -> Step:
    return Step(**{**data, "kind": StepKind(data["kind"]), "choices": tuple(data["choices"])})


class SessionRepository:
    """Guided sessions and their entries."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def add(self, session: GuidedSession) -> GuidedSession:
        """Store a new session (and any entries it already has); returns it with its id."""
        new_id = self.connection.execute(
            insert(guided_sessions)
            .values(
                kind=session.kind.value,
                person_id=session.person_id,
                steps=[_step_json(step) for step in session.steps],
                **self._state(session),
            )
            .returning(guided_sessions.c.id)
        ).scalar_one()
        self._add_entries(new_id, session.entries, 0)
        return self.get(new_id)

    def save(self, session: GuidedSession) -> GuidedSession:
        """Write the session's state and the entries not stored yet."""
        if session.id is None:
            raise ValueError("save needs a stored session (id is None)")
        self.connection.execute(
            update(guided_sessions)
            .where(guided_sessions.c.id == session.id)
            .values(**self._state(session))
        )
        stored = self.connection.execute(
            select(func.count()).where(guided_entries.c.session_id == session.id)
        ).scalar_one()
        self._add_entries(session.id, session.entries[stored:], stored)
        return self.get(session.id)

    @staticmethod
    def _state(session: GuidedSession) -> dict[str, Any]:
        return {
            "status": session.status.value,
            "started_at": session.started_at,
            "paused_at": session.paused_at,
            "paused_seconds": session.paused_seconds,
            "step_progress": session.step_progress,
            "ended_at": session.ended_at,
        }

    def _add_entries(self, session_id: int, entries: tuple[Entry, ...], first: int) -> None:
        for offset, entry in enumerate(entries):
            self.connection.execute(
                insert(guided_entries).values(
                    session_id=session_id,
                    position=first + offset,
                    step_key=entry.step_key,
                    text=entry.text,
                    passed=entry.passed,
                    at=entry.at,
                )
            )

    def get(self, session_id: int) -> GuidedSession:
        """The session with this id and its entries, or NotFound."""
        row = self.connection.execute(
            select(guided_sessions).where(guided_sessions.c.id == session_id)
        ).first()
        if row is None:
            raise NotFound(f"no guided session with id {session_id}")
        entries = self.connection.execute(
            select(guided_entries)
            .where(guided_entries.c.session_id == session_id)
            .order_by(guided_entries.c.position)
        )
        return GuidedSession(
            id=row.id,
            kind=SessionKind(row.kind),
            person_id=row.person_id,
            steps=tuple(_step(data) for data in row.steps),
            entries=tuple(Entry(e.step_key, e.text, e.at, bool(e.passed)) for e in entries),
            status=SessionStatus(row.status),
            started_at=row.started_at,
            paused_at=row.paused_at,
            paused_seconds=float(row.paused_seconds),
            step_progress=float(row.step_progress),
            ended_at=row.ended_at,
        )

    def latest_open(
        self, kind: SessionKind | None = None, person_id: int | None = None
    ) -> GuidedSession | None:
        """The newest session that is active or paused (of `kind`, with the person), if any."""
        query = select(guided_sessions.c.id).where(guided_sessions.c.status.in_(OPEN))
        if kind is not None:
            query = query.where(guided_sessions.c.kind == kind.value)
        if person_id is not None:
            query = query.where(guided_sessions.c.person_id == person_id)
        found = self.connection.execute(
            query.order_by(guided_sessions.c.id.desc()).limit(1)
        ).scalar_one_or_none()
        return None if found is None else self.get(found)

    def list(self, kind: SessionKind | None = None) -> list[GuidedSession]:
        """Sessions, oldest first (of one kind when given)."""
        query = select(guided_sessions.c.id).order_by(guided_sessions.c.id)
        if kind is not None:
            query = query.where(guided_sessions.c.kind == kind.value)
        return [self.get(found) for found in self.connection.execute(query).scalars()]


class QuestionRepository:
    """A person's own Connection Check questions, in the order they were added."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def add(self, person_id: int, text: str, at: Any) -> int:
        """Store a question; returns its id."""
        return int(
            self.connection.execute(
                insert(check_questions)
                .values(person_id=person_id, text=text, created_at=at)
                .returning(check_questions.c.id)
            ).scalar_one()
        )

    def all(self) -> list[CheckQuestion]:
        """Every person's questions, in the order they were added (for the export)."""
        rows = self.connection.execute(select(check_questions).order_by(check_questions.c.id))
        return [CheckQuestion(row.person_id, row.text, row.created_at, row.id) for row in rows]

    def list(self, person_id: int) -> list[tuple[int, str]]:
        """(id, text) of the person's questions, oldest first."""
        rows = self.connection.execute(
            select(check_questions.c.id, check_questions.c.text)
            .where(check_questions.c.person_id == person_id)
            .order_by(check_questions.c.id)
        )
        return [(row.id, row.text) for row in rows]

    def remove(self, person_id: int, question_id: int) -> None:
        """Delete one question of this person, or NotFound."""
        result = self.connection.execute(
            delete(check_questions).where(
                check_questions.c.id == question_id, check_questions.c.person_id == person_id
            )
        )
        if result.rowcount == 0:
            raise NotFound(f"no question {question_id} for person {person_id}")


def _ritual(row: Any) -> Ritual:
    return Ritual(
        id=row.id,
        uid=row.uid,
        kind=RitualKind(row.kind),
        person_id=row.person_id,
        person_name=row.person_name,
        starts=row.starts,
        tzid=row.tzid,
        rrule=row.rrule,
        minutes=row.minutes,
        alarm_minutes=row.alarm_minutes,
        created_at=row.created_at,
    )


class RitualRepository:
    """Rituals, each with the name of its person (when it has one)."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def add(self, ritual: Ritual) -> Ritual:
        """Store a new ritual; returns it with its id."""
        new_id = self.connection.execute(
            insert(rituals)
            .values(
                uid=ritual.uid,
                kind=ritual.kind.value,
                person_id=ritual.person_id,
                starts=ritual.starts,
                tzid=ritual.tzid,
                rrule=ritual.rrule,
                minutes=ritual.minutes,
                alarm_minutes=ritual.alarm_minutes,
                created_at=ritual.created_at,
            )
            .returning(rituals.c.id)
        ).scalar_one()
        return self.get(new_id)

    def _select(self) -> Any:
        return select(rituals, people.c.name.label("person_name")).select_from(
            rituals.outerjoin(people, rituals.c.person_id == people.c.id)
        )

    def get(self, ritual_id: int) -> Ritual:
        """The ritual with this id, or NotFound."""
        row = self.connection.execute(self._select().where(rituals.c.id == ritual_id)).first()
        if row is None:
            raise NotFound(f"no ritual with id {ritual_id}")
        return _ritual(row)

    def list(self, person_id: int | None = None) -> list[Ritual]:
        """Every ritual (of one person when given), oldest first."""
        query = self._select().order_by(rituals.c.id)
        if person_id is not None:
            query = query.where(rituals.c.person_id == person_id)
        return [_ritual(row) for row in self.connection.execute(query)]

    def remove(self, ritual_id: int) -> Ritual:
        """Delete a ritual; returns what it was, or NotFound."""
        found = self.get(ritual_id)
        self.connection.execute(delete(rituals).where(rituals.c.id == ritual_id))
        return found
