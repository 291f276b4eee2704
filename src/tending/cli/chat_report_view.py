"""The chat report in the terminal: a few lines of headline numbers and small Rich tables.

Counts and names only; quoted messages appear solely when the report carries examples.
"""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from tending.domain.chat_analysis import ChatCounts, ChatReport
from tending.exporters.wording import counted, duration, percent

RECENT_MONTHS = 6


def render_summary(console: Console, report: ChatReport) -> None:
    """Print the headline numbers, each person, recent months, pairs and any examples."""
    total = report.total
    span = (
        f"{report.first:%Y-%m-%d} to {report.last:%Y-%m-%d}, {counted(len(report.months), 'month')}"
        if report.first and report.last
        else "no dates"
    )
    console.print(f"[bold]How this chat talks[/]: {counted(total.messages, 'message')}, {span}")
    for label, value in _headlines(report):
        console.print(f"  {label:<29}{value}", markup=False, highlight=False)
    console.print(_people_table(report))
    console.print(_months_table(report))
    if len(report.senders) > 2:
        console.print(_pairs_table(report))
    if report.examples:
        console.print("Examples (quoted because --examples asked for them)", markup=False)
    for example in report.examples:
        console.print(f"  [{example.pattern}] {example.sender}: {example.text}", markup=False)
    if report.problems:
        problems = counted(len(report.problems), "problem")
        console.print(f"  {problems} while reading (see the warnings above).")


def _headlines(report: ChatReport) -> list[tuple[str, str]]:
    total = report.total
    shares = ", ".join(
        f"{item.sender} {percent(item.disclosure_share)}" for item in report.senders
    )
    return [
        ("Positive : corrective", f"{_ratio(total)} (aim {report.target_ratio:g} : 1)"),
        (
            "Bids turned toward",
            f"{percent(total.turning_toward_rate)} of {total.bids} "
            f"(toward {total.bids_toward}, away {total.bids_away}, "
            f"against {total.bids_against})",
        ),
        (
            "Disclosures",
            f"{total.disclosures} ({shares}); "
            f"{percent(total.disclosures_met / total.disclosures if total.disclosures else None)}"
            " met by one in return",
        ),
        (
            "Criticism, contempt",
            f"{total.criticism}, {total.contempt}",
        ),
        (
            "Defensiveness, stonewalling",
            f"{total.defensiveness}, {total.stonewalling}",
        ),
        ("Appreciation, affection", f"{total.appreciations}, {total.affection}"),
    ]


def _people_table(report: ChatReport) -> Table:
    table = Table(title="Each person (reply: median time to answer)", title_justify="left")
    for head in ("Person", "Msgs", "Ratio", "Bids", "Toward", "Disclosed", "Corrosive", "Reply"):
        table.add_column(head, justify="left" if head == "Person" else "right")
    for item in report.senders:
        c = item.counts
        table.add_row(
            Text(item.sender),
            str(c.messages),
            _ratio(c),
            str(c.bids),
            percent(c.turning_toward_rate),
            str(c.disclosures),
            str(c.corrosive),
            duration(item.median_reply_seconds),
        )
    return table


def _months_table(report: ChatReport) -> Table:
    table = Table(title=f"Last {RECENT_MONTHS} months", title_justify="left")
    for head in ("Month", "Msgs", "Ratio", "Toward", "Disclosed", "Corrosive"):
        table.add_column(head, justify="left" if head == "Month" else "right")
    for month in report.months[-RECENT_MONTHS:]:
        t = month.total
        table.add_row(
            month.month,
            str(t.messages),
            _ratio(t),
            percent(t.turning_toward_rate),
            str(t.disclosures),
            str(t.corrosive),
        )
    return table


def _pairs_table(report: ChatReport) -> Table:
    table = Table(title="Who answers whom", title_justify="left")
    for head in ("From", "Answered by", "Replies", "Median reply", "Toward", "Against"):
        table.add_column(head, justify="left" if head in ("From", "Answered by") else "right")
    for pair in report.pairs:
        table.add_row(
            Text(pair.initiator),
            Text(pair.responder),
            str(pair.replies),
            duration(pair.median_reply_seconds),
            str(pair.bids_toward),
            str(pair.bids_against),
        )
    return table


def _ratio(counts: ChatCounts) -> str:
    if counts.ratio is None:
        return "no corrective" if counts.positive else "–"
    return f"{counts.ratio:.1f} : 1"
