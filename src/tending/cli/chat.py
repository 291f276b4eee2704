"""`tend chat`: read a chat export someone made of their own conversations.

`tend chat parse FILE --jsonl` is a stable contract: one JSON object per message, keys in the
order time, sender, text, kind. Problems go to stderr with their line numbers.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import typer

from tending.cli.output import console, err_console
from tending.domain.chat import ChatMessage
from tending.domain.errors import FormatProblem
from tending.exporters.files import input_file
from tending.importers import ParseProblem, open_chat

chat_app = typer.Typer(
    no_args_is_help=True,
    help="Read a WhatsApp, Telegram, CSV or JSONL chat export made on your own device.",
)

FileArg = Annotated[
    Path, typer.Argument(help="WhatsApp .txt or .zip, Telegram result.json, CSV or JSONL.")
]
FormatOpt = Annotated[
    str | None,
    typer.Option("--format", help="whatsapp, telegram, csv or jsonl (default: detect)."),
]
DateOrderOpt = Annotated[
    str | None,
    typer.Option("--date-order", help="dmy, mdy or ymd, when the file cannot tell (WhatsApp)."),
]
StrictOpt = Annotated[
    bool, typer.Option("--strict", help="Stop at the first problem instead of reporting it.")
]


def message_record(message: ChatMessage) -> dict[str, Any]:
    """The stable JSON shape of one message (the order of the keys is part of the contract)."""
    return {
        "time": message.time.isoformat(timespec="seconds"),
        "sender": message.sender,
        "text": message.text,
        "kind": message.kind.value,
    }


def report_problem(problem: ParseProblem) -> None:
    """Print one problem on stderr (never message text beyond what the problem says)."""
    err_console.print(f"warning: {problem}", markup=False, highlight=False, soft_wrap=True)


def _human_line(message: ChatMessage) -> str:
    who = message.sender if message.sender is not None else "·"
    kind = message.kind.value
    text = message.text if kind == "text" else f"[{kind}] {message.text}"
    return f"{message.time:%Y-%m-%d %H:%M}  {who}: {text}"


def _write_messages(messages: Iterator[ChatMessage], style: str) -> int:
    out = console.file
    count = 0
    for message in messages:
        if style == "jsonl":
            out.write(json.dumps(message_record(message), ensure_ascii=False) + "\n")
        elif style == "json":
            record = json.dumps(message_record(message), ensure_ascii=False)
            out.write(("[\n" if count == 0 else ",\n") + record)
        else:
            out.write(_human_line(message) + "\n")
        count += 1
    if style == "json":
        out.write("\n]\n" if count else "[]\n")
    return count


@chat_app.command("parse")
def parse(
    file: FileArg,
    format: FormatOpt = None,
    date_order: DateOrderOpt = None,
    strict: StrictOpt = False,
    jsonl: Annotated[bool, typer.Option("--jsonl", help="One JSON object per line.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="A JSON array of messages.")] = False,
) -> None:
    """Print the messages of a chat export, in file order."""
    input_file(file, "chat export file")
    messages = open_chat(
        file, format=format, date_order=date_order, strict=strict, on_problem=report_problem
    )
    style = "jsonl" if jsonl else "json" if as_json else "text"
    if _write_messages(messages, style) == 0:
        raise FormatProblem(f"{file.name}: no messages could be read")


def register(app: typer.Typer) -> None:
    """Add `tend chat` to the application."""
    from tending.cli.chat_report import register_report  # `report` lives in its own module

    register_report(chat_app)
    app.add_typer(chat_app, name="chat")
