"""`tend stats [PERSON]`: the practice metrics against their targets, trends, and a chart."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from tending.cli.output import console, print_json
from tending.cli.workspace import jsonable, open_workspace_for
from tending.metrics.reassessment import ReassessmentChange
from tending.metrics.tracker import PracticeStats
from tending.metrics.trends import MonthPoint
from tending.services.stats import StatsView, check_chart_path, plot_trends, practice_view


def _percent(share: float | None) -> str:
    return "–" if share is None else f"{100 * share:.0f}%"


def _mark(ok: bool | None) -> str:
    return "" if ok is None else (" [green]✓[/]" if ok else " [yellow]↓[/]")


def _cells(stats: PracticeStats) -> list[str]:
    chats, disclosures, follow, ratio, bids = (
        stats.chats, stats.disclosures, stats.follow_ups, stats.ratio, stats.bids
    )
    ratio_text = (
        f"{ratio.positive}:{ratio.corrective}"
        + (f" = {ratio.value:.1f}" if ratio.value is not None else "")
        + f" (aim {ratio.target:g}:1)" + _mark(ratio.meets)
    )
    check = stats.connection_check
    check_text = "–" if check is None else (
        "[bold]due now[/]" if check.due else f"next {check.next_on.isoformat()}"
    ) + ("" if check is None else f" ({check.done_this_month}/{check.cadence} this month)")
    return [
        f"{chats.count} (aim {chats.low}–{chats.high}, {chats.standing.value})",
        f"{disclosures.mutual} (aim {disclosures.target})" + _mark(disclosures.meets),
        f"{follow.done} of {follow.made} done ({_percent(follow.rate)} of those due), "
        + (f"[red]{follow.overdue} overdue[/]" if follow.overdue else "none overdue"),
        ratio_text,
        f"{_percent(bids.toward_share)} of {bids.toward + bids.away + bids.against}",
        "never" if stats.days_since_chat is None else str(stats.days_since_chat),
        check_text,
        "[bold]due now[/]" if stats.reassessment.due else f"next {stats.reassessment.next_on}",
    ]


ROWS = (
    "Meaningful chats this month",
    "Mutual disclosures this quarter",
    "Follow-ups this quarter",
    "Positive : corrective (quarter)",
    "Bids turned toward (quarter)",
    "Days since the last chat",
    "Connection Check",
    "12-week reassessment",
)


def _render_metrics(view: StatsView) -> None:
    columns = ([view.overall] if view.overall is not None else []) + list(view.people)
    table = Table("", *(escape(s.person.name) if s.person else "Everyone" for s in columns))
    cells = [_cells(stats) for stats in columns]
    for index, row in enumerate(ROWS):
        table.add_row(row, *(column[index] for column in cells))
    console.print(table)


def _render_trends(points: tuple[MonthPoint, ...]) -> None:
    table = Table("Month", "Chats", "Mutual disclosures", "Positive:corrective", "Toward",
                  "Follow-ups done", title="Monthly trend")
    for p in points:
        ratio = f"{p.positive}:{p.corrective}"
        table.add_row(p.month.strftime("%b %Y"), str(p.chats), str(p.mutual_disclosures), ratio,
                      _percent(p.toward_share), str(p.commitments_done))
    console.print(table)


_CHAT_SUMS = (
    "messages", "positive", "corrective", "bids", "bids_toward", "disclosures",
    "criticism", "contempt", "defensiveness", "stonewalling",
)  # fmt: skip


def _chat_month_sums(view: StatsView) -> dict[tuple[int, str], dict[str, int]]:
    """(person id, month) -> counts summed over senders and files, in order."""
    sums: dict[tuple[int, str], dict[str, int]] = {}
    for row in sorted(view.chat_months, key=lambda r: (r.person_id, r.month)):
        total = sums.setdefault((row.person_id, row.month), dict.fromkeys(_CHAT_SUMS, 0))
        for name in _CHAT_SUMS:
            total[name] += getattr(row.counts, name)
    return sums


def _render_chat_months(view: StatsView, months: int) -> None:
    """The last `months` months of stored chat history per person (counts, never text)."""
    sums = _chat_month_sums(view)
    if not sums:
        return
    names = {s.person.id: s.person.name for s in view.people if s.person is not None}
    table = Table("Person", "Month", "Messages", "Pos:corr", "Toward", "Disclosures",
                  "Corrosive", title="From chat exports (tend chat report --person)")
    for person_id in dict.fromkeys(key[0] for key in sums):
        recent = [key for key in sums if key[0] == person_id][-months:]
        for key in recent:
            c = sums[key]
            toward = _percent(c["bids_toward"] / c["bids"] if c["bids"] else None)
            corrosive = c["criticism"] + c["contempt"] + c["defensiveness"] + c["stonewalling"]
            table.add_row(escape(names.get(person_id, f"#{person_id}")), key[1],
                          str(c["messages"]), f"{c['positive']}:{c['corrective']}", toward,
                          str(c["disclosures"]), str(corrosive))
    console.print(table)


def _render_change(change: ReassessmentChange | None) -> None:
    if change is None:
        console.print("Reassessment: fewer than two so far (tend reassess).")
        return
    parts = [
        f"{foundation.value.replace('_', ' ')} {delta:+d}"
        for foundation, delta in change.deltas.items()
    ]
    since = change.previous.at.date().isoformat()
    console.print(f"Change since the reassessment of {since}: " + ", ".join(parts))


def _as_json(view: StatsView, plot: Path | None) -> dict[str, Any]:
    def stats_json(stats: PracticeStats) -> Any:
        data = jsonable(stats)
        data["disclosures"]["meets"] = stats.disclosures.meets
        data["follow_ups"]["meets"] = stats.follow_ups.meets
        return data

    return {
        "overall": None if view.overall is None else stats_json(view.overall),
        "people": [stats_json(stats) for stats in view.people],
        "trends": jsonable(view.trends),
        "change": jsonable(view.change),
        "targets": jsonable(view.targets),
        "plot": None if plot is None else str(plot),
        "chat_months": [
            {"person_id": row.person_id, **row.as_dict()} for row in view.chat_months
        ],
    }


def stats(
    ctx: typer.Context,
    person: Annotated[
        str | None, typer.Argument(help="Only this person (name or #ID); default: everyone.")
    ] = None,
    plot: Annotated[
        Path | None, typer.Option("--plot", help="Draw the monthly trends to FILE (.png/.svg).")
    ] = None,
    months: Annotated[int, typer.Option("--months", min=1, max=60, help="Months of trend.")] = 6,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")] = False,
) -> None:
    """How the practice is going: chats, disclosures, follow-ups, 5:1, bids, reassessment."""
    if plot is not None:
        check_chart_path(plot)  # refuse a wrong suffix before any work
    with open_workspace_for(ctx) as workspace:
        view = practice_view(workspace, person, months)
        if plot is not None:
            plot_trends(workspace, plot, person, months)
    if as_json:
        print_json(_as_json(view, plot))
        return
    _render_metrics(view)
    _render_trends(view.trends)
    _render_chat_months(view, months)
    _render_change(view.change)
    if not view.people:
        console.print("No one to tend yet: tend person add NAME, then log what happens "
                      "(tend log --help); these numbers fill in from there.")
    if plot is not None:
        console.print(f"Chart written to {escape(str(plot))}.")


def register(app: typer.Typer) -> None:
    """Add `tend stats`."""
    app.command("stats")(stats)
