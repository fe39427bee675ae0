"""Integrity checks of attachments, and the vacuum that leaves no erased row behind."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from expertise.blobstore import BlobStore
from expertise.errors import IntegrityError
from expertise.models import Attachment


def orphan_blobs(session: Session, blobs: BlobStore, folder: Path) -> list[str]:
    known = {blobs.file_name(a) for a in session.scalars(select(Attachment.id))}
    present = {p.name for p in folder.glob("*") if p.is_file()} if folder.is_dir() else set()
    return sorted(present - known)


def attachment_problems(session: Session, blobs: BlobStore) -> list[str]:
    return blobs.verify(list(session.scalars(select(Attachment.id))))


def vacuum(engine: Engine) -> None:
    """Rewrite the file so erased rows leave no trace in free pages or the WAL."""
    raw = engine.raw_connection()
    try:
        connection = raw.driver_connection
        if connection is None:
            raise IntegrityError("database connection lost")
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.execute("VACUUM")
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        raw.close()
