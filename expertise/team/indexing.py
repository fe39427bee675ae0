"""The search index after a pull: caught up once per round, not followed batch by batch.

A first sync applies thousands of entries in batches of 500; following each committed batch
with the index (load every entry, analyse it, commit a segment) cost two thirds of a pull.
The round collects what it changed and hands it here at its end, or when it is interrupted:
a few entries go to the index worker as any edit does; many take the bulk import's one
decision (`expertise.bulkimport.searchable`): added in big batches, or the index rebuilt
beside the live one (worker processes over pipes) when they are most of the hub. A process
killed between a batch and this catch-up leaves the index behind the database's change
counter, and the next open rebuilds it (`IndexSync.staleness`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy.orm import Session, sessionmaker

from expertise.blobstore import BlobStore
from expertise.bulkimport.searchable import make_searchable
from expertise.services.indexing import IndexSync

FOLLOW = 200  # up to this many changed entries the index worker takes them as any edit


@dataclass
class Pulled:
    """Entries a round created or changed, and entries it deleted (the last word wins)."""

    touched: set[str] = field(default_factory=set)
    deleted: set[str] = field(default_factory=set)

    def add(self, touched: Iterable[str], deleted: Iterable[str]) -> None:
        for entry_id in touched:
            self.touched.add(entry_id)
            self.deleted.discard(entry_id)
        for entry_id in deleted:
            self.deleted.add(entry_id)
            self.touched.discard(entry_id)

    def __bool__(self) -> bool:
        return bool(self.touched or self.deleted)


def catch_up(
    service: IndexSync, sessions: sessionmaker[Session], blobs: BlobStore, pulled: Pulled
) -> str:
    """Bring the index up to what was pulled: 'none', 'follow', 'add' or 'rebuild'."""
    if not pulled:
        return "none"
    touched, deleted = sorted(pulled.touched), sorted(pulled.deleted)
    if len(touched) <= FOLLOW:
        service.schedule(touched, deleted)
        return "follow"
    service.wait()  # the worker's queue first: its jobs were committed before these
    how = make_searchable(service, sessions, blobs, touched)
    if deleted and how != "rebuild":
        service.schedule((), deleted)
    return how
