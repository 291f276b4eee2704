"""Guided sessions as a pure state machine: steps, what was entered, and the timers.

A session is a list of steps fixed when it starts (so a resumed Connection Check asks the same
questions) and the entries recorded so far, one per finished step. Every change is an event
function that returns a new session; storage saves the result after each event, which is what
makes an interrupted session lose nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum

from tending.domain.clock import Clock
from tending.domain.errors import InvalidInput, TendingError

PASS_WORD = "pass"


class SessionKind(StrEnum):
    CHECK = "check"  # the Connection Check
    VULNERABILITY = "vulnerability"
    TIMEOUT = "timeout"
    TENSION = "tension"
    STATE_OF_US = "state-of-us"
    GRATITUDE = "gratitude"
    HONEST = "honest"


class StepKind(StrEnum):
    NOTE = "note"  # something to read and acknowledge (Enter)
    CHOICE = "choice"  # an answer from `choices`
    TEXT = "text"  # a free answer
    QUESTION = "question"  # an answer or "pass", then a pause cue of `seconds`
    TIMER = "timer"  # a timed stretch of `seconds`, nothing to type
    STORY = "story"  # a timed story of `seconds`, then an optional note of it


class SessionStatus(StrEnum):
    ACTIVE = "active"
    PAUSED = "paused"
    FINISHED = "finished"
    ABANDONED = "abandoned"


@dataclass(frozen=True)
class Step:
    """One step of a guided session, with the words shown for it."""

    key: str
    kind: StepKind
    prompt: str
    seconds: float = 0.0
    cue: str = ""
    choices: tuple[str, ...] = ()
    rule: str | None = None  # a check the answer must pass: "appreciation", "followup", ...
    optional: bool = False  # an empty answer is accepted
    max_words: int | None = None  # the word limit of the answer (the catalogue's, after overrides)


@dataclass(frozen=True)
class Entry:
    """What was entered for one step (a timer step records an empty text when it ran out)."""

    step_key: str
    text: str
    at: datetime
    passed: bool = False


@dataclass(frozen=True)
class GuidedSession:
    kind: SessionKind
    steps: tuple[Step, ...]
    started_at: datetime
    person_id: int | None = None
    entries: tuple[Entry, ...] = ()
    status: SessionStatus = SessionStatus.ACTIVE
    paused_at: datetime | None = None
    paused_seconds: float = 0.0
    step_progress: float = 0.0  # practice seconds already run of the current timed step
    ended_at: datetime | None = None
    id: int | None = None

    @property
    def position(self) -> int:
        """Index of the step to do next (== len(steps) once every step is done)."""
        return len(self.entries)

    @property
    def current(self) -> Step | None:
        """The step to do next, or None when every step has an entry."""
        return self.steps[self.position] if self.position < len(self.steps) else None

    def entry(self, key: str) -> Entry | None:
        """The entry recorded for step `key`, if any."""
        return next((item for item in self.entries if item.step_key == key), None)

    def answer(self, key: str) -> str:
        """The text entered for step `key` ('' when none)."""
        found = self.entry(key)
        return found.text if found is not None else ""

    def active_seconds(self, now: datetime) -> float:
        """Real length so far: from start to end (or now), minus the time spent paused."""
        end = self.ended_at or (self.paused_at if self.paused_at is not None else now)
        return max(0.0, (end - self.started_at).total_seconds() - self.paused_seconds)


@dataclass(frozen=True)
class CheckQuestion:
    """One of a person's own Connection Check questions (asked besides the default set)."""

    person_id: int
    text: str
    created_at: datetime
    id: int | None = None


class SessionStateError(TendingError):
    """An event that does not fit the session's state (say, resuming a finished one)."""

    code = "session_state"
    exit_code = 7


def _describe(session: GuidedSession) -> str:
    return f"session {session.id}" if session.id is not None else "this session"


def _require(session: GuidedSession, *allowed: SessionStatus) -> None:
    if session.status in allowed:
        return
    name = _describe(session)
    messages = {
        SessionStatus.FINISHED: f"{name} is already finished; there is nothing left to do in it.",
        SessionStatus.ABANDONED: f"{name} was abandoned; start a new one instead.",
        SessionStatus.PAUSED: f"{name} is paused; resume it first.",
        SessionStatus.ACTIVE: (
            f"{name} is already in progress (resumed or started elsewhere); "
            "if a crash left it open, take it over with --force"
        ),
    }
    raise SessionStateError(messages[session.status])


def start_session(
    kind: SessionKind, steps: tuple[Step, ...], at: datetime, person_id: int | None = None
) -> GuidedSession:
    """A new active session over `steps`."""
    if not steps:
        raise InvalidInput(f"a {kind} session needs at least one step")
    keys = [step.key for step in steps]
    if len(set(keys)) != len(keys):
        raise InvalidInput(f"the steps of a {kind} session must have distinct keys: {keys}")
    return GuidedSession(kind=kind, steps=steps, started_at=at, person_id=person_id)


def record(session: GuidedSession, text: str, at: datetime, passed: bool = False) -> GuidedSession:
    """Record the answer of the current step; the session finishes with its last step."""
    _require(session, SessionStatus.ACTIVE)
    step = session.current
    if step is None:  # unreachable in a consistent session: finishing happens with the last entry
        raise SessionStateError(f"{_describe(session)} has no step left to answer")
    if passed and step.kind is not StepKind.QUESTION:
        raise InvalidInput(f"only a question can be passed, not step '{step.key}'")
    clean = text.strip()
    needs_text = step.kind in (StepKind.TEXT, StepKind.QUESTION, StepKind.CHOICE)
    if needs_text and not clean and not passed and not step.optional:
        raise InvalidInput(f"step '{step.key}' needs an answer")
    if step.kind is StepKind.CHOICE and clean not in step.choices:
        raise InvalidInput(f"answer one of {', '.join(step.choices)} (got '{clean}')")
    entries = (*session.entries, Entry(step.key, clean, at, passed))
    done = len(entries) == len(session.steps)
    return replace(
        session,
        entries=entries,
        status=SessionStatus.FINISHED if done else SessionStatus.ACTIVE,
        ended_at=at if done else None,
        step_progress=0.0,
    )


def pause(session: GuidedSession, at: datetime, progress: float = 0.0) -> GuidedSession:
    """Stop the session's clock; what was entered stays, and so does how far the current
    step's timer ran (`progress`, practice seconds), so a resumed timer continues from there."""
    _require(session, SessionStatus.ACTIVE)
    step = session.current
    kept = 0.0
    if step is not None and step.kind in (StepKind.TIMER, StepKind.STORY):
        kept = min(step.seconds, max(progress, session.step_progress))
    return replace(session, status=SessionStatus.PAUSED, paused_at=at, step_progress=kept)


def resume(session: GuidedSession, at: datetime, force: bool = False) -> GuidedSession:
    """Continue a paused session where it stopped. `force` takes over one left active by a crash."""
    if force and session.status is SessionStatus.ACTIVE:
        session = replace(session, status=SessionStatus.PAUSED, paused_at=session.paused_at or at)
    _require(session, SessionStatus.PAUSED)
    paused_for = (at - session.paused_at).total_seconds() if session.paused_at else 0.0
    return replace(
        session,
        status=SessionStatus.ACTIVE,
        paused_at=None,
        paused_seconds=session.paused_seconds + max(0.0, paused_for),
    )


def abandon(session: GuidedSession, at: datetime) -> GuidedSession:
    """Close the session early, keeping every entry made so far."""
    _require(session, SessionStatus.ACTIVE, SessionStatus.PAUSED)
    if session.status is SessionStatus.PAUSED:
        session = resume(session, at)
    return replace(session, status=SessionStatus.ABANDONED, ended_at=at)


@dataclass
class Timer:
    """A countdown that reads the clock; `speed` > 1 makes it run faster (demos, tests)."""

    clock: Clock
    seconds: float
    speed: float = 1.0
    started_at: datetime = field(init=False)

    def __post_init__(self) -> None:
        if self.seconds < 0 or self.speed <= 0:
            raise InvalidInput(
                f"a timer needs seconds >= 0 and speed > 0 (got {self.seconds}, {self.speed})"
            )
        self.started_at = self.clock.now()

    def elapsed(self) -> float:
        """Practice seconds gone by (scaled by speed), never more than the timer's length."""
        real = (self.clock.now() - self.started_at).total_seconds()
        return min(self.seconds, max(0.0, real * self.speed))

    def remaining(self) -> float:
        """Practice seconds left."""
        return self.seconds - self.elapsed()

    def done(self) -> bool:
        return self.remaining() <= 0

    def wall_seconds_left(self) -> float:
        """Clock seconds to wait until the timer runs out."""
        return self.remaining() / self.speed


def format_seconds(seconds: float) -> str:
    """'m:ss' for a countdown display."""
    whole = max(0, round(seconds))
    return f"{whole // 60}:{whole % 60:02d}"
