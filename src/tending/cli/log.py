"""`tend log KIND ...`: log a moment of the practice, each kind with its own options."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape

from tending.cli.output import console, print_json
from tending.cli.state import get_state
from tending.cli.when import maybe_time
from tending.cli.workspace import jsonable, local, open_workspace_for
from tending.domain.moments import (
    BidAnswer,
    Discloser,
    HonestKind,
    Moment,
    MomentKind,
    SurvivalStrategy,
    Valence,
)
from tending.services import moments as service

log_app = typer.Typer(no_args_is_help=True, help="Log a moment: disclosure, bid, chat, journal...")

JsonOpt = Annotated[bool, typer.Option("--json", help="Print the stored moment as JSON.")]
PersonOpt = Annotated[str, typer.Option("--person", "-p", help="Who it was with (name or #ID).")]
MaybePersonOpt = Annotated[
    str | None, typer.Option("--person", "-p", help="Who it is about, if anyone (name or #ID).")
]
AtOpt = Annotated[
    str | None,
    typer.Option("--at", help="When (default now): 2026-01-14 19:30, yesterday, '2 hours ago'."),
]
NoteOpt = Annotated[str | None, typer.Option("--note", help="A few words to remember it by.")]


def _done(ctx: typer.Context, moment: Moment, as_json: bool, what: str) -> None:
    if as_json:
        print_json(jsonable(moment))
        return
    console.print(f"Logged {what} (#{moment.id}) at {local(moment.at, ctx)}.")


@log_app.command("disclosure")
def disclosure(
    ctx: typer.Context,
    person: PersonOpt,
    by: Annotated[
        Discloser, typer.Option("--by", case_sensitive=False, help="Who opened up: me, them, both.")
    ],
    at: AtOpt = None,
    note: NoteOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Someone shared something personal; 'both' counts as a mutual disclosure."""
    when = maybe_time(at, get_state(ctx).clock)
    with open_workspace_for(ctx) as workspace:
        moment = service.log_disclosure(workspace, person, by, when, note)
    _done(ctx, moment, as_json, f"a disclosure by {by.value}")


@log_app.command("appreciation")
def appreciation(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(help="The appreciation, in the words you said.")],
    person: PersonOpt,
    closing: Annotated[
        bool, typer.Option("--closing", help="The closing appreciation of a chat (15 words max).")
    ] = False,
    at: AtOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """An appreciation said out loud; a closing one must be short (the catalogue's limit)."""
    when = maybe_time(at, get_state(ctx).clock)
    with open_workspace_for(ctx) as workspace:
        moment = service.log_appreciation(workspace, person, text, closing, when)
    _done(ctx, moment, as_json, "a closing appreciation" if closing else "an appreciation")


@log_app.command("bid")
def bid(
    ctx: typer.Context,
    person: PersonOpt,
    answer: Annotated[
        BidAnswer,
        typer.Option(
            "--answer", case_sensitive=False, help="How it was met: toward, away, against."
        ),
    ],
    at: AtOpt = None,
    note: NoteOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """A bid for connection and how it was answered."""
    when = maybe_time(at, get_state(ctx).clock)
    with open_workspace_for(ctx) as workspace:
        moment = service.log_bid(workspace, person, answer, when, note)
    _done(ctx, moment, as_json, f"a bid turned {answer.value}")


@log_app.command("chat")
def chat(
    ctx: typer.Context,
    person: PersonOpt,
    minutes: Annotated[int, typer.Option("--minutes", "-m", help="How long it lasted.")],
    at: AtOpt = None,
    note: NoteOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """A meaningful chat (counts toward the chats-a-month target)."""
    when = maybe_time(at, get_state(ctx).clock)
    with open_workspace_for(ctx) as workspace:
        moment = service.log_chat(workspace, person, minutes, when, note)
    _done(ctx, moment, as_json, f"a {minutes}-minute chat")


@log_app.command("interaction")
def interaction(
    ctx: typer.Context,
    valence: Annotated[
        Valence, typer.Argument(case_sensitive=False, help="positive or corrective.")
    ],
    person: PersonOpt,
    at: AtOpt = None,
    note: NoteOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """One entry of the five-to-one ledger."""
    when = maybe_time(at, get_state(ctx).clock)
    with open_workspace_for(ctx) as workspace:
        moment = service.log_interaction(workspace, person, valence, when, note)
    _done(ctx, moment, as_json, f"a {valence.value} interaction")


@log_app.command("journal")
def journal(
    ctx: typer.Context,
    feeling: Annotated[
        list[str] | None, typer.Option("--feeling", "-f", help="A feeling (repeat for more).")
    ] = None,
    need: Annotated[
        list[str] | None, typer.Option("--need", "-n", help="A need (repeatable).")
    ] = None,
    person: MaybePersonOpt = None,
    at: AtOpt = None,
    note: NoteOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """A private journal entry naming what you feel and what you need."""
    when = maybe_time(at, get_state(ctx).clock)
    with open_workspace_for(ctx) as workspace:
        entry = service.log_journal(workspace, feeling or [], need or [], person, when, note)
    if as_json:
        print_json(jsonable(entry))
        return
    _done(ctx, entry.moment, False, "a journal entry")
    for what, unknown in (("feeling", entry.unknown_feelings), ("need", entry.unknown_needs)):
        for word, nearby in unknown.items():
            close = f"; nearby: {', '.join(nearby)}" if nearby else ""
            console.print(f"  '{escape(word)}' is not in the {what} list (kept as written){close}")


@log_app.command("honest")
def honest(
    ctx: typer.Context,
    kind: Annotated[
        HonestKind, typer.Argument(case_sensitive=False, help="worry, regret or appreciation.")
    ],
    text: Annotated[str | None, typer.Argument(help="What you said.")] = None,
    person: MaybePersonOpt = None,
    at: AtOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """The daily honest statement: a worry, a small regret or an appreciation."""
    when = maybe_time(at, get_state(ctx).clock)
    with open_workspace_for(ctx) as workspace:
        moment = service.log_honest(workspace, kind, text, person, when)
    _done(ctx, moment, as_json, f"an honest statement ({kind.value})")


@log_app.command("strategy")
def strategy(
    ctx: typer.Context,
    name: Annotated[
        SurvivalStrategy,
        typer.Argument(case_sensitive=False, help="The survival strategy you noticed."),
    ],
    person: MaybePersonOpt = None,
    at: AtOpt = None,
    note: NoteOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """A survival strategy you noticed in yourself (private)."""
    when = maybe_time(at, get_state(ctx).clock)
    with open_workspace_for(ctx) as workspace:
        moment = service.log_strategy(workspace, name, person, when, note)
    _done(ctx, moment, as_json, f"a moment of {name.value}")


@log_app.command("list")
def list_(
    ctx: typer.Context,
    person: MaybePersonOpt = None,
    kind: Annotated[
        list[MomentKind] | None,
        typer.Option("--kind", case_sensitive=False, help="Only these kinds."),
    ] = None,
    since: Annotated[str | None, typer.Option("--since", help="From this time on.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """The moments logged, oldest first."""
    start = maybe_time(since, get_state(ctx).clock, "--since")
    with open_workspace_for(ctx) as workspace:
        found = service.list_moments(workspace, person, kind or None, start)
    if as_json:
        print_json(jsonable(found))
        return
    if not found:
        console.print("No moments logged yet.")
    for moment in found:
        console.print(f"#{moment.id} {local(moment.at, ctx)} {moment.kind.value} {_detail(moment)}")


@log_app.command("delete")
def delete(
    ctx: typer.Context,
    moment_id: Annotated[int, typer.Argument(help="The moment's id (tend log list).")],
    as_json: JsonOpt = False,
) -> None:
    """Remove a moment logged by mistake."""
    with open_workspace_for(ctx) as workspace:
        moment = service.delete_moment(workspace, moment_id)
    if as_json:
        print_json(jsonable(moment))
        return
    console.print(f"Removed #{moment.id} ({moment.kind.value} at {local(moment.at, ctx)}).")


def _detail(moment: Moment) -> str:
    parts = [
        value.value if hasattr(value, "value") else str(value)
        for value in (
            moment.discloser,
            moment.bid_answer,
            moment.valence,
            moment.honest_kind,
            moment.strategy,
        )
        if value is not None
    ]
    if moment.minutes is not None:
        parts.append(f"{moment.minutes} min")
    parts.extend(moment.feelings + moment.needs)
    if moment.note:
        parts.append(f"- {moment.note}")
    return escape(" ".join(parts))


def register(app: typer.Typer) -> None:
    """Add `tend log ...` to the app."""
    app.add_typer(log_app, name="log")
