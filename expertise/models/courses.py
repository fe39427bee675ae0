"""Course packs: an ordered selection of entries for trainers (ARCHITECTURE §3, §8).

The ceiling is stored on the pack, not copied onto items: an entry whose level
is raised after it was added is filtered out again at every export.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from expertise.models.base import Base, utcnow


class CoursePack(Base):
    __tablename__ = "course_packs"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    title: Mapped[str] = mapped_column(String(500), index=True)
    audience: Mapped[str] = mapped_column(String(200), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    ceiling: Mapped[str] = mapped_column(String(20), default="internal")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    items: Mapped[list[CourseItem]] = relationship(
        back_populates="pack",
        order_by="CourseItem.position",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )


class CourseItem(Base):
    """One entry in a pack. No unique (pack, position): reordering renumbers in one flush."""

    __tablename__ = "course_items"
    __table_args__ = (UniqueConstraint("pack_id", "entry_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    pack_id: Mapped[str] = mapped_column(
        ForeignKey("course_packs.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int]
    entry_id: Mapped[str] = mapped_column(ForeignKey("entries.id", ondelete="CASCADE"), index=True)
    trainer_note: Mapped[str] = mapped_column(Text, default="")

    pack: Mapped[CoursePack] = relationship(back_populates="items")
