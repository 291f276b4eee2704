"""Guided sessions as use cases: start, record one answer, pause, resume, abandon.

Each function is one small transaction, so whatever was typed is saved the moment it is
accepted. When the last step is recorded, the practice's outcome (a logged chat, a commitment,
...) is written in the same transaction as the session's end, so it is logged exactly once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from tending.domain.errors import NotFound
from tending.domain.sessions import (
    GuidedSession,
    SessionKind,
    SessionStatus,
    Step,
    abandon,
    pause,
    record,
    resume,
    start_session,
)
from tending.services.guided_outcomes import FINISHERS
from tending.services.workspace import Workspace
from tending.storage.session_repository import SessionRepository


@dataclass(frozen=True)
class SessionView:
    """A session and the name of its person, for showing."""

    session: GuidedSession
    person_name: str | None


def begin(
    workspace: Workspace, kind: SessionKind, steps: tuple[Step, ...], person_id: int | None
) -> GuidedSession:
    """Start and store a new session."""
    with workspace.unit_of_work() as uow:
        session = SessionRepository(uow.connection).add(
            start_session(kind, steps, workspace.now(), person_id)
        )
        uow.commit()
    return session


def _change(
    workspace: Workspace, session_id: int, event: Callable[[GuidedSession], GuidedSession]
) -> GuidedSession:
    with workspace.unit_of_work() as uow:
        repository = SessionRepository(uow.connection)
        changed = event(repository.get(session_id))
        saved = repository.save(changed)
        if saved.status is SessionStatus.FINISHED and saved.kind in FINISHERS:
            FINISHERS[saved.kind](uow, saved)
        uow.commit()
    return saved


def answer(workspace: Workspace, session_id: int, text: str, passed: bool = False) -> GuidedSession:
    """Record the answer of the current step and save it at once."""
    now = workspace.now()
    return _change(workspace, session_id, lambda session: record(session, text, now, passed))


def pause_session(workspace: Workspace, session_id: int, progress: float = 0.0) -> GuidedSession:
    """Pause an active session (Ctrl-C does this); its entries stay, and `progress` keeps how
    many practice seconds of the current timer already ran."""
    now = workspace.now()
    return _change(workspace, session_id, lambda session: pause(session, now, progress))


def resume_session(workspace: Workspace, session_id: int, force: bool = False) -> GuidedSession:
    """Continue a paused session at the step where it stopped."""
    now = workspace.now()
    return _change(workspace, session_id, lambda session: resume(session, now, force))


def abandon_session(workspace: Workspace, session_id: int) -> GuidedSession:
    """Close a session early, keeping what was entered."""
    now = workspace.now()
    return _change(workspace, session_id, lambda session: abandon(session, now))


def find_open(workspace: Workspace, session_id: int | None) -> GuidedSession:
    """The session `session_id`, or the newest open one; NotFound when there is none."""
    with workspace.unit_of_work() as uow:
        repository = SessionRepository(uow.connection)
        if session_id is not None:
            return repository.get(session_id)
        latest = repository.latest_open()
    if latest is None:
        raise NotFound("there is no paused guided session to continue")
    return latest


def view(workspace: Workspace, session_id: int) -> SessionView:
    """A stored session with its person's name."""
    with workspace.unit_of_work() as uow:
        session = SessionRepository(uow.connection).get(session_id)
        name = uow.people.get(session.person_id).name if session.person_id is not None else None
    return SessionView(session, name)


def list_sessions(workspace: Workspace, kind: SessionKind | None = None) -> list[GuidedSession]:
    """Every stored session (of `kind` when given), oldest first."""
    with workspace.unit_of_work() as uow:
        return SessionRepository(uow.connection).list(kind)
