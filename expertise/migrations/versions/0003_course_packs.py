"""course packs: ordered entries with trainer notes under a classification ceiling

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "course_packs",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("audience", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("ceiling", sa.String(length=20), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_course_packs")),
    )
    with op.batch_alter_table("course_packs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_course_packs_title"), ["title"], unique=False)

    op.create_table(
        "course_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pack_id", sa.String(length=36), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("entry_id", sa.String(length=36), nullable=False),
        sa.Column("trainer_note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["entry_id"],
            ["entries.id"],
            name=op.f("fk_course_items_entry_id_entries"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["pack_id"],
            ["course_packs.id"],
            name=op.f("fk_course_items_pack_id_course_packs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_course_items")),
        sa.UniqueConstraint("pack_id", "entry_id", name=op.f("uq_course_items_pack_id")),
    )
    with op.batch_alter_table("course_items", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_course_items_entry_id"), ["entry_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_course_items_pack_id"), ["pack_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("course_items", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_course_items_pack_id"))
        batch_op.drop_index(batch_op.f("ix_course_items_entry_id"))
    op.drop_table("course_items")
    with op.batch_alter_table("course_packs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_course_packs_title"))
    op.drop_table("course_packs")
