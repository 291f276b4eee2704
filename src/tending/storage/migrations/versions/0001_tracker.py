"""The tracker: people, moments, commitments, agreements with versions, unsaid, reassessments.

Revision ID: 0001_tracker
Revises:
Create Date: 2026-11-22
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001_tracker"
down_revision: str | Sequence[str] | None = None
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
    _people_and_moments()
    _commitments()
    _agreements()
    _unsaid()
    _reassessments()


def _people_and_moments() -> None:
    op.create_table(
        "people",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("tie", sa.String(20), nullable=False),
        sa.Column("created_at", WHEN, nullable=False),
        sa.Column("checks_per_month", sa.Integer, nullable=False),
        sa.Column("last_surprised", sa.Date, nullable=True),
        sa.Column("archived", sa.Boolean, nullable=False),
        sa.CheckConstraint("checks_per_month >= 0", name=op.f("ck_people_checks_not_negative")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_people")),
    )
    op.create_table(
        "moments",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("at", WHEN, nullable=False),
        _person_fk("moments", nullable=True),
        sa.Column("note", sa.Text, nullable=True),
        sa.Column("discloser", sa.String(10), nullable=True),
        sa.Column("closing", sa.Boolean, nullable=False),
        sa.Column("bid_answer", sa.String(10), nullable=True),
        sa.Column("minutes", sa.Integer, nullable=True),
        sa.Column("valence", sa.String(12), nullable=True),
        sa.Column("feelings", sa.JSON, nullable=False),
        sa.Column("needs", sa.JSON, nullable=False),
        sa.Column("honest_kind", sa.String(20), nullable=True),
        sa.Column("strategy", sa.String(30), nullable=True),
        sa.Column("private", sa.Boolean, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_moments")),
    )
    for column in ("kind", "at", "person_id"):
        op.create_index(op.f(f"ix_moments_{column}"), "moments", [column])


def _commitments() -> None:
    op.create_table(
        "commitments",
        sa.Column("id", sa.Integer, primary_key=True),
        _person_fk("commitments", nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("created_at", WHEN, nullable=False),
        sa.Column("due", sa.Date, nullable=False),
        sa.Column("done_at", WHEN, nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_commitments")),
    )
    op.create_index(op.f("ix_commitments_person_id"), "commitments", ["person_id"])


def _agreements() -> None:
    op.create_table(
        "agreements",
        sa.Column("id", sa.Integer, primary_key=True),
        _person_fk("agreements", nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("retired_at", WHEN, nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agreements")),
    )
    op.create_index(op.f("ix_agreements_person_id"), "agreements", ["person_id"])
    op.create_table(
        "agreement_versions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "agreement_id",
            sa.Integer,
            sa.ForeignKey(
                "agreements.id",
                name=op.f("fk_agreement_versions_agreement_id_agreements"),
                ondelete="CASCADE",
            ),
            nullable=False,
        ),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("room", sa.Text, nullable=True),
        sa.Column("review_on", sa.Date, nullable=True),
        sa.Column("made_at", WHEN, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agreement_versions")),
    )
    op.create_index(
        op.f("ix_agreement_versions_agreement_id"), "agreement_versions", ["agreement_id"]
    )


def _unsaid() -> None:
    op.create_table(
        "unsaid",
        sa.Column("id", sa.Integer, primary_key=True),
        _person_fk("unsaid", nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("weight", sa.Integer, nullable=False),
        sa.Column("created_at", WHEN, nullable=False),
        sa.Column("said_at", WHEN, nullable=True),
        sa.Column("how_it_went", sa.Text, nullable=True),
        sa.CheckConstraint("weight BETWEEN 1 AND 5", name=op.f("ck_unsaid_weight_range")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unsaid")),
    )
    op.create_index(op.f("ix_unsaid_person_id"), "unsaid", ["person_id"])


def _reassessments() -> None:
    op.create_table(
        "reassessments",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", WHEN, nullable=False),
        _person_fk("reassessments", nullable=True),
        sa.Column("note", sa.Text, nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reassessments")),
    )
    op.create_index(op.f("ix_reassessments_at"), "reassessments", ["at"])
    op.create_index(op.f("ix_reassessments_person_id"), "reassessments", ["person_id"])
    op.create_table(
        "reassessment_scores",
        sa.Column(
            "reassessment_id",
            sa.Integer,
            sa.ForeignKey(
                "reassessments.id",
                name=op.f("fk_reassessment_scores_reassessment_id_reassessments"),
                ondelete="CASCADE",
            ),
            nullable=False,
        ),
        sa.Column("foundation", sa.String(30), nullable=False),
        sa.Column("score", sa.Integer, nullable=False),
        sa.CheckConstraint(
            "score BETWEEN 1 AND 10", name=op.f("ck_reassessment_scores_score_range")
        ),
        sa.PrimaryKeyConstraint(
            "reassessment_id", "foundation", name=op.f("pk_reassessment_scores")
        ),
    )


def downgrade() -> None:
    for table in (
        "reassessment_scores",
        "reassessments",
        "unsaid",
        "agreement_versions",
        "agreements",
        "commitments",
        "moments",
        "people",
    ):
        op.drop_table(table)
