"""The terminal side of guided sessions: prompts, Rich progress timers, Ctrl-C as a pause.

It only renders and reads; every accepted answer goes straight to `services.guided.answer`
(one transaction each). Reading, sleeping and the clock are passed in (`Terminal`), so tests
run whole sessions with a fixed clock that the sleep function advances.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, Progress, TextColumn

from tending.cli import live_input
from tending.cli.output import console as default_console
from tending.cli.state import CliState, parse_speed
from tending.domain.clock import Clock
from tending.domain.errors import InvalidInput
from tending.domain.sessions import (
    PASS_WORD,
    GuidedSession,
    SessionKind,
    SessionStatus,
    Step,
    StepKind,
    Timer,
    format_seconds,
)
from tending.services import guided
from tending.services.guided_checks import check_answer, story_hint
from tending.services.guided_outcomes import check_summary, timeout_promise
from tending.services.workspace import Workspace, open_workspace

SPEED_VARIABLE = "TENDING_SPEED"


@dataclass
class Terminal:
    """Where a guided session reads, writes, sleeps and tells time."""

    console: Console
    read: Callable[[str], str]
    sleep: Callable[[float], None]
    clock: Clock
    speed: float = 1.0
    progress: float = 0.0  # practice seconds the current step's timer has run (kept on pause)
    # reads an answer with a word limit, showing its count live: (prompt, limit, draft) -> text;
    # None (not a terminal: tests, pipes): the plain `read`, and the count only after Enter
    read_counted: Callable[[str, int, str], str] | None = None


def speed_of(state: CliState) -> float:
    """The timer speed: `tend --speed N` (CliState.speed), else TENDING_SPEED, else 1."""
    if state.speed is not None:
        return state.speed
    raw = os.environ.get(SPEED_VARIABLE)
    if raw is None:
        return 1.0
    try:
        return parse_speed(raw)
    except ValueError as error:
        raise InvalidInput(f"{SPEED_VARIABLE} {error}") from None


def terminal_for(state: CliState) -> Terminal:
    """The real terminal; a clock that can be advanced (a test's FixedClock) is slept on."""
    clock = state.clock
    advance = getattr(clock, "advance", None)
    sleep: Callable[[float], None] = advance if callable(advance) else time.sleep
    counted = live_input.read_counted if live_input.is_interactive(sys.stdin, sys.stdout) else None
    return Terminal(
        default_console, default_console.input, sleep, clock, speed_of(state), read_counted=counted
    )


def countdown(terminal: Terminal, label: str, seconds: float, track: bool = True) -> None:
    """Show a progress bar for `seconds` of practice time, sleeping through `terminal.sleep`.

    With `track`, the run continues from `terminal.progress` and keeps it up to date (a pause
    saves it); a pause cue after an answer is not tracked: its step is already saved.
    """
    already = min(seconds, terminal.progress) if track else 0.0
    timer = Timer(terminal.clock, seconds - already, terminal.speed)
    tick = min(1.0, max(0.05, seconds / terminal.speed / 100))
    columns = (TextColumn("{task.description}"), BarColumn(), TextColumn("{task.fields[left]}"))
    with Progress(*columns, console=terminal.console, auto_refresh=False) as progress:
        task = progress.add_task(label, total=seconds, left=format_seconds(seconds))
        while not timer.done():
            done = already + timer.elapsed()
            if track:
                terminal.progress = done
            progress.update(task, completed=done, left=format_seconds(timer.remaining()))
            progress.refresh()
            terminal.sleep(min(tick, timer.wall_seconds_left()))
        if track:
            terminal.progress = seconds
        progress.update(task, completed=seconds, left="done")
        progress.refresh()


# Ctrl-@ types one at a terminal, and piped input may hold one; no text can store it.
NUL_REFUSED = "That holds a NUL character (Ctrl-@), which cannot be kept; type it again."


def _ask(terminal: Terminal, prompt: str) -> str:
    while True:
        text = terminal.read(f"[bold]{escape(prompt)}[/]\n> ")
        if "\x00" not in text:
            return text
        terminal.console.print(f"[yellow]{NUL_REFUSED}[/]")


def _ask_text(terminal: Terminal, step: Step, draft: str) -> str:
    """The answer to a text step; with a word limit at a terminal, its count shows as it is typed
    and a refused `draft` comes back to be edited."""
    if step.max_words is None or terminal.read_counted is None:
        return _ask(terminal, step.prompt)
    terminal.console.print(f"[bold]{escape(step.prompt)}[/]")
    while "\x00" in (text := terminal.read_counted("> ", step.max_words, draft)):
        terminal.console.print(f"[yellow]{NUL_REFUSED}[/]")
        draft = text.replace("\x00", "")
    return text


def _step_text(terminal: Terminal, workspace: Workspace, session: GuidedSession, step: Step) -> str:
    draft = ""
    while True:
        text = _ask_text(terminal, step, draft)
        if not text.strip() and not step.optional:
            terminal.console.print("Please write something (or press Ctrl-C to pause).")
            continue
        checked = check_answer(step, text, session, workspace.now())
        if checked.problem is None:
            if checked.note:
                terminal.console.print(f"[dim]({escape(checked.note)})[/]")
            return checked.text
        draft = text
        again = "Try again." if terminal.read_counted is None else "Edit it below and try again."
        terminal.console.print(f"[yellow]{escape(checked.problem)}[/] {again}")


def _step_choice(terminal: Terminal, step: Step) -> str:
    while True:
        text = _ask(terminal, f"{step.prompt} [{'/'.join(step.choices)}]").strip().lower()
        # "y" is enough for "yes" as long as only one choice starts that way
        matches = [choice for choice in step.choices if text and choice.startswith(text)]
        if text in step.choices or len(matches) == 1:
            return text if text in step.choices else matches[0]
        terminal.console.print(f"Please answer one of: {', '.join(step.choices)}.")


def _run_step(
    terminal: Terminal, workspace: Workspace, session: GuidedSession, step: Step
) -> GuidedSession:
    assert session.id is not None
    say = terminal.console.print
    if step.kind is StepKind.NOTE:
        say(f"[bold]{escape(step.prompt)}[/]")
        terminal.read("(Enter to go on) ")
        return guided.answer(workspace, session.id, "")
    if step.kind is StepKind.CHOICE:
        return guided.answer(workspace, session.id, _step_choice(terminal, step))
    if step.kind is StepKind.TIMER:
        say(f"[bold]{escape(step.prompt)}[/]\n[dim]{escape(step.cue)}[/]")
        countdown(terminal, step.key, step.seconds)
        return guided.answer(workspace, session.id, "")
    if step.kind is StepKind.STORY:
        say(f"[bold]{escape(step.prompt)}[/]\n[dim]{escape(step.cue)}[/]")
        if terminal.progress == 0:
            terminal.read("(Enter to start the story timer) ")
        countdown(terminal, "story", step.seconds)
        note = _ask(terminal, "One line to remember the story by (optional)")
        hint = story_hint(note)
        if hint is not None:
            say(f"[dim]{escape(hint)}[/]")
        return guided.answer(workspace, session.id, note)
    if step.kind is StepKind.QUESTION:
        return _run_question(terminal, workspace, session, step)
    return guided.answer(workspace, session.id, _step_text(terminal, workspace, session, step))


def _run_question(
    terminal: Terminal, workspace: Workspace, session: GuidedSession, step: Step
) -> GuidedSession:
    assert session.id is not None
    terminal.console.print(f"[bold]Ask:[/] {escape(step.prompt)}")
    text = ""
    while not text.strip():
        text = _ask(terminal, f"Their answer, a few words for you (or '{PASS_WORD}')")
    passed = text.strip().lower() == PASS_WORD
    saved = guided.answer(workspace, session.id, "" if passed else text, passed=passed)
    terminal.console.print("[dim]Pass noted.[/]" if passed else f"[dim]{escape(step.cue)}[/]")
    if not passed and step.seconds > 0:
        countdown(terminal, "pause", step.seconds, track=False)
    return saved


def run_session(terminal: Terminal, workspace: Workspace, session: GuidedSession) -> GuidedSession:
    """Walk the session from its current step to the end; Ctrl-C pauses it and exits 130."""
    session_id = session.id
    assert session_id is not None
    total = len(session.steps)
    try:
        while session.status is SessionStatus.ACTIVE and session.current is not None:
            step = session.current
            terminal.progress = session.step_progress
            terminal.console.rule(f"step {session.position + 1} of {total}")
            session = _run_step(terminal, workspace, session, step)
    except (KeyboardInterrupt, EOFError):
        paused = guided.pause_session(workspace, session_id, terminal.progress)
        terminal.console.print(
            f"\nPaused session {paused.id} at step {paused.position + 1} of {total}. "
            f"Everything typed so far is kept; `tend check resume {paused.id}` continues."
        )
        raise typer.Exit(130) from None
    return session


def workspace_for(state: CliState) -> Workspace:
    """The workspace of this invocation (use with `with`, so connections are released)."""
    return open_workspace(state.resolved_home(), state.resolved_database_url(), state.clock)


def show_finished(terminal: Terminal, session: GuidedSession, now: datetime) -> None:
    """A short closing line with the session's real length."""
    seconds = session.active_seconds(now)
    took = f"{seconds / 60:.0f} min" if seconds >= 60 else f"{seconds:.0f} s"
    terminal.console.print(f"[green]Done.[/] Session {session.id} took {took}.")


def session_json(session: GuidedSession, with_entries: bool = False) -> dict[str, Any]:
    """A session as JSON (entries only when asked: they are the person's private words)."""
    data: dict[str, Any] = {
        "id": session.id,
        "kind": session.kind.value,
        "person_id": session.person_id,
        "status": session.status.value,
        "done": session.position,
        "steps": len(session.steps),
        "started_at": session.started_at,
        "ended_at": session.ended_at,
        "active_seconds": round(session.active_seconds(session.ended_at or session.started_at)),
    }
    if with_entries:
        data["entries"] = [
            {"step": e.step_key, "text": e.text, "passed": e.passed, "at": e.at}
            for e in session.entries
        ]
    return data


def summarize(terminal: Terminal, workspace: Workspace, session: GuidedSession) -> None:
    """What a finished session logged, in a few lines."""
    if session.status is not SessionStatus.FINISHED:
        return
    say = terminal.console.print
    show_finished(terminal, session, workspace.now())
    if session.kind is SessionKind.CHECK:
        summary = check_summary(session)
        say(
            f"Logged a meaningful chat of {summary.minutes} min with {summary.disclosures} "
            f"disclosures ({summary.passes} passed)"
            + (", kept private." if summary.private else ".")
        )
        say(f"Commitment, due {summary.due:%A %d %B}: {escape(summary.commitment)}")
        say(f"Closing appreciation: {escape(summary.appreciation)}")
        say(f"Follow-up to send:\n  {escape(summary.followup)}")
    elif session.kind is SessionKind.TENSION:
        private = ", kept private" if session.answer("private") == "yes" else ""
        say(f"Next step kept as a commitment{private}: {escape(session.answer('next_step'))}")
    elif session.kind is SessionKind.TIMEOUT:
        promise, back = timeout_promise(session)
        say(f"{escape(promise)} ({back:%A})")


def run_practice(
    state: CliState,
    title: str,
    start: Callable[[Workspace], GuidedSession],
    before: Callable[[Terminal, Workspace, GuidedSession], None] | None = None,
    after: Callable[[Terminal, GuidedSession], None] | None = None,
) -> None:
    """Start a guided practice with `start`, walk it, and say what it logged."""
    terminal = terminal_for(state)
    with workspace_for(state) as workspace:
        session = start(workspace)
        terminal.console.print(f"[bold]{title}[/] (session {session.id})")
        if before is not None:
            before(terminal, workspace, session)
        finished = run_session(terminal, workspace, session)
        summarize(terminal, workspace, finished)
        if after is not None:
            after(terminal, finished)
