"""What this laptop has to push: entries changed since their last sync, new ones, deletions.

The scan asks the database for the entries whose revision moved since their sync (or
that have attachments, whose ids are compared here), so an idle round reads no row per
entry; only entries whose local revision or attachments moved since their sync are
loaded and hashed, and an edit that was undone (same content, new revision) is
recognised by its hash.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import String, case, literal_column, select, type_coerce
from sqlalchemy.orm import Session, with_polymorphic

from expertise.blobstore import BlobStore
from expertise.db import in_chunks
from expertise.fields import named_kinds
from expertise.models import Attachment, Entry, TeamConflict, TeamItem
from expertise.packs.contents import PackAttachment
from expertise.services.convert import snapshot
from expertise.team.items import ItemContent, content_hash

BATCH = 200
_BOOKKEEPING = ("id", "kind")


@dataclass(frozen=True)
class Deletion:
    entry_id: str
    kind: str
    level: int
    base_revision: int


@dataclass
class Scan:
    """Entry ids that may differ from their synced item, and entries deleted here."""

    changed: list[str] = field(default_factory=list)
    deleted: list[Deletion] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.changed and not self.deleted


@dataclass(frozen=True)
class Outgoing:
    """One entry as it would be pushed, with what to record once the server has it."""

    content: ItemContent
    base_revision: int | None  # None: new on the server
    content_hash: str
    local_revision: int
    attachment_ids: list[str]


def attachment_ids(
    session: Session, entry_ids: Iterable[str] | None = None
) -> dict[str, list[str]]:
    query = select(Attachment.entry_id, Attachment.id)
    if entry_ids is not None:
        query = query.where(Attachment.entry_id.in_(list(entry_ids)))
    found: dict[str, list[str]] = defaultdict(list)
    for entry_id, attachment_id in session.execute(query):
        found[entry_id].append(attachment_id)
    return {entry_id: sorted(ids) for entry_id, ids in found.items()}


def scan(session: Session) -> Scan:
    """Candidates for a push; entries in an open conflict wait for the user's choice.

    The database picks them: an entry never synced, or whose revision moved since, and any
    entry with attachments here or at its sync (their ids are compared here, few rows); an
    idle round at 100k entries reads no row per entry."""
    # People and organisations first, then by age: a teammate's first pull then meets the
    # entries others refer to before the references (a reference to an entry not there
    # yet is left out on their side).
    named = case((Entry.kind.in_(named_kinds()), 0), else_=1)
    held_files = type_coerce(TeamItem.attachment_ids, String)
    moved = (
        TeamItem.entry_id.is_(None)
        | TeamItem.content_hash.is_(None)
        | TeamItem.local_revision.is_(None)
        | (TeamItem.local_revision != Entry.revision)
    )
    has_files = Entry.id.in_(select(Attachment.entry_id)) | (
        held_files.is_not(None) & (held_files != "[]")
    )
    query = (
        select(Entry.id, moved.label("moved"), TeamItem.attachment_ids)
        .outerjoin(TeamItem, TeamItem.entry_id == Entry.id)
        .where(moved | has_files)
        .where(Entry.id.not_in(select(TeamConflict.entry_id)))
        # entries saved at once (an import) share a creation time: then the order they were
        # written in (rowid; the sync scan index holds it too), not the index's id order
        .order_by(named, Entry.created_at, literal_column("entries.rowid"))
    )
    rows = session.execute(query).all()
    attached = attachment_ids(session, [row.id for row in rows if not row.moved])
    result = Scan()
    for row in rows:
        if row.moved or list(row.attachment_ids or []) != attached.get(row.id, []):
            result.changed.append(row.id)
    gone = (
        select(TeamItem.entry_id, TeamItem.kind, TeamItem.level, TeamItem.item_revision)
        .outerjoin(Entry, Entry.id == TeamItem.entry_id)
        .where(Entry.id.is_(None), TeamItem.content_hash.is_not(None))
        .where(TeamItem.entry_id.not_in(select(TeamConflict.entry_id)))
    )
    for entry_id, kind, level, revision in session.execute(gone):
        result.deleted.append(Deletion(entry_id, kind, level, revision))
    return result


def entry_content(entry: Entry, rows: list[Attachment], blobs: BlobStore | None) -> ItemContent:
    """An entry as an item: its snapshot (the revision format) and its attachments."""
    return snapshot_content(entry.id, entry.kind, snapshot(entry), rows, blobs)


def snapshot_content(
    entry_id: str,
    kind: str,
    values: dict[str, object],
    rows: list[Attachment],
    blobs: BlobStore | None,
) -> ItemContent:
    """An entry given by its snapshot (a bulk-written entry has no ORM object) as an item."""
    values = {k: v for k, v in values.items() if k not in _BOOKKEEPING}
    attachments = tuple(
        PackAttachment(r.id, r.file_name, r.media_type, r.size) for r in sorted(rows, key=_by_id)
    )
    data = {r.id: blobs.get(r.id) for r in rows} if blobs is not None else {}
    return ItemContent(entry_id, kind, values, attachments, data)


def _by_id(row: Attachment) -> str:
    return row.id


def outgoing(
    session: Session, blobs: BlobStore, ids: list[str]
) -> tuple[list[Outgoing], list[TeamItem]]:
    """The changed entries among `ids` as items to push, and the synced rows that only
    need their local revision noted (content equal to the synced item's)."""
    every_kind = with_polymorphic(Entry, "*")
    pushing: list[Outgoing] = []
    unchanged: list[TeamItem] = []
    for chunk in in_chunks(ids, BATCH):
        synced = {
            r.entry_id: r
            for r in session.scalars(select(TeamItem).where(TeamItem.entry_id.in_(chunk)))
        }
        rows: dict[str, list[Attachment]] = defaultdict(list)
        for attachment in session.scalars(select(Attachment).where(Attachment.entry_id.in_(chunk))):
            rows[attachment.entry_id].append(attachment)
        for entry in session.scalars(select(every_kind).where(every_kind.id.in_(chunk))):
            light = entry_content(entry, rows[entry.id], None)
            digest = content_hash(light.values, light.attachments)
            attached = sorted(r.id for r in rows[entry.id])
            held = synced.get(entry.id)
            if held is not None and held.content_hash == digest:
                held.local_revision, held.attachment_ids = entry.revision, attached
                unchanged.append(held)
                continue
            content = entry_content(entry, rows[entry.id], blobs)
            base = held.item_revision if held is not None else None
            pushing.append(Outgoing(content, base, digest, entry.revision, attached))
    # The scan's order (people and organisations first), not the database's: the server's
    # seq order is what a teammate's pull meets, and a reference to an entry that comes
    # in a later pulled batch would be left out.
    order = {entry_id: n for n, entry_id in enumerate(ids)}
    pushing.sort(key=lambda out: order[out.content.entry_id])
    return pushing, unchanged
