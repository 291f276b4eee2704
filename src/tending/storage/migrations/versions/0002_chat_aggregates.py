"""Monthly chat aggregates per person (counts only, never text).

Revision ID: 0002_chat_aggregates
Revises: 0001_tracker
Create Date: 2026-11-22
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002_chat_aggregates"
down_revision: str | Sequence[str] | None = "0001_tracker"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The count columns as they were when this revision was written (ChatCounts may grow later,
# with a migration of its own).
COUNTS = (
    "messages", "texts", "media", "deleted", "positive", "corrective", "neutral", "bids",
    "bids_toward", "bids_away", "bids_against", "disclosures", "disclosures_met", "criticism",
    "contempt", "defensiveness", "stonewalling", "appreciations", "affection", "replies",
)  # fmt: skip


def upgrade() -> None:
    op.create_table(
        "chat_monthly",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "person_id",
            sa.Integer,
            sa.ForeignKey("people.id", name=op.f("fk_chat_monthly_person_id_people")),
            nullable=False,
        ),
        sa.Column("source", sa.String(300), nullable=False),
        sa.Column("month", sa.String(7), nullable=False),
        sa.Column("sender", sa.String(200), nullable=False),
        sa.Column("stored_at", sa.DateTime(timezone=True), nullable=False),
        *(sa.Column(name, sa.Integer, nullable=False) for name in COUNTS),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_chat_monthly")),
        sa.UniqueConstraint(
            "person_id", "source", "month", "sender", name=op.f("uq_chat_monthly_key")
        ),
    )
    op.create_index(op.f("ix_chat_monthly_person_id"), "chat_monthly", ["person_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_chat_monthly_person_id"), table_name="chat_monthly")
    op.drop_table("chat_monthly")
