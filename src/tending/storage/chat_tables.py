"""Monthly chat aggregates linked to a person: counts only, never message text.

One row per person, source file, month and sender. The count columns are the fields of
`ChatCounts`, so a report and its stored months hold the same numbers.
"""

from __future__ import annotations

from dataclasses import fields

from sqlalchemy import Column, DateTime, ForeignKey, Integer, String, Table, UniqueConstraint

from tending.domain.chat_analysis import ChatCounts
from tending.storage.metadata import metadata

COUNT_COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(ChatCounts))

chat_monthly = Table(
    "chat_monthly",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("person_id", Integer, ForeignKey("people.id"), nullable=False, index=True),
    Column("source", String(300), nullable=False),
    Column("month", String(7), nullable=False),
    Column("sender", String(200), nullable=False),
    Column("stored_at", DateTime(timezone=True), nullable=False),
    *(Column(name, Integer, nullable=False, default=0) for name in COUNT_COLUMNS),
    UniqueConstraint("person_id", "source", "month", "sender", name="uq_chat_monthly_key"),
)
