"""Carrying out a merge plan in one transaction.

Like the Markdown import, references are resolved in a second pass, after
every new entry of the pack exists. Attachment blobs are written last, when
every value has been accepted, so a refused pack leaves no blob behind.
"""

from __future__ import annotations

import mimetypes
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from expertise.blobstore import BlobStore
from expertise.errors import UserError
from expertise.fields import rows
from expertise.fields.rows import rows_with_refs
from expertise.fieldspec import field_by_name, ref_fields
from expertise.models import Attachment, Entry, EntryOrigin, Theme
from expertise.packs.contents import PackContents, PackEntry
from expertise.packs.errors import BadPack, Cancelled
from expertise.packs.merge import (
    ADD,
    BOTH,
    CONFLICT,
    DELETED,
    MINE,
    THEIRS,
    UPDATE,
    Choices,
    MergePlan,
    PlanItem,
)
from expertise.services.attachments import safe_file_name
from expertise.services.entries import apply_values, get_entry, new_entry, save_revision, split_refs
from expertise.services.tombstones import forget

CREATE, COPY = "create", "copy"


@dataclass
class Applied:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    copies: list[str] = field(default_factory=list)
    kept_mine: list[str] = field(default_factory=list)
    unresolved: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    dropped_references: int = 0
    dropped_themes: int = 0
    deleted_skipped: list[str] = field(default_factory=list)
    restored: list[str] = field(default_factory=list)
    refused_downgrades: list[str] = field(default_factory=list)
    # (entry id, file name): dropped by the publisher and removed here too, or
    # dropped by the publisher but kept here because the entry changed here.
    attachments_removed: list[tuple[str, str]] = field(default_factory=list)
    attachments_kept: list[tuple[str, str]] = field(default_factory=list)
    # Blobs to delete once the transaction has committed (a crash before
    # leaves an orphan blob, never a row without its blob).
    blobs_to_delete: list[str] = field(default_factory=list)

    @property
    def changed_ids(self) -> list[str]:
        return self.created + self.updated + self.copies


@dataclass
class _Staged:
    incoming: PackEntry
    entry: Entry
    mode: str  # CREATE, UPDATE or COPY
    # Whether the entry was exactly as this publisher last sent it (origin kept).
    from_origin: bool = False


class Importer:
    def __init__(
        self,
        session: Session,
        blobs: BlobStore,
        publisher: tuple[str, str],
        actor: str,
        cancel: Callable[[], bool] | None = None,
    ) -> None:
        self._session = session
        self._blobs = blobs
        self._fingerprint, self._publisher_name = publisher
        self._actor = actor
        self._cancel = cancel
        self._pending_blobs: list[tuple[Attachment, bytes]] = []
        self.applied = Applied()

    def run(self, contents: PackContents, plan: MergePlan, choices: Choices) -> Applied:
        by_id = {entry.id: entry for entry in contents.entries}
        staged = [
            s for item in plan.items if (s := self._stage(item, by_id[item.entry_id], choices))
        ]
        for one in staged:
            self._apply(one, refs=False)
        self._session.flush()
        for one in staged:
            self._apply(one, refs=True)
            self._finish(one, contents)
        self._check_cancel()
        for row, data in self._pending_blobs:
            self._blobs.put(row.id, data)
            self._session.add(row)
        return self.applied

    # -- deciding ----------------------------------------------------------
    def _stage(self, item: PlanItem, incoming: PackEntry, choices: Choices) -> _Staged | None:
        choice = choices.resolutions.get(item.entry_id)
        if item.action == DELETED:
            if item.entry_id not in choices.restore:
                self.applied.deleted_skipped.append(item.entry_id)
                return None
            forget(self._session, item.entry_id)
            self.applied.restored.append(item.entry_id)
            return _Staged(incoming, new_entry(incoming.kind, incoming.id), CREATE)
        if item.action == ADD:
            return _Staged(incoming, new_entry(incoming.kind, incoming.id), CREATE)
        taking = item.action == UPDATE or (item.action == CONFLICT and choice == THEIRS)
        if taking and item.downgrade and item.entry_id not in choices.accept_downgrades:
            self.applied.refused_downgrades.append(item.entry_id)
            return None
        if taking:
            return _Staged(
                incoming, get_entry(self._session, incoming.id), UPDATE, item.action == UPDATE
            )
        if item.action == CONFLICT and choice in (MINE, BOTH):
            self._keep_local(incoming)
            if choice == MINE:
                self.applied.kept_mine.append(incoming.id)
                return None
            return _Staged(incoming, new_entry(incoming.kind), COPY)
        if item.action == CONFLICT:
            self.applied.unresolved.append(incoming.id)
        else:
            self.applied.unchanged.append(incoming.id)
        return None

    def _keep_local(self, incoming: PackEntry) -> None:
        """The user kept the local version: its origin stops taking silent updates.

        Only an origin this publisher already holds is touched; an entry of
        ours or of another publisher keeps its origin as it is.
        """
        origin = self._own_origin(incoming.id)
        if origin is not None:
            origin.remote_revision = incoming.revision
            origin.local_revision = None

    # -- writing -------------------------------------------------------------
    def _apply(self, staged: _Staged, refs: bool) -> None:
        self._check_cancel()
        plain, ref_values = split_refs(staged.incoming.kind, staged.incoming.values)
        values = self._known_refs(staged.incoming.kind, ref_values) if refs else plain
        if not refs:
            values["themes"] = self._known_themes(values.get("themes"))
            if staged.mode == COPY:
                suffix = f" ({self._publisher_name})"
                values["title"] = f"{staged.incoming.title[: 500 - len(suffix)]}{suffix}"
        if not refs and staged.mode != UPDATE:
            # Added only now: a row without its title must not be flushed by a query above.
            self._session.add(staged.entry)
        try:
            apply_values(self._session, staged.entry, values)
        except UserError as error:
            raise BadPack(f"entry {staged.incoming.id} in the pack: {error}") from None

    def _known_themes(self, value: object) -> list[str]:
        wanted = [str(key) for key in value] if isinstance(value, list) else []
        known = set(self._session.scalars(select(Theme.key).where(Theme.key.in_(wanted))))
        self.applied.dropped_themes += len(set(wanted) - known)
        return sorted(known)

    def _known_refs(self, kind: str, values: dict[str, object]) -> dict[str, object]:
        """Only references to entries that exist here (with the expected kind)."""
        kept: dict[str, object] = {}
        for spec in ref_fields(kind):
            if spec.name not in values:
                continue
            value = values[spec.name]
            items = value if isinstance(value, list) else [value]
            good = [v for v in items if v is None or self._exists(v, spec.ref_kind)]
            self.applied.dropped_references += len(items) - len(good)
            if spec.type == "reflist":
                kept[spec.name] = [str(v) for v in good if v is not None]
            elif good:
                kept[spec.name] = None if good[0] is None else str(good[0])
        for name in rows_with_refs(kind):
            if name in values:
                kept[name] = self._known_row_refs(kind, name, values[name])
        return kept

    def _known_row_refs(self, kind: str, name: str, value: object) -> list[dict[str, object]]:
        spec = field_by_name(kind, name)
        assert spec is not None
        before = len(rows.ref_ids(spec, value))
        kept = rows.map_refs(spec, value, self._exists)
        self.applied.dropped_references += before - len(rows.ref_ids(spec, kept))
        return kept

    def _exists(self, value: object, kind: str | None) -> bool:
        found = self._session.get(Entry, str(value))
        return found is not None and (kind is None or found.kind == kind)

    def _finish(self, staged: _Staged, contents: PackContents) -> None:
        changed = save_revision(self._session, staged.entry, self._actor)
        entry_id = staged.entry.id
        if staged.mode == COPY:
            self.applied.copies.append(entry_id)
        else:
            bucket = self.applied.created if staged.mode == CREATE else self.applied.updated
            if staged.mode == CREATE or changed:
                bucket.append(entry_id)
            else:
                self.applied.unchanged.append(entry_id)
        if staged.mode == UPDATE:
            self._dropped_upstream(staged)
        for attachment in staged.incoming.attachments:
            self._stage_attachment(entry_id, attachment.id, attachment.file_name, contents)
        if staged.mode != COPY:
            self._record_origin(staged)

    def _dropped_upstream(self, staged: _Staged) -> None:
        """Attachments this entry has here but the publisher's new revision no longer has."""
        entry_id = staged.entry.id
        rows = list(
            self._session.scalars(select(Attachment).where(Attachment.entry_id == entry_id))
        )
        shipped = {a.id for a in staged.incoming.attachments}
        origin = self._own_origin(entry_id)
        brought = set(origin.attachments or []) if origin is not None else set()
        untouched = staged.from_origin and {r.id for r in rows} == brought
        for row in rows:
            if row.id in shipped:
                continue
            if untouched and row.id in brought:
                self._session.delete(row)
                self.applied.blobs_to_delete.append(row.id)
                self.applied.attachments_removed.append((entry_id, row.file_name))
            elif origin is not None and (origin.attachments is None or row.id in brought):
                # Dropped upstream, but the entry changed here (or we cannot
                # tell what came from the publisher): listed, never silently kept.
                self.applied.attachments_kept.append((entry_id, row.file_name))

    def _stage_attachment(
        self, entry_id: str, attachment_id: str, file_name: str, contents: PackContents
    ) -> None:
        existing = self._session.get(Attachment, attachment_id)
        if existing is not None and existing.entry_id == entry_id:
            return  # attachments never change under one id: we have it already
        try:
            name = safe_file_name(file_name)
        except UserError:
            raise BadPack("an attachment in the pack has no usable file name") from None
        data = contents.blobs[attachment_id]
        row = Attachment(
            id=attachment_id if existing is None else str(uuid.uuid4()),
            entry_id=entry_id,
            file_name=name,
            # Guessed from the name as on any upload; the pack's own claim would
            # steer which text extractor the index runs on the bytes.
            media_type=mimetypes.guess_type(name)[0] or "application/octet-stream",
            size=len(data),
        )
        self._pending_blobs.append((row, data))

    def _own_origin(self, entry_id: str) -> EntryOrigin | None:
        origin = self._session.get(EntryOrigin, entry_id)
        return origin if origin is not None and origin.publisher == self._fingerprint else None

    def _record_origin(self, staged: _Staged) -> None:
        """A publisher becomes the origin of what it adds; it keeps what it already holds.

        "Take theirs" on an entry of ours or of another publisher takes the
        content only: the entry does not change hands.
        """
        entry_id = staged.entry.id
        origin = self._session.get(EntryOrigin, entry_id)
        if origin is None and staged.mode == CREATE:
            origin = EntryOrigin(entry_id=entry_id, publisher=self._fingerprint)
            self._session.add(origin)
        elif origin is None or origin.publisher != self._fingerprint:
            return
        origin.remote_revision = staged.incoming.revision
        origin.local_revision = staged.entry.revision
        origin.attachments = sorted(self._attachment_ids(entry_id, staged.incoming))

    def _attachment_ids(self, entry_id: str, incoming: PackEntry) -> set[str]:
        """Ids (here) of the attachments the publisher's version holds."""
        pending = {row.id for row, _ in self._pending_blobs if row.entry_id == entry_id}
        rows = self._session.scalars(select(Attachment.id).where(Attachment.entry_id == entry_id))
        shipped = {a.id for a in incoming.attachments}
        kept = {row for row in rows if row in shipped}
        # A shipped attachment whose id was taken here got a new id: count that one.
        renamed = {row for row in pending if row not in shipped}
        return kept | (pending & shipped) | renamed

    def _check_cancel(self) -> None:
        if self._cancel is not None and self._cancel():
            raise Cancelled("import cancelled")
