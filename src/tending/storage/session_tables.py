"""Tables of guided sessions, their entries, per-person check questions and rituals.

Migration 0003_guided creates exactly these tables; keep the two in step. A session's steps are
kept as JSON in its row, so a resumed session asks exactly what it asked when it started.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from tending.storage.metadata import metadata
from tending.storage.types import UtcDateTime

guided_sessions = Table(
    "guided_sessions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", String(20), nullable=False, index=True),
    Column("person_id", Integer, ForeignKey("people.id"), nullable=True, index=True),
    Column("status", String(12), nullable=False, index=True),
    Column("steps", JSON, nullable=False),
    Column("started_at", UtcDateTime(), nullable=False),
    Column("paused_at", UtcDateTime(), nullable=True),
    Column("paused_seconds", Float, nullable=False),
    Column("step_progress", Float, nullable=False),
    Column("ended_at", UtcDateTime(), nullable=True),
)

guided_entries = Table(
    "guided_entries",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("session_id", Integer, ForeignKey("guided_sessions.id"), nullable=False, index=True),
    Column("position", Integer, nullable=False),
    Column("step_key", String(60), nullable=False),
    Column("text", Text, nullable=False),
    Column("passed", Boolean, nullable=False),
    Column("at", UtcDateTime(), nullable=False),
    UniqueConstraint("session_id", "position", name="uq_guided_entries_session_position"),
)

check_questions = Table(
    "check_questions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("person_id", Integer, ForeignKey("people.id"), nullable=False, index=True),
    Column("text", Text, nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
)

rituals = Table(
    "rituals",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("uid", String(64), nullable=False, unique=True),
    Column("kind", String(30), nullable=False),
    Column("person_id", Integer, ForeignKey("people.id"), nullable=True, index=True),
    Column("starts", DateTime(timezone=False), nullable=False),  # wall time in `tzid`
    Column("tzid", String(64), nullable=False),
    Column("rrule", String(300), nullable=False),
    Column("minutes", Integer, nullable=False),
    Column("alarm_minutes", Integer, nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
)
