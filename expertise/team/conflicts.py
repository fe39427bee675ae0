"""Conflicts of a sync, listed for the user and resolved as a pack import's are (docs/TEAM.md).

    mine    keep this laptop's version: it is pushed on top of theirs next round
            (a deletion here is pushed as a deletion)
    theirs  take their version (or their deletion) over the local edits
    both    keep mine under its id and add theirs as a new entry (a copy, pushed
            as a new item); their deletion against an edit here is "mine"

Their item is kept sealed and is verified and decrypted again when listed or
resolved, so a conflict row cannot be edited into something its author never signed.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from expertise.blobstore import BlobStore
from expertise.errors import UserError
from expertise.models import Entry, TeamConflict, TeamItem
from expertise.packs.contents import PackAttachment
from expertise.packs.merge import BOTH, MINE, RESOLUTIONS, THEIRS
from expertise.team.apply import Applier, ApplyResult
from expertise.team.held import drop_conflicts
from expertise.team.items import ItemContent, ItemKeys, SealedItem, open_item

__all__ = ["BOTH", "MINE", "RESOLUTIONS", "THEIRS", "ConflictRecord", "listed", "resolve"]


@dataclass(frozen=True)
class ConflictRecord:
    entry_id: str
    kind: str
    title_here: str | None  # None: deleted here
    title_theirs: str | None  # None: deleted there
    their_revision: int
    author_id: str
    detected_at: datetime


def _latest(session: Session, entry_id: str) -> TeamConflict | None:
    query = (
        select(TeamConflict)
        .where(TeamConflict.entry_id == entry_id)
        .order_by(TeamConflict.their_revision.desc())
    )
    return session.scalars(query).first()


def listed(session: Session, keys: ItemKeys) -> list[ConflictRecord]:
    found: list[ConflictRecord] = []
    ids = sorted(set(session.scalars(select(TeamConflict.entry_id))))
    for entry_id in ids:
        row = _latest(session, entry_id)
        assert row is not None
        item = SealedItem.from_bytes(row.their_payload_sealed)
        theirs = open_item(item, keys)
        local = session.get(Entry, entry_id)
        title = str(theirs.values.get("title") or "") if theirs.values is not None else None
        found.append(
            ConflictRecord(
                entry_id,
                theirs.kind,
                local.title if local is not None else None,
                title,
                item.revision,
                item.author_id,
                row.detected_at,
            )
        )
    return found


def resolve(
    session: Session, blobs: BlobStore, keys: ItemKeys, actor: str, entry_id: str, choice: str
) -> ApplyResult:
    """Carry out the user's choice inside the caller's (writing) session."""
    if choice not in RESOLUTIONS:
        raise UserError(f"resolution must be one of {', '.join(RESOLUTIONS)}, not {choice!r}")
    row = _latest(session, entry_id)
    if row is None:
        raise UserError(f"entry {entry_id[:40]!r} has no open team conflict")
    item = SealedItem.from_bytes(row.their_payload_sealed)
    theirs = open_item(item, keys)
    if choice == THEIRS:
        return Applier(session, blobs, actor, theirs=True).run([(item, theirs)])
    result = ApplyResult()
    if choice == BOTH and not theirs.deleted:
        result = _copy(session, blobs, actor, theirs, item.author_id)
    _keep_mine(session, item, theirs)
    return result


def _keep_mine(session: Session, item: SealedItem, theirs: ItemContent) -> None:
    """Hold their item as the base, keeping the local content: the next push goes on top."""
    row = session.get(TeamItem, item.item_id)
    if row is None:
        row = TeamItem(entry_id=item.item_id, content_hash=None, local_revision=None)
        session.add(row)
    row.kind, row.level = theirs.kind, item.level
    row.item_revision, row.item_digest, row.item_seq = item.revision, item.digest, item.seq
    if row.content_hash is None and session.get(Entry, item.item_id) is not None:
        row.content_hash = ""  # never the hash of any content: the entry is pushed
    drop_conflicts(session, item.item_id)


def _copy(
    session: Session, blobs: BlobStore, actor: str, theirs: ItemContent, author: str
) -> ApplyResult:
    """Their version as a new entry of this laptop (new ids), pushed as a new item."""
    assert theirs.values is not None
    new_ids = {a.id: str(uuid.uuid4()) for a in theirs.attachments}
    values = dict(theirs.values)
    suffix = f" (team {author[:8]})"
    values["title"] = f"{str(values.get('title') or '')[: 500 - len(suffix)]}{suffix}"
    copy = ItemContent(
        str(uuid.uuid4()),
        theirs.kind,
        values,
        tuple(
            PackAttachment(new_ids[a.id], a.file_name, a.media_type, a.size)
            for a in theirs.attachments
        ),
        {new_ids[k]: v for k, v in theirs.blobs.items()},
    )
    applier = Applier(session, blobs, actor, track=False)
    return applier.run([(SealedItem(copy.entry_id, 1, None, 0, 0, author, b"", b""), copy)])
