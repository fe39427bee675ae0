"""Declarative base and the value sets of the data model (ARCHITECTURE §3)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

KINDS = ("advice", "innovation", "practice", "expert", "organisation")
CLASSIFICATIONS = ("public", "internal", "confidential")
LANGUAGES = ("nl", "en")
STATUSES = ("draft", "current", "superseded")

# Stable constraint names keep Alembic batch migrations on SQLite predictable.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def classification_rank(level: str) -> int:
    return CLASSIFICATIONS.index(level)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
