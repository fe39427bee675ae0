"""Integrity check, erasure of a person's data and vacuum."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, delete, or_, select
from sqlalchemy.orm import Session

from expertise.blobstore import BlobStore
from expertise.errors import IntegrityError, UserError
from expertise.fieldspec import ref_fields
from expertise.models import Attachment, Entry, Link, Revision
from expertise.records import EraseReport
from expertise.services.entries import delete_entry


def orphan_blobs(session: Session, blobs: BlobStore, folder: Path) -> list[str]:
    known = {blobs.file_name(a) for a in session.scalars(select(Attachment.id))}
    present = {p.name for p in folder.glob("*") if p.is_file()} if folder.is_dir() else set()
    return sorted(present - known)


def attachment_problems(session: Session, blobs: BlobStore) -> list[str]:
    return blobs.verify(list(session.scalars(select(Attachment.id))))


def _scrub_revisions(session: Session, person_id: str) -> int:
    """Other entries' history may name the person as author/owner/lead: clear it."""
    cleared = 0
    for revision in session.scalars(select(Revision).where(Revision.entry_id != person_id)):
        snapshot = dict(revision.snapshot)
        names = [f.name for f in ref_fields(str(snapshot.get("kind", "advice")))]
        hits = [name for name in names if snapshot.get(name) == person_id]
        if hits:
            for name in hits:
                snapshot[name] = None
            revision.snapshot = snapshot
            cleared += len(hits)
    return cleared


def _mentions(session: Session, name: str, person_id: str) -> list[str]:
    query = select(Entry.id).where(Entry.id != person_id, Entry.body_md.contains(name))
    return list(session.scalars(query))


def erase_person(session: Session, blobs: BlobStore, person_id: str) -> EraseReport:
    person = session.get(Entry, person_id)
    if person is None or person.kind != "expert":
        raise UserError(f"no expert with id {person_id[:40]!r}")
    report = EraseReport(expert_id=person_id)
    report.revisions_removed = len(
        list(session.scalars(select(Revision.id).where(Revision.entry_id == person_id)))
    )
    report.references_cleared = _scrub_revisions(session, person_id)
    report.mentioned_in = _mentions(session, person.title, person_id)
    session.execute(
        delete(Link).where(or_(Link.target_id == person_id, Link.source_id == person_id))
    )
    for attachment in list(
        session.scalars(select(Attachment).where(Attachment.entry_id == person_id))
    ):
        blobs.delete(attachment.id)
        session.delete(attachment)
    delete_entry(session, person_id)
    return report


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
