"""knowledge packs: trusted publishers and the origin of imported entries

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "trusted_publishers",
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("trusted_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("fingerprint", name=op.f("pk_trusted_publishers")),
    )
    op.create_table(
        "entry_origins",
        sa.Column("entry_id", sa.String(length=36), nullable=False),
        sa.Column("publisher", sa.String(length=64), nullable=False),
        sa.Column("remote_revision", sa.Integer(), nullable=False),
        sa.Column("local_revision", sa.Integer(), nullable=True),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["entry_id"],
            ["entries.id"],
            name=op.f("fk_entry_origins_entry_id_entries"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("entry_id", name=op.f("pk_entry_origins")),
    )
    with op.batch_alter_table("entry_origins", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_entry_origins_publisher"), ["publisher"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("entry_origins", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_entry_origins_publisher"))
    op.drop_table("entry_origins")
    op.drop_table("trusted_publishers")
