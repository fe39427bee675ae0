"""team hub: this laptop's identity, level keys, member cache, item bookkeeping, conflicts

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02

Empty until the hub joins a team (docs/TEAM.md). The private keys and level keys are protected
by the SQLCipher encryption of the whole hub, like every other row.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "team_config",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_team_config")),
    )
    op.create_table(
        "team_identity",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.String(length=32), nullable=False),
        sa.Column("x25519_private", sa.LargeBinary(), nullable=False),
        sa.Column("ed25519_private", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_team_identity")),
    )
    op.create_table(
        "team_level_keys",
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("epoch", sa.Integer(), nullable=False),
        sa.Column("key", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("level", "epoch", name=op.f("pk_team_level_keys")),
    )
    op.create_table(
        "team_members",
        sa.Column("member_id", sa.String(length=32), nullable=False),
        sa.Column("x25519_public", sa.LargeBinary(), nullable=False),
        sa.Column("ed25519_public", sa.LargeBinary(), nullable=False),
        sa.Column("clearance", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("display_name", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("member_id", name=op.f("pk_team_members")),
    )
    op.create_table(
        "team_items",
        sa.Column("entry_id", sa.String(length=36), nullable=False),
        sa.Column("item_revision", sa.Integer(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("pushed", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("entry_id", name=op.f("pk_team_items")),
    )
    op.create_table(
        "team_conflicts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("entry_id", sa.String(length=36), nullable=False),
        sa.Column("their_revision", sa.Integer(), nullable=False),
        sa.Column("their_payload_sealed", sa.LargeBinary(), nullable=False),
        sa.Column("detected_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_team_conflicts")),
    )
    with op.batch_alter_table("team_conflicts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_team_conflicts_entry_id"), ["entry_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("team_conflicts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_team_conflicts_entry_id"))
    for table in ("team_conflicts", "team_items", "team_members", "team_level_keys",
                  "team_identity", "team_config"):
        op.drop_table(table)
