"""Applying pulled items to the local hub, in the caller's one transaction (docs/TEAM.md).

Per item, against what this laptop last synced of that entry (`TeamItem`):

    same      the item this laptop holds already (its own push coming back)
    stale     an older revision stored before the one held here: skipped
    replayed  an older revision stored after it, or the held revision with
              other content: refused and reported, never applied
    create    new here; update: changed there and not here; delete: a deletion
              of an entry not changed here
    conflict  changed (or deleted) on both sides: their sealed item is kept in
              `TeamConflict` for the user (keep mine / take theirs / keep both,
              expertise/team/conflicts.py), and the entry stays as it is here

References are resolved in a second pass after every entry of the batch exists,
as a pack import does; a reference to an entry this laptop does not have (not
yet pulled, or above its clearance) is left out here. Entries new here are created
in one pass (fresh.py); entries updated here are written as a batch too: their
attachments, tags and themes read once for the batch (labels.py), their revisions
and wiki links saved together (`save_revisions`), not one flush and a dozen queries
each. What this laptop holds of each entry, and the checks against it: held.py.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session, with_polymorphic

from expertise.blobstore import BlobStore
from expertise.bulkimport.documents import Document, documents
from expertise.errors import UserError
from expertise.fields.rows import map_refs, rows_with_refs
from expertise.fieldspec import field_by_name
from expertise.models import Attachment, Entry, TeamConflict, TeamItem
from expertise.services import audit
from expertise.services.entries import (
    apply_values,
    delete_entry,
    new_entry,
    save_revisions,
    split_refs,
)
from expertise.services.values import apply_base, apply_fields
from expertise.team import refs
from expertise.team.changes import entry_content
from expertise.team.fresh import Fresh, create_many
from expertise.team.held import drop_conflicts, held_state, keep_conflict, record, record_created
from expertise.team.items import ItemContent, ItemRefused, SealedItem, content_hash
from expertise.team.labels import Labels, check_labels

Pulled = tuple[SealedItem, ItemContent]


@dataclass
class Refusal:
    item_id: str
    revision: int
    reason: str
    message: str


@dataclass
class ApplyResult:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)
    kinds: set[str] = field(default_factory=set)
    blobs_to_delete: list[str] = field(default_factory=list)
    dropped_references: int = 0
    documents: list[Document] = field(default_factory=list)  # of entries created in one pass

    def add(self, other: ApplyResult) -> None:
        for name in ("created", "updated", "deleted", "conflicts", "unchanged", "refused"):
            getattr(self, name).extend(getattr(other, name))
        self.kinds |= other.kinds
        self.dropped_references += other.dropped_references


def _last_of_each(batch: list[Pulled], result: ApplyResult) -> list[Pulled]:
    """One item per entry: a later revision in the same batch supersedes an earlier one."""
    last = {item.item_id: index for index, (item, _) in enumerate(batch)}
    for index, (item, _) in enumerate(batch):
        if last[item.item_id] != index:
            result.unchanged.append(item.item_id)
    return [pulled for index, pulled in enumerate(batch) if last[pulled[0].item_id] == index]


def _check(session: Session, kind: str, values: dict[str, object]) -> None:
    """UserError unless `values` fit `kind`, checked on a blank entry outside the session.
    References are resolved after the batch, so they are left out here; the rows of a rows
    field with reference columns are checked with those columns emptied (no kind requires
    one: a follow-up's author, an agenda item's bottleneck and parties)."""
    plain, ref_values = split_refs(kind, values)
    for name in rows_with_refs(kind):
        spec = field_by_name(kind, name)
        if spec is not None and name in ref_values:
            plain[name] = map_refs(spec, ref_values[name], lambda _id, _kind: False)
    blank = new_entry(kind)
    apply_base(blank, plain)
    check_labels(plain)
    apply_fields(session, blank, plain)


class Applier:
    """Applies one batch of verified items inside the caller's session."""

    def __init__(
        self,
        session: Session,
        blobs: BlobStore,
        actor: str,
        *,
        theirs: bool = False,
        track: bool = True,
        documents: Callable[[int], bool] | None = None,
    ) -> None:
        # theirs: the user chose their version (conflicts.py): applied over local edits.
        # track=False: a local copy (keep both), not an item this laptop holds.
        # documents(n): whether the search documents of n entries created in one pass are
        # wanted (a sync round feeding the index, expertise/team/indexing.py).
        self._theirs = theirs
        self._want_documents = documents
        self._track = track
        self._session = session
        self._blobs = blobs
        self._actor = actor
        self.result = ApplyResult()
        self._writes: list[tuple[SealedItem, ItemContent, Entry]] = []  # updates of entries here
        self._kinds: dict[str, str] = {}  # id -> kind of what the writes refer to
        self._fresh: list[Pulled] = []
        self._files: defaultdict[str, list[Attachment]] = defaultdict(list)  # rows here, by entry

    def run(self, batch: list[Pulled]) -> ApplyResult:
        ids = sorted({item.item_id for item, _ in batch})
        every_kind = with_polymorphic(Entry, "*")
        self._local = {
            e.id: e for e in self._session.scalars(select(every_kind).where(every_kind.id.in_(ids)))
        }
        self._synced = {
            r.entry_id: r
            for r in self._session.scalars(select(TeamItem).where(TeamItem.entry_id.in_(ids)))
        }
        self._waiting = set(
            self._session.scalars(
                select(TeamConflict.entry_id).where(TeamConflict.entry_id.in_(ids))
            )
        )
        self._files.clear()
        for row in self._session.scalars(select(Attachment).where(Attachment.entry_id.in_(ids))):
            self._files[row.entry_id].append(row)
        self._labels = Labels(self._session, [content for _, content in batch])
        for item, content in _last_of_each(batch, self.result):
            try:
                self._one(item, content)
            except ItemRefused as refused:
                self.result.refused.append(
                    Refusal(item.item_id, item.revision, refused.reason, str(refused))
                )
        self._create_fresh()
        self._session.flush()
        named = refs.load(self._session, self._referenced())
        self._kinds = {entry_id: entry.kind for entry_id, entry in named.items()}
        self._finish()
        if self.result.created or self.result.updated or self.result.deleted:
            audit.record(self._session, "team-pull", None, self._detail())
        return self.result

    # -- deciding ------------------------------------------------------------
    def _one(self, item: SealedItem, content: ItemContent) -> None:
        row = self._synced.get(item.item_id)
        held = held_state(row, item)
        if held is not None:
            self.result.unchanged.append(item.item_id)
            return
        local = self._local.get(item.item_id)
        edited = item.item_id in self._waiting or self._edited_here(row, local)
        if edited and not self._theirs:
            if self._same_as(local, content):
                self._adopt(item, content, local)
                return
            keep_conflict(self._session, item)
            self._waiting.add(item.item_id)
            self.result.conflicts.append(item.item_id)
            return
        if content.deleted:
            self._delete(item, content, local)
        elif local is None:
            self._refuse_unfit(item, content)  # one bad new entry must not stop the batch
            self._fresh.append((item, content))
        else:
            self._write(item, content, local)

    def _edited_here(self, row: TeamItem | None, local: Entry | None) -> bool:
        if row is None:
            return local is not None  # ours, never synced, and the team has one too
        if local is None:
            return row.content_hash is not None  # deleted here since the last sync
        return self._hash(local) != row.content_hash

    def _hash(self, entry: Entry) -> str:
        light = entry_content(entry, self._files[entry.id], None)
        return content_hash(light.values, light.attachments)

    def _same_as(self, local: Entry | None, content: ItemContent) -> bool:
        if local is None or content.deleted:
            return local is None and content.deleted
        return self._hash(local) == content_hash(content.values, content.attachments)

    def _adopt(self, item: SealedItem, content: ItemContent, local: Entry | None) -> None:
        """Both sides say the same thing (our own push whose record was lost, say):
        nothing to apply, only note the item."""
        rows = self._files[local.id] if local is not None else []
        self._synced[item.item_id] = record(self._session, item, content.kind, local, rows)
        self._waiting.discard(item.item_id)
        drop_conflicts(self._session, item.item_id)
        self.result.unchanged.append(item.item_id)

    # -- writing -------------------------------------------------------------
    def _delete(self, item: SealedItem, content: ItemContent, local: Entry | None) -> None:
        if local is not None:
            self.result.blobs_to_delete.extend(row.id for row in self._files.pop(local.id, []))
            delete_entry(self._session, local.id)
            audit.record(self._session, "delete", local.id, {"by": "team-sync"})
            self.result.deleted.append(local.id)
            self.result.kinds.add(content.kind)
            del self._local[local.id]
        self._synced[item.item_id] = record(self._session, item, content.kind, None, [])
        if self._theirs:
            drop_conflicts(self._session, item.item_id)

    def _refuse_unfit(self, item: SealedItem, content: ItemContent) -> None:
        """ItemRefused if a value of `content` does not fit its field here (a language, a date
        this hub refuses): checked before the batch's rows are written, so the rest of the
        batch goes in and the cursor moves past the refused item."""
        assert content.values is not None
        try:
            _check(self._session, content.kind, content.values)
        except UserError as error:
            raise ItemRefused(item.item_id, item.revision, "malformed", str(error)) from None

    def _write(self, item: SealedItem, content: ItemContent, entry: Entry) -> None:
        """An update of an entry this laptop has (new ones go through create_many)."""
        if entry.kind != content.kind:
            raise ItemRefused(item.item_id, item.revision, "malformed", "the entry's kind changed")
        # on a blank copy first: a refused item must leave nothing of itself here
        # (values set before the one that fails would otherwise be committed)
        self._refuse_unfit(item, content)
        assert content.values is not None
        plain, _ = split_refs(content.kind, content.values)
        # apply_values, with the batch's tags and themes looked up once (Labels)
        apply_base(entry, plain)
        self._labels.apply(entry, plain)
        apply_fields(self._session, entry, plain)
        self._local[entry.id] = entry
        self._writes.append((item, content, entry))

    def _create_fresh(self) -> None:
        """Entries new here, in one pass (fresh.py): a first sync brings thousands."""
        if not self._fresh:
            return
        fresh = create_many(self._session, [c for _, c in self._fresh], self._actor)
        self.result.dropped_references += fresh.dropped
        for (item, content), created in zip(self._fresh, fresh.made, strict=True):
            attached: list[Attachment] = []
            if content.attachments:
                attached, _ = self._attachments(created.entry_id, content)
            if self._track:
                record_created(self._session, item, created, attached)
            self.result.kinds.add(content.kind)
            self.result.created.append(created.entry_id)
        if self._want_documents is not None and self._want_documents(len(fresh.made)):
            self._documents(fresh)

    def _documents(self, fresh: Fresh) -> None:
        """The created entries' search documents, from the rows written (no read-back)."""
        with_files = [content.entry_id for _, content in self._fresh if content.attachments]
        rows = [created.rows for created in fresh.made]
        self.result.documents = documents(self._session, self._blobs, fresh.known, rows, with_files)

    def _finish(self) -> None:
        """References, revisions, attachments and records of the entries written, as a
        batch: one flush and one query per step for all of them, not several each."""
        with self._session.no_autoflush:  # flushed before: the references' targets are in
            for _, content, entry in self._writes:
                assert content.values is not None
                _, ref_values = split_refs(content.kind, content.values)
                kept, dropped = refs.known_in(self._kinds, content.kind, ref_values)
                self.result.dropped_references += dropped
                apply_values(self._session, entry, kept)
        entries = [entry for _, _, entry in self._writes]
        saved = save_revisions(self._session, entries, self._actor)
        for (item, content, entry), changed in zip(self._writes, saved, strict=True):
            attached, moved = self._attachments(entry.id, content)
            if self._track:
                self._synced[item.item_id] = record(
                    self._session, item, content.kind, entry, attached
                )
            if self._theirs:
                drop_conflicts(self._session, item.item_id)
            self.result.kinds.add(content.kind)
            (self.result.updated if changed or moved else self.result.unchanged).append(entry.id)

    def _referenced(self) -> set[str]:
        """Every id the references of the entries written name: looked up in one query."""
        found: set[str] = set()
        for _, content, _ in self._writes:
            assert content.values is not None
            found |= refs.referenced(content.kind, content.values)
        return found

    def _attachments(self, entry_id: str, content: ItemContent) -> tuple[list[Attachment], bool]:
        """Make the entry's attachments those of the item: the blob first, then the row."""
        rows = {r.id: r for r in self._files.pop(entry_id, [])}
        wanted = {a.id: a for a in content.attachments}
        moved = set(rows) != set(wanted)
        for gone in set(rows) - set(wanted):
            self._session.delete(rows.pop(gone))
            self.result.blobs_to_delete.append(gone)
        for attachment_id in sorted(set(wanted) - set(rows)):
            meta = wanted[attachment_id]
            if self._session.get(Attachment, attachment_id) is not None:
                continue  # the id belongs to another entry here: never moved silently
            self._blobs.put(attachment_id, content.blobs[attachment_id])
            row = Attachment(
                id=attachment_id,
                entry_id=entry_id,
                file_name=refs.safe_name(meta.file_name),
                media_type=refs.media_type(meta.file_name),
                size=meta.size,
            )
            self._session.add(row)
            rows[attachment_id] = row
        if moved:
            self._session.flush()  # a later entry's `get` above sees the rows added here
        return list(rows.values()), moved

    def _detail(self) -> dict[str, object]:
        r = self.result
        return {
            "created": len(r.created),
            "updated": len(r.updated),
            "deleted": len(r.deleted),
            "conflicts": list(r.conflicts),
        }
