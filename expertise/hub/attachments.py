"""`AttachmentFacade` (``hub.attachments``): files attached to entries, kept encrypted
in the hub's attachment store (docs/SECURITY.md)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from expertise.hub.core import HubCore
from expertise.hub.entries import entry_change
from expertise.records import AttachmentRecord
from expertise.services import attachments, audit


class AttachmentFacade:
    def __init__(self, hub: HubCore) -> None:
        self._hub = hub
        self._work = hub.session

    def add(
        self, entry_id: str, source: Path | str, *, data: bytes | None = None
    ) -> AttachmentRecord:
        """Attach the file at `source` (or `data` under its name) to the entry."""
        path = Path(source)
        content = data if data is not None else path.read_bytes()
        blobs = self._hub.blobs

        def action(session: Session) -> AttachmentRecord:
            row = attachments.add_attachment(session, blobs, entry_id, path.name, content)
            return attachments.to_record(row)

        return self._work.write(action, lambda r: entry_change([entry_id], []))

    def list(self, entry_id: str) -> list[AttachmentRecord]:
        return self._work.read(lambda s: attachments.list_attachments(s, entry_id))

    def save_copy(self, attachment_id: str, target: Path | str) -> Path:
        """Decrypt one attachment to `target` (audited: it leaves the hub)."""
        blobs = self._hub.blobs

        def action(session: Session) -> Path:
            audit.record(session, "attachment-copy", attachment_id)
            return attachments.save_copy(session, blobs, attachment_id, Path(target))

        return self._work.read(action)

    def remove(self, attachment_id: str) -> None:
        blobs = self._hub.blobs

        def action(session: Session) -> str:
            return attachments.remove_attachment(session, blobs, attachment_id)

        self._work.write(action, lambda entry_id: entry_change([entry_id], []))
