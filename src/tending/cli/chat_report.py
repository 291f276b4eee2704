"""`tend chat report FILE`: how a conversation talks, in the terminal, as JSON or as an HTML page.

Parsing, the coach and the counting happen in `tending.services.chat_report`; this module reads
the options, shows a progress bar on stderr while the file is read, and renders the result.
No message text is printed unless `--examples` asks for it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

from tending.cli.chat_report_view import render_summary
from tending.cli.output import console, counted, err_console, print_json
from tending.cli.state import get_state
from tending.domain.chat_analysis import ChatOptions, ChatReport
from tending.domain.errors import InvalidInput
from tending.exporters.chat_html import render_chat_html
from tending.exporters.files import input_file, write_private
from tending.importers import ParseProblem
from tending.metrics.chat import window_of
from tending.services.chat_report import (
    ChatReportOptions,
    build_chat_report,
    problem_line,
    store_chat_months,
)
from tending.services.people import find_person
from tending.services.workspace import Workspace, open_workspace


def _warn(problem: ParseProblem) -> None:
    err_console.print(
        f"warning: {problem_line(problem)}", markup=False, highlight=False, soft_wrap=True
    )


def report(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="WhatsApp .txt or .zip, Telegram JSON, CSV, JSONL.")],
    format: Annotated[
        str | None, typer.Option("--format", help="whatsapp, telegram, csv or jsonl.")
    ] = None,
    date_order: Annotated[
        str | None, typer.Option("--date-order", help="dmy, mdy or ymd when the file can't tell.")
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Stop at the first problem.")] = False,
    window: Annotated[
        str, typer.Option("--window", help="How long a bid waits for an answer (3h, 90m, 1d).")
    ] = "3h",
    as_json: Annotated[bool, typer.Option("--json", help="Print the numbers as JSON.")] = False,
    html: Annotated[
        Path | None, typer.Option("--html", help="Also write a self-contained HTML report here.")
    ] = None,
    examples: Annotated[
        bool, typer.Option("--examples", help="Quote a few messages per pattern (default: counts).")
    ] = False,
    person: Annotated[
        str | None,
        typer.Option("--person", help="Store the monthly counts (never text) for this person."),
    ] = None,
) -> None:
    """Show how a chat talks: 5:1, bids, disclosures, the four corrosive patterns."""
    options = ChatReportOptions(
        format=format,
        date_order=date_order,
        strict=strict,
        on_problem=_warn,
        chat=ChatOptions(window=window_of(window), examples=examples),
    )
    input_file(file, "chat export file")
    if html is not None and not html.parent.is_dir():  # fail before the long read, not after
        raise InvalidInput(f"cannot write {html}: the folder {html.parent} does not exist")
    workspace = _workspace(ctx) if person is not None else None
    try:
        if workspace is not None and person is not None:
            find_person(workspace, person)  # an unknown name fails before the long read
        chat_report = _read_with_progress(file, options)
        stored = None
        if workspace is not None and person is not None:
            stored = store_chat_months(workspace, person, file, chat_report)
    finally:
        if workspace is not None:
            workspace.close()
    if html is not None:
        _write_html(html, chat_report)
    _show(chat_report, as_json, stored, person, html)


def _workspace(ctx: typer.Context) -> Workspace:
    state = get_state(ctx)
    return open_workspace(state.resolved_home(), state.resolved_database_url(), state.clock)


def _read_with_progress(file: Path, options: ChatReportOptions) -> ChatReport:
    columns = (
        TextColumn("reading {task.description}"),
        BarColumn(),
        DownloadColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=err_console, transient=True) as bar:
        task = bar.add_task(file.name, total=None)

        def advance(done: int, size: int) -> None:
            bar.update(task, completed=done, total=size)

        return build_chat_report(file, options, progress=advance)


def _write_html(target: Path, chat_report: ChatReport) -> None:
    """Write the page atomically and readable by its owner only: a partial file never replaces
    an earlier report."""
    write_private(target, render_chat_html(chat_report), "report.html")


def _show(
    chat_report: ChatReport,
    as_json: bool,
    stored: int | None,
    person: str | None,
    html: Path | None,
) -> None:
    if as_json:
        data = chat_report.as_dict()
        data["stored_rows"] = stored
        print_json(data)
        return
    render_summary(console, chat_report)
    if stored is not None:
        console.print(f"Stored {counted(stored, 'monthly row')} for {person}.", markup=False)
    if html is not None:
        console.print(f"Wrote {html}.", markup=False)


def register_report(chat_app: typer.Typer) -> None:
    """Add `report` to `tend chat` (once, however often the app is built)."""
    if not any(command.name == "report" for command in chat_app.registered_commands):
        chat_app.command("report")(report)
