"""entries: a covering index of what the team push scan reads (id, revision, kind, created)

Without it the scan that decides what a sync round pushes reads every entry row, bodies
and all, through SQLCipher: ~0.15 CPU s of every round at 10k entries, idle or not. With
it the scan reads only this index (measured: 0.15 -> 0.04 CPU s at 10k).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02
"""

from __future__ import annotations

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

NAME = "ix_entries_sync_scan"
COLUMNS = ["id", "revision", "kind", "created_at"]


def upgrade() -> None:
    op.create_index(NAME, "entries", COLUMNS)


def downgrade() -> None:
    op.drop_index(NAME, table_name="entries")
