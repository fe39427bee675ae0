"""A laptop's own state as a member of a team hub (docs/TEAM.md, ARCHITECTURE §10).

All of it lives in the SQLCipher database, encrypted with the rest of the hub (and re-keyed
with it); no team key or secret is ever written anywhere else on the laptop.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from expertise.models.base import Base, utcnow


class TeamConfig(Base):
    """Server address, team name, this member's id and role, the sync cursor…"""

    __tablename__ = "team_config"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class TeamIdentity(Base):
    """This laptop's X25519 (key wrapping) and Ed25519 (signing) private keys (raw 32 bytes)."""

    __tablename__ = "team_identity"
    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[str] = mapped_column(String(32))
    x25519_private: Mapped[bytes] = mapped_column(LargeBinary)
    ed25519_private: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class TeamLevelKey(Base):
    """A level's content key of one epoch, unwrapped from what the server holds for us."""

    __tablename__ = "team_level_keys"
    level: Mapped[int] = mapped_column(primary_key=True)
    epoch: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[bytes] = mapped_column(LargeBinary)


class TeamMember(Base):
    """The server's member list as last seen: public keys to verify authors by."""

    __tablename__ = "team_members"
    member_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    x25519_public: Mapped[bytes] = mapped_column(LargeBinary)
    ed25519_public: Mapped[bytes] = mapped_column(LargeBinary)
    clearance: Mapped[int]
    status: Mapped[str] = mapped_column(String(16))
    display_name: Mapped[str] = mapped_column(Text, default="")


class TeamItem(Base):
    """What the server holds for a local entry: the base revision of the next push."""

    __tablename__ = "team_items"
    entry_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    item_revision: Mapped[int]
    # None: the item is a deletion (the entry is gone here too).
    content_hash: Mapped[str | None] = mapped_column(String(64), nullable=True)
    pushed: Mapped[bool] = mapped_column(default=False)
    # Added by migration 0008 for sync (expertise/team/apply.py): the item's kind and
    # level (a deletion is pushed at the level the entry had), the SHA-256 of its
    # ciphertext and its server sequence number (an older revision stored after the one
    # held here is a replay; the same revision with another digest too), and the entry's
    # local revision and attachment ids when synced (the push scan's cheap first filter).
    kind: Mapped[str] = mapped_column(String(20), default="")
    level: Mapped[int] = mapped_column(default=0)
    item_digest: Mapped[str] = mapped_column(String(64), default="")
    item_seq: Mapped[int | None] = mapped_column(nullable=True)
    local_revision: Mapped[int | None] = mapped_column(nullable=True)
    attachment_ids: Mapped[list[str] | None] = mapped_column(JSON, nullable=True)


class TeamConflict(Base):
    """Another member's revision of an entry edited here too, kept until the user decides."""

    __tablename__ = "team_conflicts"
    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    entry_id: Mapped[str] = mapped_column(String(36), index=True)
    their_revision: Mapped[int]
    their_payload_sealed: Mapped[bytes] = mapped_column(LargeBinary)
    detected_at: Mapped[datetime] = mapped_column(default=utcnow)
