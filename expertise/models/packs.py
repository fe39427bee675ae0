"""Knowledge-pack bookkeeping: whom we trust, and where imported entries came from.

The hub's own Ed25519 publisher key is not a table: it is one `HubMeta` row,
encrypted a second time under a vault sub-key (see expertise/packs/signing.py).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from expertise.models.base import Base, utcnow


class TrustedPublisher(Base):
    """A publisher key the user accepted (trust on first use).

    The fingerprint is the SHA-256 of the raw public key, and every pack carries
    its key, so the fingerprint alone is enough to recognise it again.
    """

    __tablename__ = "trusted_publishers"
    fingerprint: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    trusted_at: Mapped[datetime] = mapped_column(default=utcnow)


class EntryOrigin(Base):
    """Where an imported entry came from, so a later pack can tell an update from a conflict.

    `local_revision` is the entry's revision right after the import; when the
    entry's revision has moved on, someone edited it here. None means the
    user chose to keep a local version: every later remote change conflicts.
    """

    __tablename__ = "entry_origins"
    entry_id: Mapped[str] = mapped_column(
        ForeignKey("entries.id", ondelete="CASCADE"), primary_key=True
    )
    publisher: Mapped[str] = mapped_column(String(64), index=True)
    remote_revision: Mapped[int]
    local_revision: Mapped[int | None] = mapped_column(nullable=True)
    imported_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Ids of the attachments the publisher's pack brought, so an attachment it
    # drops later can be told from one added here. None: not known (older hubs).
    attachments: Mapped[list[str] | None] = mapped_column(JSON, nullable=True)


class EntryTombstone(Base):
    """An entry deleted here: a later pack does not bring it back unless asked to.

    Only the id is kept (ids travel in clear in every pack manifest anyway).
    """

    __tablename__ = "entry_tombstones"
    entry_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    deleted_at: Mapped[datetime] = mapped_column(default=utcnow)
