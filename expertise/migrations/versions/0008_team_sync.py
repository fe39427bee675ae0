"""team sync: what each synced item was (kind, level, digest, server seq) and the entry's
local revision and attachments then; a deletion has no content hash

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("team_items", schema=None) as batch_op:
        batch_op.alter_column("content_hash", existing_type=sa.String(length=64), nullable=True)
        batch_op.add_column(
            sa.Column("kind", sa.String(length=20), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("level", sa.Integer(), nullable=False, server_default="0"))
        batch_op.add_column(
            sa.Column("item_digest", sa.String(length=64), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("item_seq", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("local_revision", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("attachment_ids", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("team_items", schema=None) as batch_op:
        for name in (
            "attachment_ids",
            "local_revision",
            "item_seq",
            "item_digest",
            "level",
            "kind",
        ):
            batch_op.drop_column(name)
        batch_op.alter_column("content_hash", existing_type=sa.String(length=64), nullable=False)
