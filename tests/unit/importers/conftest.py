"""Shared helpers for the importer tests: where our fixtures live, and reading a file fully."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tending.domain.chat import ChatMessage
from tending.importers import ParseProblem, open_chat

CHATS = Path(__file__).resolve().parents[2] / "data" / "chats"


def read_all(path: Path, **options: Any) -> tuple[list[ChatMessage], list[ParseProblem]]:
    """Every message of `path` and every problem reported on the way."""
    problems: list[ParseProblem] = []
    messages = list(open_chat(path, on_problem=problems.append, **options))
    return messages, problems


def as_record(message: ChatMessage) -> dict[str, Any]:
    return {
        "time": message.time.isoformat(timespec="seconds"),
        "sender": message.sender,
        "text": message.text,
        "kind": message.kind.value,
        "edited": message.edited,
        "reply_to": message.reply_to,
        "line": message.line,
    }
