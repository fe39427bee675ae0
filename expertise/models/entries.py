"""Entries: one table for what every kind shares, one table per kind (joined inheritance).

The per-kind classes are generated from the registry (expertise/fields): a
kind's table holds one column per field, declared by the field's type.

Experts and organisations are entries too, so search, links, revisions,
classification and packs treat every kind alike (ARCHITECTURE §3).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Column, ForeignKey, Index, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from expertise.fields import (
    DEFAULT_CLASSIFICATION,
    DEFAULT_LANGUAGE,
    DEFAULT_STATUS,
    KIND_SPECS,
    KindSpec,
)
from expertise.fields.types import type_of
from expertise.models.base import Base, utcnow

entry_tags = Table(
    "entry_tags",
    Base.metadata,
    Column("entry_id", ForeignKey("entries.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True),
)

entry_themes = Table(
    "entry_themes",
    Base.metadata,
    Column("entry_id", ForeignKey("entries.id", ondelete="CASCADE"), primary_key=True),
    Column("theme_key", ForeignKey("themes.key", ondelete="CASCADE"), primary_key=True),
)


class Tag(Base):
    __tablename__ = "tags"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)


class Theme(Base):
    __tablename__ = "themes"
    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    label_nl: Mapped[str] = mapped_column(String(200))
    label_en: Mapped[str] = mapped_column(String(200))
    group: Mapped[str] = mapped_column(String(40), default="theme")


def _ref(column: str = "entries.id") -> Mapped[str | None]:
    return mapped_column(ForeignKey(column, ondelete="SET NULL"), nullable=True)


class Entry(Base):
    __tablename__ = "entries"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), index=True)
    title: Mapped[str] = mapped_column(String(500), index=True)
    body_md: Mapped[str] = mapped_column(Text, default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    classification: Mapped[str] = mapped_column(String(20), default=DEFAULT_CLASSIFICATION)
    language: Mapped[str] = mapped_column(String(2), default=DEFAULT_LANGUAGE)
    status: Mapped[str] = mapped_column(String(20), default=DEFAULT_STATUS)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    revision: Mapped[int] = mapped_column(default=1)
    author_id: Mapped[str | None] = _ref()
    owner_id: Mapped[str | None] = _ref()
    review_by: Mapped[date | None] = mapped_column(nullable=True)
    superseded_by_id: Mapped[str | None] = _ref()

    tags: Mapped[list[Tag]] = relationship(secondary=entry_tags, lazy="selectin")
    themes: Mapped[list[Theme]] = relationship(secondary=entry_themes, lazy="selectin")

    __mapper_args__ = {"polymorphic_on": "kind", "polymorphic_identity": "entry"}
    # covers the team push scan (expertise/team/changes.py): it never reads a body
    __table_args__ = (Index("ix_entries_sync_scan", "id", "revision", "kind", "created_at"),)


def _kind_model(spec: KindSpec) -> type[Entry]:
    """The joined-inheritance model of a kind, declared from its registry entry."""
    id_column = mapped_column(
        String(36), ForeignKey("entries.id", ondelete="CASCADE"), primary_key=True
    )
    namespace: dict[str, Any] = {
        "__tablename__": spec.table,
        "__module__": __name__,
        "__doc__": f"{spec.label.en} (kind {spec.name!r}): its own fields, joined to `entries`.",
        "id": id_column,
        # several columns refer to entries.id; the join is on the primary key
        "__mapper_args__": {
            "polymorphic_identity": spec.name,
            "inherit_condition": id_column.column == Entry.__table__.c.id,
        },
    }
    for field in spec.fields:
        namespace[field.attr] = type_of(field).column(field)
    return type(spec.class_name, (Entry,), namespace)


MODEL_BY_KIND: dict[str, type[Entry]] = {
    kind: _kind_model(spec) for kind, spec in KIND_SPECS.items()
}

# The kinds' class names stay importable. Their columns come from the registry,
# so a type checker cannot see them: the names are typed Any, and queries such as
# `select(Expert.internal)` type-check as they did when the classes were written out.
AdviceNote: Any = MODEL_BY_KIND["advice"]
InnovationProject: Any = MODEL_BY_KIND["innovation"]
BestPractice: Any = MODEL_BY_KIND["practice"]
Expert: Any = MODEL_BY_KIND["expert"]
Organisation: Any = MODEL_BY_KIND["organisation"]
