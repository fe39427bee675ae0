"""Attachments: metadata in the database, content as encrypted blobs."""

from __future__ import annotations

import mimetypes
import uuid
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from expertise.atomic import atomic_write_bytes
from expertise.blobstore import BlobStore
from expertise.errors import UserError
from expertise.models import Attachment
from expertise.records import AttachmentRecord
from expertise.services.entries import bump_change_counter, get_entry

MAX_ATTACHMENT = 200 * 1024 * 1024


def to_record(row: Attachment) -> AttachmentRecord:
    return AttachmentRecord(
        row.id, row.entry_id, row.file_name, row.media_type, row.size, row.added_at
    )


def safe_file_name(name: str) -> str:
    base = Path(name.replace("\\", "/")).name.strip()
    if not base or base in (".", ".."):
        raise UserError("attachment needs a file name")
    return base[:255]


def add_attachment(
    session: Session, blobs: BlobStore, entry_id: str, file_name: str, data: bytes
) -> Attachment:
    get_entry(session, entry_id)
    if len(data) > MAX_ATTACHMENT:
        raise UserError("attachment larger than 200 MB")
    name = safe_file_name(file_name)
    media_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    row = Attachment(
        id=str(uuid.uuid4()),
        entry_id=entry_id,
        file_name=name,
        media_type=media_type,
        size=len(data),
    )
    # Blob first: a crash between the two leaves an orphan blob (harmless,
    # reported by check), never a row pointing at nothing.
    blobs.put(row.id, data)
    session.add(row)
    bump_change_counter(session)
    return row


def get_attachment(session: Session, attachment_id: str) -> Attachment:
    row = session.get(Attachment, attachment_id)
    if row is None:
        raise UserError(f"no attachment with id {attachment_id[:40]!r}")
    return row


def list_attachments(session: Session, entry_id: str) -> list[AttachmentRecord]:
    rows = session.scalars(
        select(Attachment).where(Attachment.entry_id == entry_id).order_by(Attachment.file_name)
    )
    return [to_record(row) for row in rows]


def save_copy(session: Session, blobs: BlobStore, attachment_id: str, target: Path) -> Path:
    """The only way plaintext of an attachment leaves the hub: to a path the user chose."""
    row = get_attachment(session, attachment_id)
    destination = target / row.file_name if target.is_dir() else target
    atomic_write_bytes(destination, blobs.get(row.id))
    return destination


def remove_attachment(session: Session, blobs: BlobStore, attachment_id: str) -> str:
    row = get_attachment(session, attachment_id)
    entry_id = row.entry_id
    session.delete(row)
    session.flush()
    blobs.delete(attachment_id)
    bump_change_counter(session)
    return entry_id
