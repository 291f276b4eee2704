"""Whole guided sessions against real storage, with a fixed clock the sleep function advances."""

from __future__ import annotations

import io
from collections.abc import Iterable
from datetime import date

import pytest
import typer
from rich.console import Console

from tending.cli.guided_ui import Terminal, run_session
from tending.domain.clock import FixedClock
from tending.domain.errors import NotFound
from tending.domain.moments import Discloser, MomentKind
from tending.domain.sessions import SessionStateError, SessionStatus
from tending.services import guided
from tending.services.check_questions import add_question
from tending.services.guided_practices import start_check, start_tension, start_timeout
from tending.services.people import add_person
from tending.services.workspace import Workspace

CHECK_ANSWERS = [
    "yes",  # private
    "",  # permission (Enter)
    "Work has been rough lately",  # q1
    "pass",  # q2
    "Proud of the garden",  # q3
    "",  # start the story timer
    "I felt lost when we moved; it showed me to ask for help",
    "You have been carrying work alone and the garden keeps you steady",
    "yes",  # did I get that right?
    "Send the seed catalogue",
    "Thank you for trusting me with the hard week",
    "Loved hearing about your garden. I will send the seed catalogue. What will you plant first?",
]


class Script:
    """Answers typed one by one; `interrupt_at` raises Ctrl-C instead of that answer."""

    def __init__(self, answers: Iterable[str], interrupt_at: int | None = None) -> None:
        self.answers = list(answers)
        self.prompts: list[str] = []
        self.interrupt_at = interrupt_at

    def __call__(self, prompt: str) -> str:
        self.prompts.append(prompt)
        if self.interrupt_at is not None and len(self.prompts) - 1 == self.interrupt_at:
            raise KeyboardInterrupt
        if not self.answers:
            raise AssertionError(f"no answer scripted for: {prompt}")
        return self.answers.pop(0)


def terminal(clock: FixedClock, script: Script) -> tuple[Terminal, io.StringIO]:
    screen = io.StringIO()
    console = Console(file=screen, width=100, force_terminal=False)
    return Terminal(console, script, clock.advance, clock), screen


@pytest.fixture
def sam(workspace: Workspace) -> str:
    add_person(workspace, "Sam")
    return "Sam"


def test_a_whole_check_logs_chat_disclosures_appreciation_and_commitment(
    workspace: Workspace, clock: FixedClock, sam: str
) -> None:
    started = clock.now()
    session = start_check(workspace, sam)
    shown, screen = terminal(clock, Script(CHECK_ANSWERS))
    done = run_session(shown, workspace, session)
    assert done.status is SessionStatus.FINISHED
    # 10 min presence + 2 answered pauses of 3 s + a 90 s story, all on the fixed clock
    assert (clock.now() - started).total_seconds() == pytest.approx(600 + 6 + 90, abs=1)
    with workspace.unit_of_work() as uow:
        moments = uow.moments.list()
        commitments = uow.commitments.list()
    chat = [m for m in moments if m.kind is MomentKind.CHAT]
    assert len(chat) == 1 and chat[0].minutes == 12 and chat[0].private
    disclosers = sorted(m.discloser for m in moments if m.kind is MomentKind.DISCLOSURE)
    assert disclosers == sorted([Discloser.THEM, Discloser.THEM, Discloser.ME])
    closing = [m for m in moments if m.kind is MomentKind.APPRECIATION]
    assert closing[0].closing and closing[0].note == "Thank you for trusting me with the hard week"
    assert [c.text for c in commitments] == ["Send the seed catalogue"]
    assert commitments[0].due == date(2026, 1, 22)
    entry = done.entry("q2")
    assert entry is not None and entry.passed
    assert "Wait a few breaths" in screen.getvalue()
    assert "Next time the story could also give one scene" in screen.getvalue()


def test_ctrl_c_in_the_middle_then_resume_keeps_everything(
    workspace: Workspace, clock: FixedClock, sam: str
) -> None:
    session = start_check(workspace, sam)
    assert session.id is not None
    first, _ = terminal(clock, Script(CHECK_ANSWERS, interrupt_at=4))
    with pytest.raises(typer.Exit) as stopped:
        run_session(first, workspace, session)
    assert stopped.value.exit_code == 130
    paused = guided.find_open(workspace, None)
    assert paused.status is SessionStatus.PAUSED
    assert [e.step_key for e in paused.entries] == ["private", "permission", "presence", "q1", "q2"]
    assert paused.answer("q1") == "Work has been rough lately"
    clock.advance(3600)  # an hour away does not count toward the chat's length
    resumed = guided.resume_session(workspace, session.id)
    with pytest.raises(SessionStateError, match="already in progress"):
        guided.resume_session(workspace, session.id)
    rest, _ = terminal(clock, Script(CHECK_ANSWERS[4:]))
    done = run_session(rest, workspace, resumed)
    assert done.status is SessionStatus.FINISHED
    assert done.answer("q1") == "Work has been rough lately"
    assert done.active_seconds(clock.now()) < 800
    with pytest.raises(SessionStateError, match="already finished"):
        guided.resume_session(workspace, session.id)


def test_abandon_keeps_what_was_entered_and_logs_nothing(
    workspace: Workspace, clock: FixedClock, sam: str
) -> None:
    session = start_check(workspace, sam)
    assert session.id is not None
    first, _ = terminal(clock, Script(CHECK_ANSWERS, interrupt_at=2))
    with pytest.raises(typer.Exit):
        run_session(first, workspace, session)
    closed = guided.abandon_session(workspace, session.id)
    assert closed.status is SessionStatus.ABANDONED and closed.answer("private") == "yes"
    with workspace.unit_of_work() as uow:
        assert uow.moments.list() == []
    with pytest.raises(NotFound, match="no paused guided session"):
        guided.find_open(workspace, None)


def test_too_long_appreciation_and_followup_without_question_are_asked_again(
    workspace: Workspace, clock: FixedClock, sam: str
) -> None:
    sixteen = "You " + " ".join(["really"] * 14) + " listened"
    assert len(sixteen.split()) == 16
    no_question = "Loved hearing about your garden. I will send the seed catalogue."
    answers = [*CHECK_ANSWERS[:10], sixteen, CHECK_ANSWERS[10], no_question, CHECK_ANSWERS[11]]
    script = Script(answers)
    shown, screen = terminal(clock, script)
    done = run_session(shown, workspace, start_check(workspace, sam))
    assert done.answer("appreciation") == CHECK_ANSWERS[10]
    assert done.answer("followup") == CHECK_ANSWERS[11]
    text = screen.getvalue()
    assert "16 words" in text
    assert "question" in text.split("16 words", 1)[1]


def test_own_questions_come_first(workspace: Workspace, sam: str) -> None:
    add_question(workspace, sam, "What made you laugh this week?")
    session = start_check(workspace, sam)
    asked = [step.prompt for step in session.steps if step.key.startswith("q")]
    assert asked[0] == "What made you laugh this week?" and len(asked) == 3


def test_unknown_person_is_named(workspace: Workspace) -> None:
    with pytest.raises(NotFound, match="Robin"):
        start_check(workspace, "Robin")


def test_tension_and_timeout_become_commitments(
    workspace: Workspace, clock: FixedClock, sam: str
) -> None:
    tension = start_tension(workspace, sam)
    answers = [
        "no",
        "The dishes",
        "tired",
        "the dishes wait for me every night",
        "",
        "We take turns on weeknights",
    ]
    shown, _ = terminal(clock, Script(answers))
    run_session(shown, workspace, tension)
    timeout = start_timeout(workspace, 20, sam)
    shown, screen = terminal(clock, Script(["", "7:61", "19:30", ""]))
    before = clock.now()
    done = run_session(shown, workspace, timeout)
    assert (clock.now() - before).total_seconds() == pytest.approx(1200, abs=1)
    assert "not a time" in screen.getvalue()
    assert done.answer("come_back_at").endswith("19:30+00:00")
    with workspace.unit_of_work() as uow:
        texts = [c.text for c in uow.commitments.list()]
    assert sorted(texts) == [
        "I will come back to this with you at 19:30.",
        "We take turns on weeknights",
    ]


def test_a_timer_interrupted_half_way_continues_where_it_stopped(
    workspace: Workspace, clock: FixedClock, sam: str
) -> None:
    session = start_check(workspace, sam)
    assert session.id is not None
    slept = 0.0

    def sleep_then_ctrl_c(seconds: float) -> None:
        nonlocal slept
        if slept >= 240:
            raise KeyboardInterrupt
        slept += seconds
        clock.advance(seconds)

    screen = io.StringIO()
    first = Terminal(
        Console(file=screen, width=100), Script(CHECK_ANSWERS), sleep_then_ctrl_c, clock
    )
    with pytest.raises(typer.Exit):
        run_session(first, workspace, session)
    paused = guided.find_open(workspace, None)
    assert paused.current is not None and paused.current.key == "presence"
    assert paused.step_progress == pytest.approx(240, abs=1)
    resumed = guided.resume_session(workspace, session.id)
    rest = Script(CHECK_ANSWERS[2:])
    shown, _ = terminal(clock, rest)
    before = clock.now()
    run_session(shown, workspace, resumed)
    # the remaining 6 minutes of presence, two 3 s pauses and the 90 s story
    assert (clock.now() - before).total_seconds() == pytest.approx(360 + 6 + 90, abs=1)


def test_a_person_s_own_word_limit_replaces_the_default(
    workspace: Workspace, clock: FixedClock, sam: str
) -> None:
    assert workspace.home is not None
    workspace.home.mkdir(parents=True, exist_ok=True)
    (workspace.home / "practice-overrides.toml").write_text(
        "[closing-appreciation]\nmax_words = 20\n", encoding="utf-8"
    )
    eighteen = "Thank you for " + " ".join(["really"] * 14) + " listening"
    assert len(eighteen.split()) == 18
    answers = [*CHECK_ANSWERS[:10], eighteen, CHECK_ANSWERS[11]]
    script = Script(answers)
    shown, screen = terminal(clock, script)
    done = run_session(shown, workspace, start_check(workspace, sam))
    assert done.answer("appreciation") == eighteen
    assert any("(20 words or fewer)" in prompt for prompt in script.prompts)
    assert "(18 words)" in screen.getvalue()


def test_ctrl_c_during_a_pause_cue_keeps_the_answer_and_no_timer_progress(
    workspace: Workspace, clock: FixedClock, sam: str
) -> None:
    session = start_check(workspace, sam)
    slept = 0.0

    def sleep_then_ctrl_c(seconds: float) -> None:
        nonlocal slept
        if slept >= 604:  # 600 s of presence, q1's 3 s pause, then inside q3's pause
            raise KeyboardInterrupt
        slept += seconds
        clock.advance(seconds)

    console = Console(file=io.StringIO(), width=100)
    first = Terminal(console, Script(CHECK_ANSWERS), sleep_then_ctrl_c, clock)
    with pytest.raises(typer.Exit):
        run_session(first, workspace, session)
    paused = guided.find_open(workspace, None)
    assert paused.answer("q3") == "Proud of the garden"
    assert paused.current is not None and paused.current.key == "story"
    assert paused.step_progress == 0


def test_a_nul_typed_at_a_terminal_is_asked_again_not_stored(
    workspace: Workspace, clock: FixedClock, sam: str
) -> None:
    """Ctrl-@ types a NUL: the answer is asked again (the live count gets the draft without
    it) instead of failing on PostgreSQL, or being stored on SQLite."""
    with_nul = "Thank you for trusting me\x00 with the hard week"
    counted = Script([with_nul, CHECK_ANSWERS[10], CHECK_ANSWERS[11]])
    calls: list[str] = []

    def read_counted(prompt: str, limit: int, draft: str) -> str:
        calls.append(draft)
        return counted(prompt)

    plain = Script(["ma\x00ybe", *CHECK_ANSWERS[:10]])
    shown, screen = terminal(clock, plain)
    shown.read_counted = read_counted
    done = run_session(shown, workspace, start_check(workspace, sam))
    assert done.status is SessionStatus.FINISHED and not plain.answers and not counted.answers
    assert calls == ["", with_nul.replace("\x00", ""), ""]
    assert done.answer("appreciation") == CHECK_ANSWERS[10]
    assert screen.getvalue().count("holds a NUL character") == 2


def test_at_a_terminal_limited_answers_are_read_with_their_limit_and_a_refused_draft_comes_back(
    workspace: Workspace, clock: FixedClock, sam: str
) -> None:
    sixteen = "You " + " ".join(["really"] * 14) + " listened"
    no_question = "Loved hearing about your garden. I will send the seed catalogue."
    counted = Script([sixteen, CHECK_ANSWERS[10], no_question, CHECK_ANSWERS[11]])
    calls: list[tuple[int, str]] = []

    def read_counted(prompt: str, limit: int, draft: str) -> str:
        calls.append((limit, draft))
        return counted(prompt)

    plain = Script(CHECK_ANSWERS[:10])
    shown, screen = terminal(clock, plain)
    shown.read_counted = read_counted
    done = run_session(shown, workspace, start_check(workspace, sam))
    assert done.status is SessionStatus.FINISHED and not plain.answers and not counted.answers
    # 15 words or fewer; under 60 words is 59 at most; each refused draft is offered to edit
    assert calls == [(15, ""), (15, sixteen), (59, ""), (59, no_question)]
    assert done.answer("appreciation") == CHECK_ANSWERS[10]
    text = screen.getvalue()
    assert "15 words or fewer" in text and "Edit it below and try again." in text
