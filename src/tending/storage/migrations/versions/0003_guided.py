"""Guided sessions, their entries, per-person Connection Check questions, rituals.

Revision ID: 0003_guided
Revises: 0001_tracker
Create Date: 2026-11-22
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_guided"
down_revision: str | Sequence[str] | None = "0001_tracker"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

WHEN = sa.DateTime(timezone=True)


def _person_fk(table: str, nullable: bool) -> sa.Column[int]:
    return sa.Column(
        "person_id",
        sa.Integer,
        sa.ForeignKey("people.id", name=op.f(f"fk_{table}_person_id_people")),
        nullable=nullable,
    )


def upgrade() -> None:
    op.create_table(
        "guided_sessions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("kind", sa.String(20), nullable=False),
        _person_fk("guided_sessions", nullable=True),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("steps", sa.JSON, nullable=False),
        sa.Column("started_at", WHEN, nullable=False),
        sa.Column("paused_at", WHEN, nullable=True),
        sa.Column("paused_seconds", sa.Float, nullable=False),
        sa.Column("step_progress", sa.Float, nullable=False),
        sa.Column("ended_at", WHEN, nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_guided_sessions")),
    )
    for column in ("kind", "person_id", "status"):
        op.create_index(op.f(f"ix_guided_sessions_{column}"), "guided_sessions", [column])
    op.create_table(
        "guided_entries",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "session_id",
            sa.Integer,
            sa.ForeignKey(
                "guided_sessions.id", name=op.f("fk_guided_entries_session_id_guided_sessions")
            ),
            nullable=False,
        ),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("step_key", sa.String(60), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("passed", sa.Boolean, nullable=False),
        sa.Column("at", WHEN, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_guided_entries")),
        sa.UniqueConstraint(
            "session_id", "position", name=op.f("uq_guided_entries_session_position")
        ),
    )
    op.create_index(op.f("ix_guided_entries_session_id"), "guided_entries", ["session_id"])
    _questions_and_rituals()


def _questions_and_rituals() -> None:
    op.create_table(
        "check_questions",
        sa.Column("id", sa.Integer, primary_key=True),
        _person_fk("check_questions", nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("created_at", WHEN, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_check_questions")),
    )
    op.create_index(op.f("ix_check_questions_person_id"), "check_questions", ["person_id"])
    op.create_table(
        "rituals",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("uid", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(30), nullable=False),
        _person_fk("rituals", nullable=True),
        sa.Column("starts", sa.DateTime(timezone=False), nullable=False),
        sa.Column("tzid", sa.String(64), nullable=False),
        sa.Column("rrule", sa.String(300), nullable=False),
        sa.Column("minutes", sa.Integer, nullable=False),
        sa.Column("alarm_minutes", sa.Integer, nullable=False),
        sa.Column("created_at", WHEN, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rituals")),
        sa.UniqueConstraint("uid", name=op.f("uq_rituals_uid")),
    )
    op.create_index(op.f("ix_rituals_person_id"), "rituals", ["person_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_rituals_person_id"), table_name="rituals")
    op.drop_table("rituals")
    op.drop_index(op.f("ix_check_questions_person_id"), table_name="check_questions")
    op.drop_table("check_questions")
    op.drop_index(op.f("ix_guided_entries_session_id"), table_name="guided_entries")
    op.drop_table("guided_entries")
    for column in ("status", "person_id", "kind"):
        op.drop_index(op.f(f"ix_guided_sessions_{column}"), table_name="guided_sessions")
    op.drop_table("guided_sessions")
