"""Records that hang off entries: revisions, links, attachments, audit, hub metadata."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from expertise.models.base import Base, utcnow


class Revision(Base):
    """The state of an entry as it was saved; one row per save (ARCHITECTURE §3)."""

    __tablename__ = "revisions"
    __table_args__ = (UniqueConstraint("entry_id", "revision"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[str] = mapped_column(ForeignKey("entries.id", ondelete="CASCADE"), index=True)
    revision: Mapped[int]
    saved_at: Mapped[datetime] = mapped_column(default=utcnow)
    saved_by: Mapped[str] = mapped_column(String(200), default="")
    snapshot: Mapped[dict[str, object]] = mapped_column(JSON)


class Link(Base):
    """A wiki link `[[Title]]` or explicit relation; backlinks are queries on target_id."""

    __tablename__ = "links"
    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[str] = mapped_column(ForeignKey("entries.id", ondelete="CASCADE"), index=True)
    target_id: Mapped[str | None] = mapped_column(
        ForeignKey("entries.id", ondelete="SET NULL"), nullable=True, index=True
    )
    target_title: Mapped[str] = mapped_column(String(500))
    relation: Mapped[str] = mapped_column(String(20), default="wiki")


class Attachment(Base):
    __tablename__ = "attachments"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    entry_id: Mapped[str] = mapped_column(ForeignKey("entries.id", ondelete="CASCADE"), index=True)
    file_name: Mapped[str] = mapped_column(String(255))
    media_type: Mapped[str] = mapped_column(String(120))
    size: Mapped[int]
    added_at: Mapped[datetime] = mapped_column(default=utcnow)


class AuditEvent(Base):
    """Who did what when. Never content: ids, counts and levels only."""

    __tablename__ = "audit_events"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(200), default="")
    action: Mapped[str] = mapped_column(String(40))
    target_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    detail: Mapped[dict[str, object]] = mapped_column(JSON, default=dict)


class HubMeta(Base):
    """Small key/value facts about the hub, e.g. the change counter the index follows."""

    __tablename__ = "hub_meta"
    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class SavedSearch(Base):
    __tablename__ = "saved_searches"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    query: Mapped[str] = mapped_column(Text)
    kind: Mapped[str | None] = mapped_column(String(20), nullable=True)
    filters: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class SynonymGroup(Base):
    """One line of the editable domain thesaurus: terms that mean the same."""

    __tablename__ = "synonym_groups"
    id: Mapped[int] = mapped_column(primary_key=True)
    terms: Mapped[list[str]] = mapped_column(JSON)
