"""The guided session state machine and its timer, with a fixed clock."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tending.domain.clock import FixedClock
from tending.domain.errors import InvalidInput
from tending.domain.sessions import (
    SessionKind,
    SessionStateError,
    SessionStatus,
    Step,
    StepKind,
    Timer,
    abandon,
    format_seconds,
    pause,
    record,
    resume,
    start_session,
)

T0 = datetime(2026, 3, 1, 18, 0, tzinfo=UTC)
STEPS = (
    Step("private", StepKind.CHOICE, "Private?", choices=("yes", "no")),
    Step("presence", StepKind.TIMER, "Be here", seconds=600),
    Step("q1", StepKind.QUESTION, "What surprised you?", seconds=3),
    Step("summary", StepKind.TEXT, "Sum it up"),
)


def at(seconds: float) -> datetime:
    clock = FixedClock(T0)
    clock.advance(seconds)
    return clock.now()


def test_a_session_walks_its_steps_and_finishes_with_the_last() -> None:
    session = start_session(SessionKind.CHECK, STEPS, T0, person_id=1)
    session = record(session, "yes", at(10))
    session = record(session, "", at(610))
    session = record(session, "", at(620), passed=True)
    assert session.current == STEPS[3]
    session = record(session, " You felt seen. ", at(700))
    assert session.status is SessionStatus.FINISHED
    assert session.answer("summary") == "You felt seen."
    entry = session.entry("q1")
    assert entry is not None and entry.passed
    assert session.ended_at == at(700)
    assert session.active_seconds(at(9999)) == 700


def test_paused_time_does_not_count_toward_the_length() -> None:
    session = record(start_session(SessionKind.CHECK, STEPS, T0), "no", at(60))
    session = pause(session, at(100))
    assert session.active_seconds(at(5000)) == 100
    session = resume(session, at(400))
    assert session.status is SessionStatus.ACTIVE
    assert session.active_seconds(at(500)) == 200
    assert session.answer("private") == "no"


def test_resuming_twice_or_a_finished_session_is_refused_with_a_reason() -> None:
    session = pause(start_session(SessionKind.CHECK, STEPS, T0), at(5))
    session = resume(session, at(6))
    with pytest.raises(SessionStateError, match="already in progress"):
        resume(session, at(7))
    forced = resume(session, at(8), force=True)
    assert forced.status is SessionStatus.ACTIVE
    one = start_session(SessionKind.HONEST, (STEPS[3],), T0)
    done = record(one, "I worry about money.", at(1))
    with pytest.raises(SessionStateError, match="already finished"):
        resume(done, at(2))
    with pytest.raises(SessionStateError, match="already finished"):
        record(done, "more", at(3))


def test_abandon_keeps_what_was_entered() -> None:
    session = record(start_session(SessionKind.CHECK, STEPS, T0), "yes", at(1))
    closed = abandon(pause(session, at(2)), at(30))
    assert closed.status is SessionStatus.ABANDONED
    assert closed.answer("private") == "yes"
    with pytest.raises(SessionStateError, match="abandoned"):
        resume(closed, at(40))


def test_bad_answers_are_named() -> None:
    session = start_session(SessionKind.CHECK, STEPS, T0)
    with pytest.raises(InvalidInput, match="one of yes, no"):
        record(session, "maybe", at(1))
    with pytest.raises(InvalidInput, match="only a question can be passed"):
        record(session, "", at(1), passed=True)
    text_only = start_session(SessionKind.HONEST, (STEPS[3],), T0)
    with pytest.raises(InvalidInput, match="needs an answer"):
        record(text_only, "   ", at(1))
    with pytest.raises(InvalidInput, match="distinct keys"):
        start_session(SessionKind.CHECK, (STEPS[0], STEPS[0]), T0)


def test_timer_reads_the_clock_and_speed_scales_it() -> None:
    clock = FixedClock(T0)
    timer = Timer(clock, 90)
    clock.advance(30)
    assert timer.remaining() == 60
    fast = Timer(clock, 600, speed=100)
    assert fast.wall_seconds_left() == 6
    clock.advance(3)
    assert fast.remaining() == 300
    clock.advance(10)
    assert fast.done() and fast.remaining() == 0
    assert format_seconds(90) == "1:30" and format_seconds(-3) == "0:00"
    with pytest.raises(InvalidInput):
        Timer(clock, 10, speed=0)


def test_pause_keeps_how_far_a_timer_ran_and_the_next_answer_clears_it() -> None:
    session = start_session(SessionKind.CHECK, STEPS, T0)
    assert pause(session, at(1), progress=50).step_progress == 0  # not a timed step
    session = record(session, "yes", at(2))
    paused = pause(session, at(300), progress=298)
    assert paused.step_progress == 298
    again = pause(resume(paused, at(400)), at(401), progress=10_000)
    assert again.step_progress == 600  # never more than the timer's length
    assert record(resume(again, at(402)), "", at(403)).step_progress == 0
