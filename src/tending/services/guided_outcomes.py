"""What each finished guided session logs, written in the session's own last transaction.

- a Connection Check: a meaningful chat with its real length, a disclosure for each answered
  question (theirs) and one for the story (yours), the closing appreciation, the commitment;
- a tension script: its next step as a commitment; a time-out with someone: the promise to
  come back, due on the day named; gratitude and honest statements: a moment each;
- a vulnerability exercise with someone: one mutual disclosure.
Private checks log private moments and never copy answers into notes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from tending.domain.commitments import Commitment
from tending.domain.moments import Discloser, HonestKind, Moment, MomentKind
from tending.domain.sessions import Entry, GuidedSession, SessionKind
from tending.storage.unit_of_work import UnitOfWork

Finisher = Callable[[UnitOfWork, GuidedSession], None]


def _end(session: GuidedSession) -> datetime:
    assert session.ended_at is not None, "only a finished session has outcomes"
    return session.ended_at


def _commit(uow: UnitOfWork, session: GuidedSession, key: str, text: str) -> None:
    if session.person_id is None:
        return
    step = next(step for step in session.steps if step.key == key)
    end = _end(session)
    due = (end + timedelta(seconds=step.seconds)).date()
    uow.commitments.add(Commitment(session.person_id, text, created_at=end, due=due))


@dataclass(frozen=True)
class CheckSummary:
    """What a finished Connection Check amounts to (and logs)."""

    minutes: int
    private: bool
    answered: tuple[Entry, ...]
    passes: int
    story: Entry | None
    commitment: str
    due: date
    appreciation: str
    followup: str

    @property
    def disclosures(self) -> int:
        return len(self.answered) + (1 if self.story is not None else 0)


def check_summary(session: GuidedSession) -> CheckSummary:
    """The summary of a finished check (its length excludes the paused time)."""
    end = _end(session)
    questions = [entry for entry in session.entries if entry.step_key.startswith("q")]
    step = next(step for step in session.steps if step.key == "commitment")
    return CheckSummary(
        minutes=max(1, round(session.active_seconds(end) / 60)),
        private=session.answer("private") == "yes",
        answered=tuple(entry for entry in questions if not entry.passed),
        passes=sum(1 for entry in questions if entry.passed),
        story=session.entry("story"),
        commitment=session.answer("commitment"),
        due=(end + timedelta(seconds=step.seconds)).date(),
        appreciation=session.answer("appreciation"),
        followup=session.answer("followup"),
    )


def finish_check(uow: UnitOfWork, session: GuidedSession) -> None:
    """Log the chat, its disclosures, the closing appreciation and the commitment."""
    end, person = _end(session), session.person_id
    summary = check_summary(session)
    private = summary.private
    uow.moments.add(Moment(MomentKind.CHAT, end, person, minutes=summary.minutes, private=private))
    for entry in summary.answered:
        uow.moments.add(
            Moment(
                MomentKind.DISCLOSURE, entry.at, person, discloser=Discloser.THEM, private=private
            )
        )
    story = session.entry("story")
    if story is not None:
        uow.moments.add(
            Moment(MomentKind.DISCLOSURE, story.at, person, discloser=Discloser.ME, private=private)
        )
    uow.moments.add(
        Moment(
            MomentKind.APPRECIATION,
            end,
            person,
            closing=True,
            note=session.answer("appreciation"),
            private=private,
        )
    )
    _commit(uow, session, "commitment", session.answer("commitment"))


def finish_tension(uow: UnitOfWork, session: GuidedSession) -> None:
    """The agreed next step becomes a commitment."""
    _commit(uow, session, "next_step", session.answer("next_step"))


def timeout_promise(session: GuidedSession) -> tuple[str, datetime]:
    """The promise a time-out ends with (the catalogue's sentence with the time) and that time."""
    back = datetime.fromisoformat(session.answer("come_back_at"))
    step = next(step for step in session.steps if step.key == "come_back_at")
    template = step.cue or "I will come back to this with you at {time}."
    return template.replace("{time}", f"{back:%H:%M}"), back


def finish_timeout(uow: UnitOfWork, session: GuidedSession) -> None:
    """With someone: the promise to come back at the time named, due that day."""
    if session.person_id is None:
        return
    text, back = timeout_promise(session)
    uow.commitments.add(
        Commitment(session.person_id, text, created_at=_end(session), due=back.date())
    )


def finish_gratitude(uow: UnitOfWork, session: GuidedSession) -> None:
    """An appreciation of the person, or one's own note of thanks."""
    end, text = _end(session), session.answer("thanks")
    if session.person_id is not None:
        uow.moments.add(Moment(MomentKind.APPRECIATION, end, session.person_id, note=text))
    else:
        uow.moments.add(
            Moment(
                MomentKind.HONEST,
                end,
                None,
                note=text,
                honest_kind=HonestKind.APPRECIATION,
                private=True,
            )
        )


def finish_honest(uow: UnitOfWork, session: GuidedSession) -> None:
    """The daily honest statement (its kind is the key of its one step)."""
    step = session.steps[0]
    uow.moments.add(
        Moment(
            MomentKind.HONEST,
            _end(session),
            session.person_id,
            note=session.answer(step.key),
            honest_kind=HonestKind(step.key),
            private=True,
        )
    )


def finish_vulnerability(uow: UnitOfWork, session: GuidedSession) -> None:
    """Both spoke about a fear: one mutual disclosure with the person, when there is one."""
    if session.person_id is not None:
        uow.moments.add(
            Moment(
                MomentKind.DISCLOSURE,
                _end(session),
                session.person_id,
                discloser=Discloser.BOTH,
                private=True,
            )
        )


FINISHERS: dict[SessionKind, Finisher] = {
    SessionKind.CHECK: finish_check,
    SessionKind.TENSION: finish_tension,
    SessionKind.TIMEOUT: finish_timeout,
    SessionKind.GRATITUDE: finish_gratitude,
    SessionKind.HONEST: finish_honest,
    SessionKind.VULNERABILITY: finish_vulnerability,
}
