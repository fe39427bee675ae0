"""What this laptop holds of each team entry (`TeamItem`), and the checks a pulled item
meets against it (docs/TEAM.md): the same item again, a stale one, or a replay.

Their items that conflict with local edits are kept sealed in `TeamConflict`.
"""

from __future__ import annotations

from sqlalchemy import delete
from sqlalchemy.orm import Session

from expertise.models import Attachment, Entry, TeamConflict, TeamItem
from expertise.team.changes import entry_content, snapshot_content
from expertise.team.fresh import Created
from expertise.team.items import REPLAYED, ItemContent, ItemRefused, SealedItem, content_hash


def record(
    session: Session,
    item: SealedItem,
    kind: str,
    entry: Entry | None,
    attached: list[Attachment],
    pushed: bool = False,
    new: bool = False,
) -> TeamItem:
    """Note that this laptop holds `item` for the entry, as the entry now stands here
    (`new`: the caller knows there is no row yet)."""
    row = None if new else session.get(TeamItem, item.item_id)
    if row is None:
        row = TeamItem(entry_id=item.item_id)
        session.add(row)
    row.kind, row.level, row.pushed = kind, item.level, pushed
    row.item_revision, row.item_digest, row.item_seq = item.revision, item.digest, item.seq
    if entry is None:
        row.content_hash, row.local_revision, row.attachment_ids = None, None, []
    else:
        light = entry_content(entry, attached, None)
        _held(row, light, entry.revision)
    return row


def _held(row: TeamItem, light: ItemContent, revision: int) -> None:
    row.content_hash = content_hash(light.values, light.attachments)
    row.local_revision = revision
    row.attachment_ids = sorted(a.id for a in light.attachments)


def record_created(
    session: Session, item: SealedItem, made: Created, attached: list[Attachment]
) -> None:
    """`record` of an entry `create_many` wrote (revision 1; no ORM object to read)."""
    row = TeamItem(entry_id=item.item_id, kind=made.kind, level=item.level, pushed=False)
    row.item_revision, row.item_digest, row.item_seq = item.revision, item.digest, item.seq
    light = snapshot_content(made.entry_id, made.kind, made.snapshot, attached, None)
    _held(row, light, 1)
    session.add(row)


def keep_conflict(session: Session, item: SealedItem) -> None:
    """Their item, kept as it came for the user's choice (the newest one per entry)."""
    drop_conflicts(session, item.item_id)
    session.add(
        TeamConflict(
            entry_id=item.item_id,
            their_revision=item.revision,
            their_payload_sealed=item.to_bytes(),
        )
    )


def drop_conflicts(session: Session, entry_id: str) -> None:
    session.execute(delete(TeamConflict).where(TeamConflict.entry_id == entry_id))


def held_state(row: TeamItem | None, item: SealedItem) -> str | None:
    """'same', 'stale', or None (new to us); ItemRefused for a replay."""
    if row is None:
        return None
    if item.revision == row.item_revision:
        if item.digest == row.item_digest:
            return "same"
        raise ItemRefused(
            item.item_id, item.revision, REPLAYED, "the revision held here, with other content"
        )
    if item.revision < row.item_revision:
        if row.item_seq is not None and item.seq is not None and item.seq > row.item_seq:
            raise ItemRefused(
                item.item_id,
                item.revision,
                REPLAYED,
                f"an older revision than the one held here ({row.item_revision}), stored after it",
            )
        return "stale"
    return None
