"""Carrying out a merge plan in one transaction.

Like the Markdown import, references are resolved in a second pass, after
every new entry of the pack exists. Attachment blobs are written last, when
every value has been accepted, so a refused pack leaves no blob behind.
"""

from __future__ import annotations

import mimetypes
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from expertise.blobstore import BlobStore
from expertise.errors import UserError
from expertise.fieldspec import ref_fields
from expertise.models import Attachment, Entry, EntryOrigin, Theme
from expertise.packs.contents import PackContents, PackEntry
from expertise.packs.errors import BadPack, Cancelled
from expertise.packs.merge import ADD, BOTH, CONFLICT, MINE, THEIRS, UPDATE, MergePlan, PlanItem
from expertise.services.attachments import safe_file_name
from expertise.services.entries import apply_values, get_entry, new_entry, save_revision, split_refs

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

    @property
    def changed_ids(self) -> list[str]:
        return self.created + self.updated + self.copies


@dataclass
class _Staged:
    incoming: PackEntry
    entry: Entry
    mode: str  # CREATE, UPDATE or COPY


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

    def run(
        self, contents: PackContents, plan: MergePlan, resolutions: Mapping[str, str]
    ) -> Applied:
        by_id = {entry.id: entry for entry in contents.entries}
        staged = [
            s
            for item in plan.items
            if (s := self._stage(item, by_id[item.entry_id], resolutions.get(item.entry_id)))
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
    def _stage(self, item: PlanItem, incoming: PackEntry, choice: str | None) -> _Staged | None:
        if item.action == ADD:
            return _Staged(incoming, new_entry(incoming.kind, incoming.id), CREATE)
        if item.action == UPDATE or (item.action == CONFLICT and choice == THEIRS):
            return _Staged(incoming, get_entry(self._session, incoming.id), UPDATE)
        if item.action == CONFLICT and choice == BOTH:
            self._record_origin(incoming.id, incoming.revision, None)
            return _Staged(incoming, new_entry(incoming.kind), COPY)
        if item.action == CONFLICT and choice == MINE:
            self._record_origin(incoming.id, incoming.revision, None)
            self.applied.kept_mine.append(incoming.id)
        elif item.action == CONFLICT:
            self.applied.unresolved.append(incoming.id)
        else:
            if item.adopt:
                self._record_origin(incoming.id, incoming.revision, item.local_revision)
            self.applied.unchanged.append(incoming.id)
        return None

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
            self._record_origin(entry_id, staged.incoming.revision, staged.entry.revision)
            bucket = self.applied.created if staged.mode == CREATE else self.applied.updated
            if staged.mode == CREATE or changed:
                bucket.append(entry_id)
            else:
                self.applied.unchanged.append(entry_id)
        for attachment in staged.incoming.attachments:
            self._stage_attachment(entry_id, attachment.id, attachment.file_name, contents)

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

    def _record_origin(self, entry_id: str, remote: int, local: int | None) -> None:
        origin = self._session.get(EntryOrigin, entry_id)
        if origin is None:
            origin = EntryOrigin(entry_id=entry_id, publisher=self._fingerprint)
            self._session.add(origin)
        origin.publisher = self._fingerprint
        origin.remote_revision = remote
        origin.local_revision = local

    def _check_cancel(self) -> None:
        if self._cancel is not None and self._cancel():
            raise Cancelled("import cancelled")
