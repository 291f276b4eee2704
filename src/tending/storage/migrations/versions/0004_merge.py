"""Join the two branches (chat aggregates, guided sessions) into one line of history.

0002_chat_aggregates and 0003_guided were both written on top of 0001_tracker, so the scripts
had two heads. This revision changes no table: it only makes 0004_merge the single head, so every
later revision has one parent to name and `upgrade head` means one thing.

Revision ID: 0004_merge
Revises: 0002_chat_aggregates, 0003_guided
Create Date: 2026-12-05
"""

from __future__ import annotations

from collections.abc import Sequence

revision: str = "0004_merge"
down_revision: str | Sequence[str] | None = ("0002_chat_aggregates", "0003_guided")
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
