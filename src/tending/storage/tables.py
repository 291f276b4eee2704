"""The tracker's tables, as SQLAlchemy Core tables on the shared metadata.

Enums are stored as short strings (no native ENUM types) so that adding a value later needs no
migration on PostgreSQL. Feelings and needs of a journal entry are a JSON list of words.
Migration 0001_tracker creates exactly these tables; keep the two in step.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
)

from tending.storage.metadata import metadata
from tending.storage.types import UtcDateTime

people = Table(
    "people",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False),
    Column("tie", String(20), nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("checks_per_month", Integer, nullable=False),
    Column("last_surprised", Date, nullable=True),
    Column("archived", Boolean, nullable=False, default=False),
    CheckConstraint("checks_per_month >= 0", name="checks_not_negative"),
)

moments = Table(
    "moments",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", String(20), nullable=False, index=True),
    Column("at", UtcDateTime(), nullable=False, index=True),
    Column("person_id", Integer, ForeignKey("people.id"), nullable=True, index=True),
    Column("note", Text, nullable=True),
    Column("discloser", String(10), nullable=True),
    Column("closing", Boolean, nullable=False, default=False),
    Column("bid_answer", String(10), nullable=True),
    Column("minutes", Integer, nullable=True),
    Column("valence", String(12), nullable=True),
    Column("feelings", JSON, nullable=False),
    Column("needs", JSON, nullable=False),
    Column("honest_kind", String(20), nullable=True),
    Column("strategy", String(30), nullable=True),
    Column("private", Boolean, nullable=False, default=False),
)

commitments = Table(
    "commitments",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("person_id", Integer, ForeignKey("people.id"), nullable=False, index=True),
    Column("text", Text, nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("due", Date, nullable=False),
    Column("done_at", UtcDateTime(), nullable=True),
)

agreements = Table(
    "agreements",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("person_id", Integer, ForeignKey("people.id"), nullable=False, index=True),
    Column("kind", String(20), nullable=False),
    Column("retired_at", UtcDateTime(), nullable=True),
)

agreement_versions = Table(
    "agreement_versions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "agreement_id",
        Integer,
        ForeignKey("agreements.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("number", Integer, nullable=False),  # 1 for the first wording, then 2, 3...
    Column("text", Text, nullable=False),
    Column("room", Text, nullable=True),
    Column("review_on", Date, nullable=True),
    Column("made_at", UtcDateTime(), nullable=False),
)

unsaid = Table(
    "unsaid",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("person_id", Integer, ForeignKey("people.id"), nullable=False, index=True),
    Column("text", Text, nullable=False),
    Column("weight", Integer, nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("said_at", UtcDateTime(), nullable=True),
    Column("how_it_went", Text, nullable=True),
    CheckConstraint("weight BETWEEN 1 AND 5", name="weight_range"),
)

reassessments = Table(
    "reassessments",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at", UtcDateTime(), nullable=False, index=True),
    Column("person_id", Integer, ForeignKey("people.id"), nullable=True, index=True),
    Column("note", Text, nullable=True),
)

reassessment_scores = Table(
    "reassessment_scores",
    metadata,
    Column(
        "reassessment_id",
        Integer,
        ForeignKey("reassessments.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("foundation", String(30), primary_key=True),
    Column("score", Integer, nullable=False),
    CheckConstraint("score BETWEEN 1 AND 10", name="score_range"),
)

TRACKER_TABLES = (
    people,
    moments,
    commitments,
    agreements,
    agreement_versions,
    unsaid,
    reassessments,
    reassessment_scores,
)
