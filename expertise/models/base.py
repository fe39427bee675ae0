"""Declarative base of the models; the value sets come from expertise.fields (ARCHITECTURE §3)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

# The value sets live in the registry; they are re-exported here for the models' callers.
from expertise.fields import CLASSIFICATIONS, KINDS, LANGUAGES, STATUSES, classification_rank

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


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


__all__ = [
    "CLASSIFICATIONS",
    "KINDS",
    "LANGUAGES",
    "STATUSES",
    "Base",
    "classification_rank",
    "utcnow",
]
