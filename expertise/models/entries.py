"""Entries: one table for what every kind shares, one table per kind (joined inheritance).

Experts and organisations are entries too, so search, links, revisions,
classification and packs treat every kind alike (ARCHITECTURE §3).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Column, ForeignKey, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

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
    classification: Mapped[str] = mapped_column(String(20), default="internal")
    language: Mapped[str] = mapped_column(String(2), default="nl")
    status: Mapped[str] = mapped_column(String(20), default="current")
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


class AdviceNote(Entry):
    __tablename__ = "advice_notes"
    id: Mapped[str] = mapped_column(ForeignKey("entries.id", ondelete="CASCADE"), primary_key=True)
    audience: Mapped[str] = mapped_column(String(20), default="investigation")
    requested_by_id: Mapped[str | None] = _ref()
    advice_date: Mapped[date | None] = mapped_column(nullable=True)
    __mapper_args__ = {"polymorphic_identity": "advice", "inherit_condition": id == Entry.id}


class InnovationProject(Entry):
    __tablename__ = "innovation_projects"
    id: Mapped[str] = mapped_column(ForeignKey("entries.id", ondelete="CASCADE"), primary_key=True)
    stage: Mapped[str] = mapped_column(String(20), default="idea")
    bottleneck: Mapped[str] = mapped_column(Text, default="")
    start_date: Mapped[date | None] = mapped_column(nullable=True)
    end_date: Mapped[date | None] = mapped_column(nullable=True)
    owner_org_id: Mapped[str | None] = _ref()
    lead_id: Mapped[str | None] = _ref()
    partners: Mapped[list[str]] = mapped_column(JSON, default=list)
    results: Mapped[str] = mapped_column(Text, default="")
    __mapper_args__ = {"polymorphic_identity": "innovation", "inherit_condition": id == Entry.id}


class BestPractice(Entry):
    __tablename__ = "best_practices"
    id: Mapped[str] = mapped_column(ForeignKey("entries.id", ondelete="CASCADE"), primary_key=True)
    context: Mapped[str] = mapped_column(Text, default="")
    practice: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[str] = mapped_column(Text, default="")
    lessons: Mapped[str] = mapped_column(Text, default="")
    source_case: Mapped[str] = mapped_column(Text, default="")
    evidence_level: Mapped[str] = mapped_column(String(20), default="observed")
    region: Mapped[str] = mapped_column(String(200), default="")
    __mapper_args__ = {"polymorphic_identity": "practice", "inherit_condition": id == Entry.id}


class Expert(Entry):
    __tablename__ = "experts"
    id: Mapped[str] = mapped_column(ForeignKey("entries.id", ondelete="CASCADE"), primary_key=True)
    role: Mapped[str] = mapped_column(String(200), default="")
    organisation_id: Mapped[str | None] = _ref()
    unit: Mapped[str] = mapped_column(String(200), default="")
    expertise: Mapped[list[str]] = mapped_column(JSON, default=list)
    languages: Mapped[list[str]] = mapped_column(JSON, default=list)
    email: Mapped[str] = mapped_column(String(320), default="")
    phone: Mapped[str] = mapped_column(String(60), default="")
    availability: Mapped[str] = mapped_column(String(200), default="")
    internal: Mapped[bool] = mapped_column(default=True)
    consent_date: Mapped[date | None] = mapped_column(nullable=True)
    consent_basis: Mapped[str] = mapped_column(String(200), default="")
    last_verified: Mapped[date | None] = mapped_column(nullable=True)
    __mapper_args__ = {"polymorphic_identity": "expert", "inherit_condition": id == Entry.id}


class Organisation(Entry):
    __tablename__ = "organisations"
    id: Mapped[str] = mapped_column(ForeignKey("entries.id", ondelete="CASCADE"), primary_key=True)
    org_type: Mapped[str] = mapped_column(String(20), default="other")
    country: Mapped[str] = mapped_column(String(2), default="NL")
    contact: Mapped[str] = mapped_column(String(400), default="")
    partner_since: Mapped[date | None] = mapped_column(nullable=True)
    __mapper_args__ = {"polymorphic_identity": "organisation", "inherit_condition": id == Entry.id}


MODEL_BY_KIND: dict[str, type[Entry]] = {
    "advice": AdviceNote,
    "innovation": InnovationProject,
    "practice": BestPractice,
    "expert": Expert,
    "organisation": Organisation,
}
