"""Messages read from a chat export: the stable shape every importer yields."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class MessageKind(StrEnum):
    TEXT = "text"
    MEDIA = "media"
    SYSTEM = "system"
    DELETED = "deleted"


@dataclass(frozen=True, slots=True)
class ChatMessage:
    """One message in file order. `sender` is None for system lines; lines of a text join by \\n."""

    time: datetime
    sender: str | None
    text: str
    kind: MessageKind = MessageKind.TEXT
    edited: bool = False
    reply_to: str | None = None  # the id of the message answered, where the format says so
    line: int | None = None  # where it started in the file (1-based), for messages about it
