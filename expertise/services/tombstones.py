"""Tombstones: the ids of entries deleted here, so no knowledge pack revives them unasked."""

from __future__ import annotations

from sqlalchemy.orm import Session

from expertise.models import EntryTombstone, utcnow


def remember(session: Session, entry_id: str) -> None:
    row = session.get(EntryTombstone, entry_id)
    if row is None:
        session.add(EntryTombstone(entry_id=entry_id, deleted_at=utcnow()))
    else:
        row.deleted_at = utcnow()


def forget(session: Session, entry_id: str) -> None:
    row = session.get(EntryTombstone, entry_id)
    if row is not None:
        session.delete(row)


def was_deleted(session: Session, entry_id: str) -> bool:
    return session.get(EntryTombstone, entry_id) is not None
