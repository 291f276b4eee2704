"""`tend today`: what is due today, in one short screen."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.markup import escape

from tending.cli.output import console, counted, print_json
from tending.cli.workspace import jsonable, open_workspace_for
from tending.services.today import TodayView, today_view


def _as_json(view: TodayView) -> dict[str, Any]:
    unsaid = view.unsaid
    return {
        "day": view.day.isoformat(),
        "overdue": [
            {"commitment": jsonable(item.commitment), "person": item.person.name,
             "days_overdue": item.days_overdue}
            for item in view.overdue
        ],
        "checks_due": [
            {"person": item.person.name, **jsonable(item.check)} for item in view.checks_due
        ],
        "unsaid": None if unsaid is None else {
            "person": unsaid.person.name, "text": unsaid.unsaid.item.text,
            "weight": unsaid.unsaid.item.weight, "age_days": round(unsaid.unsaid.age_days, 1),
            "id": unsaid.unsaid.item.id,
        },
        "honest_prompt": jsonable(view.honest_prompt),
        "reassessment": jsonable(view.reassessment),
        "people": view.people,
        "honest_done": view.honest_done,
    }


def _render(view: TodayView) -> None:
    console.print(f"[bold]Today, {view.day.strftime('%A %d %B %Y')}[/]")
    if view.people == 0:
        console.print("\nNo one to tend yet: tend person add NAME for each person you want "
                      "to be closer to.")
    if view.overdue:
        console.print("\n[bold red]Overdue commitments[/]")
        for item in view.overdue:
            days = "day" if item.days_overdue == 1 else "days"
            console.print(f"  #{item.commitment.id} {escape(item.commitment.text)} "
                          f"([bold]{escape(item.person.name)}[/], {item.days_overdue} {days} late)")
    else:
        console.print("\nNo commitment is overdue.")
    if view.checks_due:
        console.print("\n[bold]Connection Check due[/]")
        for due in view.checks_due:
            check = due.check
            last = "none yet" if check.last_on is None else f"last {check.last_on.isoformat()}"
            console.print(f"  {escape(due.person.name)}: {check.done_this_month} of "
                          f"{check.cadence} this month, {last}")
    _render_unsaid(view)
    if view.reassessment.due:
        console.print("\n[bold]Reassessment due[/]: take stock of the four foundations "
                      "(tend reassess).")
    if view.honest_done:
        console.print("\n[bold]Honest statement[/]: noted today.")
    elif view.honest_prompt is not None:
        console.print(f"\n[bold]Honest statement[/] ({view.honest_prompt.kind}): "
                      f"{escape(view.honest_prompt.text)}")
        console.print("  Say it, then note it: tend honest")
    console.print("\n[bold]Tonight[/]: one thing you are thankful for, tend gratitude "
                  "(--with NAME to thank someone).")


def _render_unsaid(view: TodayView) -> None:
    if view.unsaid is None:
        return
    aged = view.unsaid.unsaid
    console.print(f"\n[bold]Not yet said[/] to {escape(view.unsaid.person.name)} "
                  f"(weight {aged.item.weight}, waiting {counted(round(aged.age_days), 'day')}):")
    console.print(f"  {escape(aged.item.text)}")
    console.print("  Bring it to your next check-in? Once it is said: "
                  f"tend unsaid said {aged.item.id}")


def today(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")] = False,
) -> None:
    """What is due today: overdue commitments, Connection Checks, the unsaid, a prompt."""
    with open_workspace_for(ctx) as workspace:
        view = today_view(workspace)
    if as_json:
        print_json(_as_json(view))
        return
    _render(view)


def register(app: typer.Typer) -> None:
    """Add `tend today`."""
    app.command("today")(today)
