"""The search index during a pull: fed while a big pull applies, caught up once at its end.

A first sync applies thousands of entries in batches of 500; following each committed batch
with the index (load every entry, analyse it, commit a segment) cost two thirds of a pull.
Instead `RoundIndex` hears of each committed batch (`applied`):

- A batch that creates many entries (more than `FOLLOW`) starts the bulk import's index feed
  (`expertise.bulkimport.feed`): the documents of the entries it created, made from the rows
  just written (`bulkimport.documents`, no read-back), go to a staged bulk add analysed in
  worker processes while the next batches are applied, so on two cores applying and
  analysing overlap. Later batches' new entries are fed too. Only committed entries are fed.
- At the end of the round (`end`, also when it is interrupted) the feed's segments are
  committed; they record the database's change counter only when they hold everything the
  round changed. What the feed does not hold (updates, deletions, entries changed again
  after they were fed, or all of it when the feed failed) is caught up the old way
  (`catch_up`): a few entries go to the index worker as any edit does; many take the bulk
  import's one decision (`expertise.bulkimport.searchable`).

A process killed before `end` leaves the index behind the database's change counter (staged
segments are never committed), and the next open rebuilds it (`IndexSync.staleness`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from sqlalchemy.orm import Session, sessionmaker

from expertise.blobstore import BlobStore
from expertise.bulkimport.documents import Document
from expertise.bulkimport.feed import IndexFeed
from expertise.bulkimport.searchable import make_searchable
from expertise.db import session_scope
from expertise.hub.work import UnitOfWork
from expertise.services.entries import change_counter
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


class RoundIndex:
    """What one sync round does to the search index (see the module's doc)."""

    def __init__(self, work: UnitOfWork, service: IndexSync, blobs: BlobStore) -> None:
        self._work = work
        self._service = service
        self._blobs = blobs
        self.pulled = Pulled()
        self._feed: IndexFeed | None = None
        self._fed: set[str] = set()  # ids whose fed document is their state now

    def wants(self, created: int) -> bool:
        """Whether the documents of a batch creating `created` entries are to be fed."""
        return self._feed is not None or created > FOLLOW

    def applied(
        self,
        touched: Iterable[str],
        deleted: Iterable[str],
        docs: list[Document],
        coming: Callable[[], int],
    ) -> None:
        """A committed batch: what it changed, and the documents of entries it created
        (`coming()`: how many items are still to pull, asked when the feed starts)."""
        touched, deleted = list(touched), list(deleted)
        self.pulled.add(touched, deleted)
        self._fed.difference_update(touched)
        self._fed.difference_update(deleted)
        if not docs:
            return
        if self._feed is None:
            self._feed = IndexFeed(self._service, len(docs) + coming(), None)
        self._feed.send(docs)
        self._fed.update(str(doc["id"]) for doc in docs)

    def end(self) -> str:
        """Bring the index up to what the round committed: 'none', 'fed', 'follow', 'add' or
        'rebuild' (the last step taken)."""
        with self._work.committed():
            rest = Pulled(self.pulled.touched - self._fed, set(self.pulled.deleted))
            how = "none"
            if self._feed is not None and self._adopt(complete=not rest):
                how = "fed"
            else:
                rest = self.pulled
            self.pulled, self._fed = Pulled(), set()
            done = catch_up(self._service, self._work.sessions, self._blobs, rest)
            return how if done == "none" else done

    def _adopt(self, complete: bool) -> bool:
        """The fed segments committed; with the change counter when they hold all of it."""
        feed, self._feed = self._feed, None
        assert feed is not None
        if complete:
            with session_scope(self._work.sessions) as session:
                feed.expected_seq = change_counter(session)
        return feed.finish(adopt=True)

    def discard(self) -> None:
        """Drop what was fed, uncommitted (a process that dies does no more)."""
        if self._feed is not None:
            self._feed.finish(adopt=False)
            self._feed = None


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
