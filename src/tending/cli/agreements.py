"""`tend agreement add|list|show|renegotiate|retire`: the register of agreements and boundaries."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from tending.cli.output import console, print_json
from tending.cli.state import get_state
from tending.cli.when import maybe_day
from tending.cli.workspace import jsonable, local, open_workspace_for
from tending.domain.agreements import Agreement, AgreementKind
from tending.services import agreements as service

agreement_app = typer.Typer(
    no_args_is_help=True, help="Agreements and boundaries: what was agreed and the room it gives."
)

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]
IdArg = Annotated[int, typer.Argument(help="The agreement's id (tend agreement list).")]
RoomOpt = Annotated[
    str | None,
    typer.Option("--room", help="The room it gives, e.g. 'either of us may cancel any week'."),
]
ReviewOpt = Annotated[
    str | None, typer.Option("--review", help="When to look at it again (default: in 12 weeks).")
]


def _print(agreement: Agreement, ctx: typer.Context) -> None:
    state = f" [dim](retired {agreement.retired_at.date()})[/]" if agreement.retired_at else ""
    console.print(f"[bold]{agreement.kind.value.capitalize()} #{agreement.id}[/]{state}")
    for number, version in enumerate(agreement.versions, start=1):
        marker = "now" if number == len(agreement.versions) else f"v{number}"
        console.print(f"  {marker} ({local(version.made_at, ctx)}): {escape(version.text)}")
        if version.room:
            console.print(f"      room: {escape(version.room)}")
        if version.review_on:
            console.print(f"      review on {version.review_on.isoformat()}")


@agreement_app.command("add")
def add(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(help="What was agreed, in your shared words.")],
    person: Annotated[str, typer.Option("--person", "-p", help="With whom (name or #ID).")],
    boundary: Annotated[
        bool, typer.Option("--boundary", help="A boundary, not an agreement.")
    ] = False,
    room: RoomOpt = None,
    review: ReviewOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Register an agreement (or a boundary) with someone."""
    review_on = maybe_day(review, get_state(ctx).clock, "--review")
    kind = AgreementKind.BOUNDARY if boundary else AgreementKind.AGREEMENT
    with open_workspace_for(ctx) as workspace:
        agreement = service.add_agreement(workspace, person, text, kind, room, review_on)
    if as_json:
        print_json(jsonable(agreement))
        return
    _print(agreement, ctx)


@agreement_app.command("list")
def list_(
    ctx: typer.Context,
    person: Annotated[
        str | None, typer.Option("--person", "-p", help="Only with one person.")
    ] = None,
    include_retired: Annotated[bool, typer.Option("--all", help="Include retired ones.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """Agreements and boundaries in force (and retired ones with --all)."""
    with open_workspace_for(ctx) as workspace:
        found = service.list_agreements(workspace, person, include_retired)
        today = workspace.today()
    if as_json:
        print_json(jsonable(found))
        return
    if not found:
        console.print("No agreements yet: tend agreement add 'TEXT' --person NAME --room '...'")
        return
    table = Table("id", "kind", "agreement", "room", "review")
    for agreement in found:
        current = agreement.current
        review = current.review_on.isoformat() if current.review_on else "-"
        if current.review_on and current.review_on <= today:
            review = f"[bold yellow]{review} (due)[/]"
        table.add_row(
            str(agreement.id),
            agreement.kind.value + (" (retired)" if agreement.retired_at else ""),
            escape(current.text),
            escape(current.room or "-"),
            review,
        )
    console.print(table)


@agreement_app.command("show")
def show(ctx: typer.Context, agreement_id: IdArg, as_json: JsonOpt = False) -> None:
    """One agreement with every version it has had."""
    with open_workspace_for(ctx) as workspace:
        agreement = service.show_agreement(workspace, agreement_id)
    if as_json:
        print_json(jsonable(agreement))
        return
    _print(agreement, ctx)


@agreement_app.command("renegotiate")
def renegotiate(
    ctx: typer.Context,
    agreement_id: IdArg,
    text: Annotated[str | None, typer.Option("--text", help="The new wording.")] = None,
    room: RoomOpt = None,
    review: ReviewOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Agree it anew: the new version is in force, the old ones stay in the history."""
    review_on = maybe_day(review, get_state(ctx).clock, "--review")
    with open_workspace_for(ctx) as workspace:
        agreement = service.renegotiate_agreement(workspace, agreement_id, text, room, review_on)
    if as_json:
        print_json(jsonable(agreement))
        return
    _print(agreement, ctx)


@agreement_app.command("retire")
def retire(ctx: typer.Context, agreement_id: IdArg, as_json: JsonOpt = False) -> None:
    """An agreement no longer in force (kept in the register)."""
    with open_workspace_for(ctx) as workspace:
        agreement = service.retire_agreement(workspace, agreement_id)
    if as_json:
        print_json(jsonable(agreement))
        return
    console.print(f"Retired {agreement.kind.value} #{agreement.id}.")


def register(app: typer.Typer) -> None:
    """Add `tend agreement ...` to the app."""
    app.add_typer(agreement_app, name="agreement")
