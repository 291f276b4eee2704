"""`tend ritual add|list|remove`: the rituals of each relationship, with their recurrence."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from tending.cli import guided_ui
from tending.cli.output import console, print_json
from tending.cli.state import get_state
from tending.domain.errors import InvalidInput
from tending.domain.rituals import DEFAULT_ALARM_MINUTES, Ritual, RitualKind
from tending.domain.sessions import GuidedSession, SessionStatus
from tending.services.guided_practices import start_state_of_us
from tending.services.rituals import (
    RitualRequest,
    add_ritual,
    list_rituals,
    remove_ritual,
    upcoming,
)
from tending.services.stats import practice_view
from tending.services.workspace import Workspace

ritual = typer.Typer(
    help="Rituals: weekly check-in, nightly gratitude, monthly state of us, checks.",
    no_args_is_help=True,
)
AsJson = Annotated[bool, typer.Option("--json", help="Print JSON.")]


def parse_time(text: str | None) -> time | None:
    """'19:30' as a time; InvalidInput naming the value otherwise."""
    if text is None:
        return None
    try:
        return time.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput(f"--at must be a time like 19:30 (got '{text}')") from None


def parse_day(text: str | None) -> date | None:
    """'2026-03-07' as a date; InvalidInput naming the value otherwise."""
    if text is None:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput(f"--from must be a date like 2026-03-07 (got '{text}')") from None


def ritual_json(item: Ritual, now: datetime) -> dict[str, Any]:
    """A ritual as JSON, with its next three starts."""
    return {
        "id": item.id,
        "uid": item.uid,
        "kind": item.kind.value,
        "title": item.title,
        "person": item.person_name,
        "starts": item.starts.isoformat(timespec="minutes"),
        "tzid": item.tzid,
        "rrule": item.rrule,
        "minutes": item.minutes,
        "alarm_minutes": item.alarm_minutes,
        "next": [moment.isoformat(timespec="minutes") for moment in upcoming(item, now)],
    }


def show_ritual(item: Ritual, now: datetime) -> None:
    """One ritual on one line, with its next starts under it."""
    console.print(
        f"{item.id:>4}  [bold]{escape(item.title)}[/]  {item.rrule}  ({item.tzid}, "
        f"{item.minutes} min, reminder {item.alarm_minutes} min before)"
    )
    for moment in upcoming(item, now):
        console.print(f"        next: {moment:%a %Y-%m-%d %H:%M %Z}")


@ritual.command("add")
def add(
    ctx: typer.Context,
    kind: Annotated[RitualKind, typer.Argument(help="Which ritual.")],
    person: Annotated[str | None, typer.Option("--with", help="The person it is with.")] = None,
    at: Annotated[str | None, typer.Option(help="Time of day, HH:MM.")] = None,
    first: Annotated[str | None, typer.Option("--from", help="First day, YYYY-MM-DD.")] = None,
    tz: Annotated[str | None, typer.Option(help="IANA time zone, e.g. Europe/Berlin.")] = None,
    rrule: Annotated[
        str | None, typer.Option(help="An RFC 5545 RRULE, e.g. FREQ=WEEKLY;BYDAY=SU.")
    ] = None,
    minutes: Annotated[int | None, typer.Option(help="How long it lasts.")] = None,
    alarm: Annotated[int, typer.Option(help="Reminder, minutes before.")] = DEFAULT_ALARM_MINUTES,
    as_json: AsJson = False,
) -> None:
    """Add a recurring ritual (by default weekly, nightly, monthly, or two checks a month)."""
    request = RitualRequest(
        kind=kind,
        person=person,
        at=parse_time(at),
        first_day=parse_day(first),
        tzid=tz,
        rrule=rrule,
        minutes=minutes,
        alarm_minutes=alarm,
    )
    with guided_ui.workspace_for(get_state(ctx)) as workspace:
        added = add_ritual(workspace, request)
        if as_json:
            print_json(ritual_json(added, workspace.now()))
            return
        show_ritual(added, workspace.now())


@ritual.command("list")
def list_(
    ctx: typer.Context,
    person: Annotated[
        str | None, typer.Option("--with", help="Only this person's rituals.")
    ] = None,
    as_json: AsJson = False,
) -> None:
    """Every ritual with its next starts."""
    with guided_ui.workspace_for(get_state(ctx)) as workspace:
        found = list_rituals(workspace, person)
        now = workspace.now()
    if as_json:
        print_json([ritual_json(item, now) for item in found])
        return
    if not found:
        console.print("No rituals yet; `tend ritual add weekly-check-in --with NAME` adds one.")
    for item in found:
        show_ritual(item, now)


@ritual.command("remove")
def remove(
    ctx: typer.Context,
    ritual_id: Annotated[int, typer.Argument(help="Ritual id.")],
    as_json: AsJson = False,
) -> None:
    """Remove a ritual (a calendar re-export then leaves it out)."""
    with guided_ui.workspace_for(get_state(ctx)) as workspace:
        removed = remove_ritual(workspace, ritual_id)
        now = workspace.now()
    if as_json:
        print_json(ritual_json(removed, now))
        return
    console.print(f"Removed ritual {removed.id}: {escape(removed.title)}.")


ANSWER_LABELS = (
    ("went_well", "went well"),
    ("hard", "was hard"),
    ("my_need", "you need"),
    ("their_need", "they need"),
)


def _month_rows(workspace: Workspace, person: str) -> list[tuple[str, str]]:
    view = practice_view(workspace, person)
    if not view.people:
        return []
    stats = view.people[0]
    ratio = stats.ratio
    shown_ratio = f"{ratio.value:.1f} to 1" if ratio.value is not None else "nothing corrective"
    disclosures = stats.disclosures
    return [
        ("chats this month", f"{stats.chats.count} (aim {stats.chats.low}-{stats.chats.high})"),
        (
            "disclosures this quarter",
            f"you {disclosures.me}, them {disclosures.them}, mutual {disclosures.mutual}",
        ),
        ("follow-ups done", f"{stats.follow_ups.done} of {stats.follow_ups.made}"),
        ("positive to corrective", shown_ratio),
    ]


def _show_numbers(terminal: guided_ui.Terminal, rows: list[tuple[str, str]]) -> None:
    terminal.console.print("[bold]The month in numbers, a starting point rather than a verdict:[/]")
    for label, value in rows:
        terminal.console.print(f"  {label:<26} {value}")


def _side_by_side(
    terminal: guided_ui.Terminal, session: GuidedSession, rows: list[tuple[str, str]]
) -> None:
    if session.status is not SessionStatus.FINISHED:
        return
    table = Table(title="State of us", show_lines=True)
    table.add_column("In your words")
    table.add_column("The month's numbers")
    words = [f"[bold]{label}:[/] {escape(session.answer(key))}" for key, label in ANSWER_LABELS]
    numbers = [f"[bold]{label}:[/] {value}" for label, value in rows]
    for index in range(max(len(words), len(numbers))):
        table.add_row(
            *(column[index] if index < len(column) else "" for column in (words, numbers))
        )
    terminal.console.print(table)


def state_of_us(
    ctx: typer.Context, person: Annotated[str, typer.Argument(help="Who it is with.")]
) -> None:
    """The monthly state of the relationship: went well, hard, needs; the month's numbers beside."""
    rows: list[tuple[str, str]] = []

    def before(terminal: guided_ui.Terminal, workspace: Workspace, _: GuidedSession) -> None:
        rows.extend(_month_rows(workspace, person))
        _show_numbers(terminal, rows)

    guided_ui.run_practice(
        get_state(ctx),
        "State of us",
        lambda ws: start_state_of_us(ws, person),
        before=before,
        after=lambda terminal, finished: _side_by_side(terminal, finished, rows),
    )


def register(app: typer.Typer) -> None:
    """Add `tend ritual ...`."""
    app.add_typer(ritual, name="ritual")
    app.command("state-of-us")(state_of_us)
