"""`tend check`: the Connection Check, guided step by step; resume, abandon, plan, questions."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer
from rich.markup import escape

from tending.cli import calendar_cmd, exercise, guided_ui, ritual, tension, timeout
from tending.cli.output import console, print_json
from tending.cli.ritual import parse_day, parse_time, ritual_json, show_ritual
from tending.cli.state import get_state
from tending.domain.errors import InvalidInput
from tending.domain.rituals import RitualKind
from tending.exporters.wording import counted
from tending.services import check_questions as questions_service
from tending.services import guided
from tending.services.guided_practices import start_check
from tending.services.rituals import RitualRequest, plan_checks

check = typer.Typer(
    help="The Connection Check: a guided half hour with someone.", no_args_is_help=True
)

SessionId = Annotated[int | None, typer.Argument(help="Session id (default: the newest open one).")]


class QuestionAction(StrEnum):
    ADD = "add"
    LIST = "list"
    REMOVE = "remove"


@check.command("start")
def start(
    ctx: typer.Context, person: Annotated[str, typer.Argument(help="Who the check is with.")]
) -> None:
    """Walk a whole Connection Check with PERSON; Ctrl-C pauses it, nothing typed is lost."""
    state = get_state(ctx)
    terminal = guided_ui.terminal_for(state)
    with guided_ui.workspace_for(state) as workspace:
        session = start_check(workspace, person)
        console.print(f"[bold]Connection Check[/] (session {session.id}). Phones away.")
        finished = guided_ui.run_session(terminal, workspace, session)
        guided_ui.summarize(terminal, workspace, finished)


@check.command("resume")
def resume(
    ctx: typer.Context,
    session_id: SessionId = None,
    force: Annotated[
        bool, typer.Option("--force", help="Take over a session left open by a crash.")
    ] = False,
) -> None:
    """Continue a paused guided session at the step where it stopped."""
    state = get_state(ctx)
    terminal = guided_ui.terminal_for(state)
    with guided_ui.workspace_for(state) as workspace:
        found = guided.find_open(workspace, session_id)
        assert found.id is not None
        session = guided.resume_session(workspace, found.id, force)
        console.print(
            f"Resuming session {session.id} ({session.kind}) "
            f"at step {session.position + 1} of {len(session.steps)}."
        )
        finished = guided_ui.run_session(terminal, workspace, session)
        guided_ui.summarize(terminal, workspace, finished)


@check.command("abandon")
def abandon(
    ctx: typer.Context,
    session_id: SessionId = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Close a paused session early, keeping everything entered in it."""
    state = get_state(ctx)
    with guided_ui.workspace_for(state) as workspace:
        found = guided.find_open(workspace, session_id)
        assert found.id is not None
        closed = guided.abandon_session(workspace, found.id)
    if as_json:
        print_json(guided_ui.session_json(closed))
        return
    count = len(closed.entries)
    kept = f"{counted(count, 'answer')} {'is' if count == 1 else 'are'} kept"
    console.print(f"Abandoned session {closed.id}; its {kept}.")


@check.command("list")
def list_(
    ctx: typer.Context, as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False
) -> None:
    """Every guided session, with its state and how far it got."""
    with guided_ui.workspace_for(get_state(ctx)) as workspace:
        sessions = guided.list_sessions(workspace)
    rows = [guided_ui.session_json(session) for session in sessions]
    if as_json:
        print_json(rows)
        return
    if not rows:
        console.print("No guided sessions yet; `tend check start PERSON` begins one.")
    for row in rows:
        console.print(
            f"{row['id']:>4}  {row['kind']:<14} {row['status']:<10} "
            f"{row['done']}/{row['steps']}  {row['started_at']:%Y-%m-%d %H:%M}"
        )


@check.command("show")
def show(
    ctx: typer.Context,
    session_id: Annotated[int, typer.Argument(help="Session id.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """What was entered in one session, step by step."""
    with guided_ui.workspace_for(get_state(ctx)) as workspace:
        found = guided.view(workspace, session_id)
    data = guided_ui.session_json(found.session, with_entries=True)
    data["person"] = found.person_name
    if as_json:
        print_json(data)
        return
    console.print(
        f"Session {data['id']} ({data['kind']}, {data['status']}) "
        f"with {found.person_name or 'nobody named'}"
    )
    for entry in data["entries"]:
        shown = "(pass)" if entry["passed"] else entry["text"] or "-"
        console.print(f"  {entry['step']:<13} {escape(shown)}")


@check.command("plan")
def plan(
    ctx: typer.Context,
    person: Annotated[str, typer.Argument(help="Who the checks are with.")],
    per_month: Annotated[
        int | None, typer.Option(help="Checks a month (1-4; default: the person's cadence).")
    ] = None,
    at: Annotated[str | None, typer.Option(help="Time of day, HH:MM.")] = None,
    first: Annotated[str | None, typer.Option("--from", help="First day, YYYY-MM-DD.")] = None,
    tz: Annotated[
        str | None,
        typer.Option(help="IANA time zone (default: TENDING_TZ, TZ, the machine's zone, UTC)."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Schedule the Connection Checks with PERSON as a ritual (two a month by default)."""
    request = RitualRequest(
        kind=RitualKind.CONNECTION_CHECK,
        person=person,
        at=parse_time(at),
        first_day=parse_day(first),
        tzid=tz,
        per_month=per_month,
    )
    with guided_ui.workspace_for(get_state(ctx)) as workspace:
        ritual = plan_checks(workspace, request)
        if as_json:
            print_json(ritual_json(ritual, workspace.now()))
            return
        show_ritual(ritual, workspace.now())


@check.command("questions")
def questions(
    ctx: typer.Context,
    person: Annotated[str, typer.Argument(help="Whose questions.")],
    action: Annotated[
        QuestionAction, typer.Argument(help="add, list or remove.")
    ] = QuestionAction.LIST,
    value: Annotated[
        str | None, typer.Argument(help="The question (add) or its id (remove).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Your own questions for checks with PERSON (asked before the default ones)."""
    with guided_ui.workspace_for(get_state(ctx)) as workspace:
        if action is QuestionAction.ADD:
            if not value:
                raise InvalidInput("`tend check questions PERSON add` needs the question text")
            added = questions_service.add_question(workspace, person, value)
            if as_json:
                print_json({"id": added.id, "text": added.text})
            else:
                console.print(f"Kept question {added.id}: {escape(added.text)}")
            return
        if action is QuestionAction.REMOVE:
            if value is None or not value.isdigit():
                raise InvalidInput(f"remove needs the question's id (got '{value}')")
            questions_service.remove_question(workspace, person, int(value))
            if as_json:
                print_json({"id": int(value), "removed": True})
            else:
                console.print(f"Removed question {value}.")
            return
        kept = questions_service.list_questions(workspace, person)
    if as_json:
        print_json([{"id": q.id, "text": q.text} for q in kept])
        return
    if not kept:
        console.print(f"No questions of your own for {person}; the default set is used.")
    for question in kept:
        console.print(f"{question.id:>4}  {escape(question.text)}")


def register(app: typer.Typer) -> None:
    """Add `tend check ...` and the other guided practices, rituals and the calendar."""
    app.add_typer(check, name="check")
    for module in (exercise, timeout, tension, ritual, calendar_cmd):
        module.register(app)
