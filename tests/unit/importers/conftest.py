"""Shared helpers for the importer tests: where our fixtures live, and reading a file fully."""

from __future__ import annotations

import tracemalloc
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


def read_all_with_peak(
    path: Path, **options: Any
) -> tuple[list[ChatMessage], list[ParseProblem], int]:
    """`read_all`, and the peak of traced Python memory (bytes) while it read."""
    tracemalloc.start()
    try:
        messages, problems = read_all(path, **options)
        return messages, problems, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


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
