"""pack merge safety: tombstones of locally deleted entries, attachments each origin brought

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "entry_tombstones",
        sa.Column("entry_id", sa.String(length=36), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("entry_id", name=op.f("pk_entry_tombstones")),
    )
    with op.batch_alter_table("entry_origins", schema=None) as batch_op:
        batch_op.add_column(sa.Column("attachments", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("entry_origins", schema=None) as batch_op:
        batch_op.drop_column("attachments")
    op.drop_table("entry_tombstones")
