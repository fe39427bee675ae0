"""Integrity checks of attachments, and the vacuum that leaves no erased row behind."""

from __future__ import annotations

import logging
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from expertise.blobstore import BlobStore
from expertise.errors import IntegrityError
from expertise.models import Attachment

log = logging.getLogger(__name__)


def orphan_blobs(session: Session, blobs: BlobStore, folder: Path) -> list[str]:
    known = {blobs.file_name(a) for a in session.scalars(select(Attachment.id))}
    present = {p.name for p in folder.glob("*") if p.is_file()} if folder.is_dir() else set()
    return sorted(present - known)


def remove_orphan_blobs(session: Session, blobs: BlobStore, folder: Path) -> int:
    """Delete blob files no record points at; the number removed.

    Run on open, under the hub lock, so no transaction is in flight: such a
    file is a blob written by a transaction that never committed (a process
    killed during an import) or one whose record a committed erasure dropped
    before the process could delete it. Either way nothing can reach it, and
    an erased person's data must not stay on disk, even encrypted.
    """
    orphans = orphan_blobs(session, blobs, folder)
    for name in orphans:
        (folder / name).unlink(missing_ok=True)
    if orphans:
        log.info("removed %d attachment files without a record", len(orphans))
    return len(orphans)


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
