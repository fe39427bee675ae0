"""One sync round: push local changes, pull the server's since the cursor (docs/TEAM.md).

Push: each changed entry becomes an item at revision = held + 1 on top of the
held one; when the server already has that revision someone pushed first, and
the pull that follows brings theirs as a conflict. Each pushed batch is noted
locally (`TeamItem`) after the server committed it; if that note is lost, the
same content coming back is recognised and adopted, never a conflict.

Pull: items with seq > cursor in batches, in seq order (the server's order,
never a laptop's clock). Each batch is verified and decrypted first, then
applied in one local transaction that also moves the cursor, so an interrupted
round resumes where it stopped: nothing lost, nothing applied twice. Refused
items are reported and audited, and the cursor moves past them. With `index` given
(the hub's facade gives it), the search index is not told batch by batch: a big pull feeds
it the documents of the entries it creates as they are committed, and the rest of what the
round changed is caught up once at its end, also when it is interrupted
(expertise/team/indexing.py).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Protocol

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from expertise.blobstore import BlobStore
from expertise.hub.work import UnitOfWork
from expertise.models import TeamConfig, TeamConflict, TeamItem
from expertise.records import Change
from expertise.services import audit
from expertise.team import changes
from expertise.team.apply import Applier, ApplyResult, Pulled, Refusal
from expertise.team.indexing import RoundIndex
from expertise.team.items import (
    ItemContent,
    ItemKeys,
    ItemRefused,
    SealedItem,
    open_item,
    seal_item,
    verify_held,
)

PULL_BATCH = 500
PUSH_BATCH = 200
CURSOR_KEY = "pull_cursor"  # rows of team_config
LAST_KEY = "last_sync"
Progress = Callable[[str, int, int], None]
Cancel = Callable[[], bool]
log = logging.getLogger(__name__)


# (item, its seq or None when the revision was taken, kind, content hash, local revision,
# attachment ids): what a pushed batch leaves to note locally.
Pushed = tuple[SealedItem, int | None, str, str | None, int | None, list[str]]


class ItemServer(Protocol):
    """The server's items table as sync sees it (expertise/team/server/items.py)."""

    def push(self, items: list[SealedItem]) -> list[int | None]:
        """Store each item; its seq, or None when that revision exists already."""
        ...

    def pull(self, after: int, limit: int) -> list[SealedItem]:
        """Items with seq > after, in seq order, at most `limit` (RLS: only our levels)."""
        ...

    def remaining(self, after: int) -> int:
        """How many items `pull` would still give after `after`."""
        ...


class SyncCancelled(Exception):
    """The user cancelled; what was committed stays, the next round resumes."""


@dataclass
class SyncReport:
    pushed: int = 0
    push_conflicts: int = 0  # pushes that found the revision taken (then pulled)
    held_back: list[str] = field(default_factory=list)  # above this member's clearance
    pulled: int = 0
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)
    dropped_references: int = 0
    cursor: int = 0
    open_conflicts: int = 0
    finished_at: str = ""

    def as_dict(self) -> dict[str, object]:
        data = dict(vars(self))
        data["refused"] = [vars(r) for r in self.refused]
        return data


@dataclass
class SyncRound:
    work: UnitOfWork
    blobs: BlobStore
    server: ItemServer
    keys: ItemKeys
    progress: Progress | None = None
    cancel: Cancel | None = None
    index: RoundIndex | None = None  # None: the index follows each pulled batch
    report: SyncReport = field(default_factory=SyncReport)

    def run(self) -> SyncReport:
        self.work.require_writable()
        self._push()
        try:
            self._pull()
        except BaseException:
            self._index_quietly()
            raise
        self._index()
        self.report.finished_at = datetime.now(UTC).isoformat(timespec="seconds")
        self.work.read(self._finish)
        return self.report

    def _index(self) -> None:
        if self.index is not None:
            self.index.end()

    def _index_quietly(self) -> None:
        """What the interrupted round committed, indexed; a failure here must not hide why
        the round stopped (the index then stays behind and the next open rebuilds it)."""
        try:
            self._index()
        except Exception as error:
            log.error("search index catch-up after an interrupted round failed: %s",
                      type(error).__name__)

    def _check_cancel(self) -> None:
        if self.cancel is not None and self.cancel():
            raise SyncCancelled("sync cancelled")

    def _step(self, phase: str, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress(phase, done, total)

    # -- push ----------------------------------------------------------------
    def _push(self) -> None:
        scan = self.work.read(changes.scan)
        total = len(scan.changed) + len(scan.deleted)
        for start in range(0, len(scan.changed), PUSH_BATCH):
            self._check_cancel()
            self._push_entries(scan.changed[start : start + PUSH_BATCH])
            self._step("push", min(start + PUSH_BATCH, total), total)
        for start in range(0, len(scan.deleted), PUSH_BATCH):
            self._check_cancel()
            self._push_deletions(scan.deleted[start : start + PUSH_BATCH])
        self._step("push", total, total)

    def _push_entries(self, ids: list[str]) -> None:
        with self.work.reading() as session:
            outgoing, _ = changes.outgoing(session, self.blobs, ids)
        outgoing = [
            out for out in outgoing if self._cleared(out.content.level, out.content.entry_id)
        ]
        sealed = [
            seal_item(
                out.content,
                (out.base_revision or 0) + 1,
                out.base_revision,
                self.keys.current_epoch(out.content.level),
                self.keys,
            )
            for out in outgoing
        ]
        seqs = self.server.push(sealed) if sealed else []

        pushed: list[Pushed] = [
            (item, seq, out.content.kind, out.content_hash, out.local_revision, out.attachment_ids)
            for out, item, seq in zip(outgoing, sealed, seqs, strict=True)
        ]
        self.work.read(lambda session: self._note(session, pushed))

    def _cleared(self, level: int, entry_id: str) -> bool:
        """An entry above this member's clearance stays on this laptop (reported)."""
        try:
            self.keys.current_epoch(level)
        except KeyError:
            self.report.held_back.append(entry_id)
            return False
        return True

    def _note(self, session: Session, pushed: list[Pushed]) -> None:
        """What the server now holds for each entry: the content as it was pushed (an
        edit made meanwhile differs from it, so the next round pushes that too)."""
        ids = [item.item_id for item, *_ in pushed]
        rows = {
            r.entry_id: r
            for r in session.scalars(select(TeamItem).where(TeamItem.entry_id.in_(ids)))
        }
        for item, seq, kind, digest, local_revision, attached in pushed:
            if seq is None:
                self.report.push_conflicts += 1
                continue
            row = rows.get(item.item_id)
            if row is None:
                row = TeamItem(entry_id=item.item_id)
                session.add(row)
            row.kind, row.level, row.pushed = kind, item.level, True
            row.item_revision, row.item_digest, row.item_seq = item.revision, item.digest, seq
            row.content_hash, row.local_revision = digest, local_revision
            row.attachment_ids = list(attached)
            self.report.pushed += 1

    def _push_deletions(self, gone: list[changes.Deletion]) -> None:
        gone = [d for d in gone if self._cleared(d.level, d.entry_id)]
        sealed = [
            seal_item(
                ItemContent(d.entry_id, d.kind, None),
                d.base_revision + 1,
                d.base_revision,
                self.keys.current_epoch(d.level),
                self.keys,
                level=d.level,
            )
            for d in gone
        ]
        seqs = self.server.push(sealed) if sealed else []

        pushed: list[Pushed] = [
            (item, seq, d.kind, None, None, [])
            for d, item, seq in zip(gone, sealed, seqs, strict=True)
        ]
        self.work.read(lambda session: self._note(session, pushed))

    # -- pull ----------------------------------------------------------------
    def _pull(self) -> None:
        cursor = self.work.read(cursor_of)
        while True:
            self._check_cancel()
            batch = self.server.pull(cursor, PULL_BATCH)
            if not batch:
                break
            opened, refused = self._open(batch)
            cursor = self._apply(opened, refused, batch[-1].seq or cursor)
            self.report.pulled += len(batch)
            self._step("pull", self.report.pulled, 0)
        self.report.cursor = cursor

    def _open(self, batch: list[SealedItem]) -> tuple[list[Pulled], list[Refusal]]:
        """Verified and decrypted items; an item this laptop holds already (its own push
        coming back: same revision, same ciphertext) is only verified, never parsed again."""
        held = self.work.read(lambda session: _held(session, [i.item_id for i in batch]))
        opened: list[Pulled] = []
        refused: list[Refusal] = []
        for item in batch:
            try:
                if held.get(item.item_id) == (item.revision, item.digest):
                    verify_held(item, self.keys)
                    continue
                opened.append((item, open_item(item, self.keys)))
            except ItemRefused as error:
                refused.append(Refusal(item.item_id, item.revision, error.reason, str(error)))
        return opened, refused

    def _apply(self, opened: list[Pulled], refused: list[Refusal], cursor: int) -> int:
        wants = self.index.wants if self.index is not None else None
        with self.work.writing() as work:
            applier = Applier(work.session, self.blobs, audit.current_actor(), documents=wants)
            result = applier.run(opened)
            result.refused[:0] = refused
            for refusal in result.refused:
                audit.record(
                    work.session,
                    "team-refused",
                    refusal.item_id,
                    {"revision": refusal.revision, "reason": refusal.reason},
                )
            set_cursor(work.session, cursor)
            touched = frozenset(result.created + result.updated)
            change = Change(touched, frozenset(result.kinds), frozenset(result.deleted), "team")
            if self.index is None and (touched or result.deleted):
                work.changed(change)
        if self.index is not None and (touched or result.deleted):
            # only now, committed, may the created entries' documents reach the index
            self.index.applied(
                touched, result.deleted, result.documents, lambda: self.server.remaining(cursor)
            )
            with self.work.committed():
                self.work.announce(change, index=False)
        for blob_id in result.blobs_to_delete:
            self.blobs.delete(blob_id)
        self._count(result)
        return cursor

    def _count(self, result: ApplyResult) -> None:
        r = self.report
        r.created += result.created
        r.updated += result.updated
        r.deleted += result.deleted
        r.conflicts += result.conflicts
        r.refused += result.refused
        r.dropped_references += result.dropped_references

    def _finish(self, session: Session) -> None:
        self.report.open_conflicts = int(
            session.scalar(select(func.count(func.distinct(TeamConflict.entry_id)))) or 0
        )
        summary = {
            "finished_at": self.report.finished_at,
            "pushed": self.report.pushed,
            "pulled": self.report.pulled,
            "conflicts": self.report.open_conflicts,
            "refused": len(self.report.refused),
        }
        _put(session, LAST_KEY, json.dumps(summary))


def _put(session: Session, key: str, value: str) -> None:
    row = session.get(TeamConfig, key)
    if row is None:
        session.add(TeamConfig(key=key, value=value))
    else:
        row.value = value


def _held(session: Session, ids: list[str]) -> dict[str, tuple[int, str | None]]:
    """entry id -> (revision, digest) of the item this laptop holds, for `ids`."""
    query = select(TeamItem.entry_id, TeamItem.item_revision, TeamItem.item_digest)
    rows = session.execute(query.where(TeamItem.entry_id.in_(ids)))
    return {entry_id: (revision, digest) for entry_id, revision, digest in rows}


def cursor_of(session: Session) -> int:
    row = session.get(TeamConfig, CURSOR_KEY)
    return int(row.value) if row is not None else 0


def set_cursor(session: Session, cursor: int) -> None:
    _put(session, CURSOR_KEY, str(cursor))


def last_sync(session: Session) -> dict[str, object] | None:
    row = session.get(TeamConfig, LAST_KEY)
    return json.loads(row.value) if row is not None else None
