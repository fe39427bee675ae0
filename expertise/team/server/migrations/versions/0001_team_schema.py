"""team server schema 1: members, key epochs, wrapped keys, append-only items, row-level security

Revision ID: 0001
Revises:
Create Date: 2026-12-02

The member group role (its name in team_meta 'member_group') may read what RLS lets it:
items up to the member's clearance, its own wrapped keys, the member list, the key epochs.
It may INSERT items as itself at or below its clearance; nobody but the admin (the owner of
the tables) may UPDATE or DELETE anything. docs/TEAM.md explains each policy.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import context, op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

NOW = sa.text("now()")


def _tables() -> None:
    op.create_table(
        "team_meta",
        sa.Column("key", sa.Text(), primary_key=True),
        sa.Column("value", sa.Text(), nullable=False),
    )
    op.create_table(
        "members",
        sa.Column("member_id", sa.Text(), primary_key=True),
        sa.Column("role_name", sa.Text(), nullable=False, unique=True),
        sa.Column("x25519_public", sa.LargeBinary(), nullable=False),
        sa.Column("ed25519_public", sa.LargeBinary(), nullable=False),
        sa.Column("clearance", sa.Integer(), nullable=False),
        sa.Column("is_admin", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("status", sa.Text(), nullable=False, server_default="active"),
        sa.Column("name_sealed", sa.LargeBinary()),
        sa.Column("name_epoch", sa.Integer()),
        sa.Column("admitted_at", sa.DateTime(timezone=True), nullable=False, server_default=NOW),
        sa.Column("removed_at", sa.DateTime(timezone=True)),
        sa.CheckConstraint("status IN ('active', 'removed')", name="member_status"),
        sa.CheckConstraint("clearance >= 0", name="member_clearance"),
    )
    op.create_table(
        "key_epochs",
        sa.Column("level", sa.Integer(), primary_key=True),
        sa.Column("epoch", sa.Integer(), primary_key=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=NOW),
    )
    op.create_table(
        "wrapped_keys",
        sa.Column("member_id", sa.Text(), sa.ForeignKey("members.member_id"), primary_key=True),
        sa.Column("level", sa.Integer(), primary_key=True),
        sa.Column("epoch", sa.Integer(), primary_key=True),
        sa.Column("wrapped", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(["level", "epoch"], ["key_epochs.level", "key_epochs.epoch"]),
    )
    op.create_table(
        "items",
        sa.Column("seq", sa.BigInteger(), sa.Identity(always=True), primary_key=True),
        sa.Column("item_id", sa.Text(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("base_revision", sa.Integer()),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("epoch", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Text(), sa.ForeignKey("members.member_id"), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=NOW),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("ciphertext", sa.LargeBinary(), nullable=False),
        sa.Column("signature", sa.LargeBinary(), nullable=False),
        sa.UniqueConstraint("item_id", "revision", name="item_revision_once"),
        sa.ForeignKeyConstraint(["level", "epoch"], ["key_epochs.level", "key_epochs.epoch"]),
        sa.CheckConstraint("size = octet_length(ciphertext)", name="item_size"),
    )


# Who is asking: the active member row of the connected role (NULL for anyone else, and
# `level <= NULL` is never true, so a stranger or a removed member sees nothing).
FUNCTIONS = """
CREATE FUNCTION team_clearance() RETURNS integer LANGUAGE sql STABLE AS
  $$ SELECT clearance FROM members WHERE role_name = current_user AND status = 'active' $$;
CREATE FUNCTION team_member_id() RETURNS text LANGUAGE sql STABLE AS
  $$ SELECT member_id FROM members WHERE role_name = current_user AND status = 'active' $$;
"""


def _security(group: str, database: str) -> None:
    op.execute(FUNCTIONS)
    statements = [
        f'CREATE ROLE "{group}" NOLOGIN' if not _role_exists(group) else "",
        f'REVOKE ALL ON DATABASE "{database}" FROM PUBLIC',
        f'GRANT CONNECT ON DATABASE "{database}" TO "{group}"',
        f'GRANT SELECT ON team_meta, members, key_epochs, team_schema_version TO "{group}"',
        f'GRANT SELECT ON wrapped_keys TO "{group}"',
        f'GRANT SELECT, INSERT ON items TO "{group}"',
        "ALTER TABLE items ENABLE ROW LEVEL SECURITY",
        "ALTER TABLE wrapped_keys ENABLE ROW LEVEL SECURITY",
        f'CREATE POLICY member_reads ON items FOR SELECT TO "{group}" '
        "USING (level <= team_clearance())",
        f'CREATE POLICY member_writes ON items FOR INSERT TO "{group}" '
        "WITH CHECK (level <= team_clearance() AND author_id = team_member_id())",
        f'CREATE POLICY own_keys ON wrapped_keys FOR SELECT TO "{group}" '
        "USING (member_id = team_member_id())",
    ]
    for statement in filter(None, statements):
        op.execute(statement)
    op.execute(
        sa.text("INSERT INTO team_meta (key, value) VALUES ('member_group', :g)").bindparams(
            g=group
        )
    )


def _role_exists(name: str) -> bool:
    found = op.get_bind().execute(sa.text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name})
    return found.first() is not None


def upgrade() -> None:
    group = context.config.attributes["member_group"]
    database = op.get_bind().execute(sa.text("SELECT current_database()")).scalar_one()
    _tables()
    _security(group, database)


def downgrade() -> None:
    op.execute("DROP TABLE items, wrapped_keys, key_epochs, members, team_meta")
    op.execute("DROP FUNCTION team_clearance(), team_member_id()")
