"""The team server's tables as SQLAlchemy Core (queries); migrations/ creates them.

Everything here is either ciphertext or the routing metadata the server needs: ids,
revisions, levels, key epochs, sizes, times, author key ids and a change sequence.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    DateTime,
    Integer,
    LargeBinary,
    MetaData,
    Table,
    Text,
)

metadata = MetaData()

VERSION_TABLE = "team_schema_version"

team_meta = Table(
    "team_meta",
    metadata,
    Column("key", Text, primary_key=True),
    Column("value", Text, nullable=False),
)

members = Table(
    "members",
    metadata,
    Column("member_id", Text, primary_key=True),
    Column("role_name", Text, nullable=False, unique=True),
    Column("x25519_public", LargeBinary, nullable=False),
    Column("ed25519_public", LargeBinary, nullable=False),
    Column("clearance", Integer, nullable=False),
    Column("is_admin", Boolean, nullable=False),
    Column("status", Text, nullable=False),
    Column("name_sealed", LargeBinary),  # display name under content_key(0, name_epoch)
    Column("name_epoch", Integer),
    Column("admitted_at", DateTime(timezone=True), nullable=False),
    Column("removed_at", DateTime(timezone=True)),
)

key_epochs = Table(
    "key_epochs",
    metadata,
    Column("level", Integer, primary_key=True),
    Column("epoch", Integer, primary_key=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

wrapped_keys = Table(
    "wrapped_keys",
    metadata,
    Column("member_id", Text, primary_key=True),
    Column("level", Integer, primary_key=True),
    Column("epoch", Integer, primary_key=True),
    Column("wrapped", LargeBinary, nullable=False),
)

items = Table(
    "items",
    metadata,
    Column("seq", BigInteger, primary_key=True, autoincrement=True),
    Column("item_id", Text, nullable=False),
    Column("revision", Integer, nullable=False),
    Column("base_revision", Integer),
    Column("level", Integer, nullable=False),
    Column("epoch", Integer, nullable=False),
    Column("author_id", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("size", Integer, nullable=False),
    Column("ciphertext", LargeBinary, nullable=False),
    Column("signature", LargeBinary, nullable=False),
)

ACTIVE = "active"
REMOVED = "removed"
