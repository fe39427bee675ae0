"""Keeps the encrypted search index following the database (ARCHITECTURE §5).

Writes are applied on one background worker so the caller (often the UI)
never waits for Whoosh; the index is derived data, so anything doubtful is
rebuilt from the database rather than trusted.
"""

from __future__ import annotations

import logging
import shutil
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker, with_polymorphic

from expertise.blobstore import BlobStore
from expertise.crypto import AeadCipher, Secret
from expertise.db import session_scope
from expertise.errors import HubError
from expertise.fields.search import index_config
from expertise.models import Entry, SynonymGroup
from expertise.redact import describe
from expertise.services.documents import build_document, load_context
from expertise.services.entries import change_counter, count_entries
from index import IndexBuildFailed, IndexCorrupt, SearchIndex
from index.core import LateMeta

log = logging.getLogger(__name__)
BATCH = 500


@contextmanager
def _build_failure() -> Iterator[None]:
    """A failed bulk build (a worker process died) as a one-line error for the user."""
    try:
        yield
    except IndexBuildFailed as error:
        raise HubError(f"{error}; the search index was left as it was") from None


class IndexSync:
    def __init__(
        self,
        folder: Path,
        key: Secret,
        sessions: sessionmaker[Session],
        blobs: BlobStore,
        *,
        run_async: bool,
    ) -> None:
        self._folder = folder
        self._cipher = AeadCipher(key)
        self._sessions = sessions
        self._blobs = blobs
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="index")
        self._run_async = run_async
        self._pending: list[Future[None]] = []
        self._guard = threading.Lock()
        self._index: SearchIndex | None = None
        self.last_rebuild_reason = ""
        self.limited = False  # read-only hub whose index is missing or behind
        self._read_only = False
        self._repairing = False

    @property
    def index(self) -> SearchIndex:
        if self._index is None:
            raise RuntimeError("index not started")
        return self._index

    def start(self, *, read_only: bool = False) -> None:
        if read_only:
            self._start_read_only()
            return
        self._index = self._open_or_reset()
        self._index.set_synonyms(self.synonyms())
        reason = self.staleness()
        if reason:
            self.last_rebuild_reason = reason
            log.info("search index will be rebuilt: %s", reason)
            self._submit(lambda: self.rebuild())

    def _start_read_only(self) -> None:
        """Use the index as it is when it matches the database; never repair it."""
        self._read_only = True
        try:
            self._index = SearchIndex(self._folder, self._cipher, config=index_config())
            self._index.set_synonyms(self.synonyms())
            reason = self.staleness()
        except (IndexCorrupt, OSError) as error:
            reason = f"index cannot be opened ({type(error).__name__})"
        self.limited = bool(reason)
        if reason:
            log.info("read-only hub: search falls back to a plain scan (%s)", reason)

    def _open_or_reset(self) -> SearchIndex:
        try:
            return SearchIndex(self._folder, self._cipher, config=index_config())
        except IndexCorrupt as error:
            # Never trust an index that fails authentication: drop it and rebuild.
            self.last_rebuild_reason = f"index unreadable ({error})"
            log.warning("search index unreadable, rebuilding: %s", error)
            shutil.rmtree(self._folder, ignore_errors=True)
            return SearchIndex(self._folder, self._cipher, config=index_config())

    def repair_if_damaged(self) -> None:
        """Rebuild (once) when an index file failed authentication after opening.

        Files are checked whole on open; a chunk changed on disk later is caught
        when read, and the searches that read it miss its entries until then.
        """
        reason = self._index.damage() if self._index is not None else None
        if not reason or self._repairing:
            return
        log.warning("search index damaged, rebuilding: %s", reason)
        if self._read_only:
            self.limited = True  # nothing can be rebuilt here: plain scan from now on
            return
        self._repairing = True
        self.last_rebuild_reason = f"index damaged ({reason})"
        self._submit(self._repair)

    def _repair(self) -> None:
        try:
            self.rebuild()
        finally:
            self._repairing = False

    def doc_count(self) -> int:
        return self._index.doc_count() if self._index is not None else 0

    def staleness(self) -> str:
        """Why the index does not match the database, or '' when it does."""
        if self._index is None:
            return "no usable index"
        with session_scope(self._sessions) as session:
            seq, total = change_counter(session), count_entries(session)
        meta = self.index.meta()
        if meta.get("change_seq") != seq:
            return f"index at change {meta.get('change_seq')}, database at {seq}"
        if self.index.doc_count() != total:
            return f"index holds {self.index.doc_count()} entries, database {total}"
        return ""

    def synonyms(self) -> dict[str, list[str]]:
        with session_scope(self._sessions) as session:
            groups = [list(group) for group in session.scalars(select(SynonymGroup.terms))]
        mapping: dict[str, list[str]] = {}
        for terms in groups:
            for term in terms:
                mapping.setdefault(term.lower(), []).extend(t for t in terms if t != term)
        return mapping

    def refresh_synonyms(self) -> None:
        self.index.set_synonyms(self.synonyms())

    def schedule(self, entry_ids: Iterable[str], deleted_ids: Iterable[str]) -> None:
        ids, deleted = list(entry_ids), list(deleted_ids)
        self._submit(lambda: self._apply(ids, deleted))

    def _submit(self, job: Callable[[], object]) -> None:
        if not self._run_async:
            job()
            return
        with self._guard:
            self._pending = [f for f in self._pending if not f.done()]
            self._pending.append(self._worker.submit(self._guarded, job))

    @staticmethod
    def _guarded(job: Callable[[], object]) -> None:
        try:
            job()
        except Exception as error:  # a failed update must not kill the worker; next open repairs
            log.error("search index update failed: %s", describe(error))

    def _apply(self, entry_ids: list[str], deleted_ids: list[str]) -> None:
        # The counter first: a write committed while the documents are read makes the
        # index look behind (rebuilt on the next open), never ahead of what it holds.
        with session_scope(self._sessions) as session:
            seq = change_counter(session)
        # One query per batch (`_documents`), not one polymorphic `session.get` per entry.
        docs = list(self._documents(entry_ids))
        found = {doc["id"] for doc in docs}
        gone = deleted_ids + [i for i in entry_ids if i not in found]
        self.index.update(docs, gone, meta={"change_seq": seq})

    def rebuild(
        self,
        progress: Callable[[int, int], None] | None = None,
        cancel: Callable[[], bool] | None = None,
    ) -> bool:
        with session_scope(self._sessions) as session:
            total, seq = count_entries(session), change_counter(session)
        with _build_failure():
            return self.index.rebuild(
                self._all_documents(),
                total=total,
                progress=progress,
                cancel=cancel,
                meta={"change_seq": seq},
            )

    def bulk_add(
        self,
        docs: Iterable[Mapping[str, object]],
        *,
        total: int | None = None,
        progress: Callable[[int, int], None] | None = None,
        cancel: Callable[[], bool] | None = None,
        seq: int | Callable[[], int | None] | None = None,
    ) -> int | None:
        """Index many documents in one commit (a bulk import); the number added, None if cancelled.

        The streaming bulk path: ``docs`` are plain documents as
        ``build_document`` makes them, for entries already committed to the
        database; an id already indexed is replaced. Big batches are analysed
        in worker processes. Call it after the database commit and instead of
        the per-entry update that commit would schedule. ``seq``: the change
        counter the index catches up with, when the caller knows it (an import
        feeding documents before its commit, expertise/bulkimport/feed.py), or
        a function asked once the documents have ended (a sync round feeding
        them batch by batch; None from it keeps the counter the index had).
        """
        self.wait()
        if seq is None:
            with session_scope(self._sessions) as session:
                seq = change_counter(session)
        with _build_failure():
            return self.index.add_many(
                docs, total=total, progress=progress, cancel=cancel, meta=_counter_meta(seq)
            )

    def add_entries(
        self,
        entry_ids: Iterable[str],
        progress: Callable[[int, int], None] | None = None,
        cancel: Callable[[], bool] | None = None,
    ) -> int | None:
        """``bulk_add`` of committed entries read back from the database by id."""
        ids = list(entry_ids)
        return self.bulk_add(self._documents(ids), total=len(ids), progress=progress, cancel=cancel)

    def _all_documents(self) -> Iterator[dict[str, object]]:
        with session_scope(self._sessions) as session:
            ids = list(session.scalars(select(Entry.id).order_by(Entry.id)))
        return self._documents(ids)

    def _documents(self, ids: list[str]) -> Iterator[dict[str, object]]:
        with session_scope(self._sessions) as session:
            context = load_context(session)
        # One query per batch with every kind's columns joined in (and tags and
        # themes by selectin): loading entry by entry cost ~7 ms each.
        every_kind = with_polymorphic(Entry, "*")
        for start in range(0, len(ids), BATCH):
            batch = ids[start : start + BATCH]
            with session_scope(self._sessions) as session:
                query = select(every_kind).where(every_kind.id.in_(batch)).order_by(every_kind.id)
                for entry in session.scalars(query):
                    yield build_document(session, entry, self._blobs, context)

    def wait(self, timeout: float | None = None) -> None:
        with self._guard:
            pending = list(self._pending)
        for future in pending:
            future.result(timeout)

    def close(self) -> None:
        self._worker.shutdown(wait=True, cancel_futures=False)
        if self._index is not None:
            self._index.close()
            self._index = None
        self._cipher.wipe()


def _counter_meta(seq: int | Callable[[], int | None]) -> LateMeta:
    def meta() -> dict[str, object] | None:
        found = seq() if callable(seq) else seq
        return None if found is None else {"change_seq": found}

    return meta
