"""SearchIndex: the one class that owns Whoosh (ARCHITECTURE §11.7).

Threads: one writer at a time (``_wlock``: update, rebuild, optimize, clear)
while searches run against the last committed state under ``_rlock``, which
is held only briefly by writers to swap in a fresh searcher.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence, Sized
from pathlib import Path
from typing import Any

from index.config import IndexConfig
from index.engine.lexicons import Lexicons
from index.engine.scoring import warm
from index.engine.segcache import ColumnCache
from index.engine.source import Searcher
from index.query.compounds import expand_query
from index.query.parser import QueryParser, clean
from index.query.tree import Node
from index.query.vocab import Vocabulary
from index.schema import to_document
from index.search import hits
from index.search.experts import rank_experts
from index.search.flow import run_search
from index.search.stored import StoredCache
from index.storage import layout
from index.storage.encrypted import EncryptedStorage
from index.storage.layout import SCHEMA
from index.storage.sidecar import Sidecars
from index.types import Cipher, ExpertHit, IndexCorrupt, SearchResults, TitleHit
from index.whoosh_internals import committed_segments, merge_policy
from index.write import bulkadd, rebuild

log = logging.getLogger(__name__)

UPDATE_LIMITMB = 32
REBUILD_LIMITMB = 32  # measured: 256 MB pools cost 250 MB more RSS for ~5% speed
_BROWSE = frozenset({"", "*"})
# metadata known only once a bulk add's documents have ended; None keeps the current one
LateMeta = Callable[[], Mapping[str, object] | None]


class SearchIndex:
    def __init__(
        self,
        folder: Path,
        cipher: Cipher,
        *,
        synonyms: Mapping[str, Sequence[str]] | None = None,
        config: IndexConfig | None = None,
    ) -> None:
        self._folder = Path(folder)
        self._cipher = cipher
        self.config = config or IndexConfig()
        self._parser = QueryParser(SCHEMA, synonyms, self.config.value_aliases)
        self._wlock = threading.Lock()
        self._rlock = threading.RLock()
        self._vocab = Vocabulary()
        self._stored = StoredCache()
        self._closed = False
        try:
            self._storage = EncryptedStorage(self._folder, cipher)
            self._storage.load()
            self.columns = ColumnCache(Sidecars(self._storage), Lexicons(self._storage))
            self._ix, self._meta = layout.open_index(self._storage)
            self._searcher = self._ix.searcher()
        except IndexCorrupt as exc:
            log.warning("search index rejected: %s", exc)
            raise

    # -- helpers -----------------------------------------------------------------
    def _check_open(self) -> None:
        if self._closed:
            raise RuntimeError("search index is closed")

    def _refresh(self) -> None:
        # Not Searcher.refresh(): whoosh-reloaded 2.7.5 keeps the replaced
        # segments in the reused reader (deleted and merged documents come back
        # as duplicates) and fails on an empty reader.
        with self._rlock:
            old, self._searcher = self._searcher, self._ix.searcher()
            old.close()
            self._storage.purge()  # files merged away: no searcher reads them now
            # pay for reading new segments' columns here, in the writer's
            # thread, rather than in the next keystroke's search
            warm(self.columns, self._searcher)
            self._vocab.expander(self._searcher.reader(), self.columns.sidecars.vocabulary)
            self.columns.lexicons.view(self._searcher.reader())

    def _forget_words(self) -> None:
        """After deletions: no word of a deleted document stays in RAM (erase-person)."""
        self._vocab.reset()
        self.columns.lexicons.reset()

    def _drop_caches(self) -> None:
        """Forget everything read from the old index before a rebuild's swap warms the new one.

        Every segment is new after a rebuild, so nothing cached stays useful;
        held until the warm-up, it came on top of the new columns at the
        100k reindex's peak. Searches after the swap (they wait for ``_rlock``)
        read what they need again.
        """
        self._vocab.reset()
        self._stored.clear()
        self.columns.reset()
        self._storage.chunk_cache.clear()
        rebuild.release_memory()

    def _commit(self, writer: Any, meta: Mapping[str, object] | None, **kwargs: Any) -> None:
        """Commit ``writer``; its generation's metadata is written just before the TOC."""
        name = layout.meta_name(writer.generation)
        record = self._meta if meta is None else meta
        try:
            self._storage.write_file(name, layout.encode_meta(record))
            writer.commit(**kwargs)
        except BaseException:
            if not writer.is_closed:
                writer.cancel()
            self._storage.delete_file(name)
            raise
        self._meta = dict(record)
        layout.drop_other_meta(self._storage, name)

    # -- writing -----------------------------------------------------------------
    def set_synonyms(self, synonyms: Mapping[str, Sequence[str]]) -> None:
        parser = QueryParser(SCHEMA, synonyms, self.config.value_aliases)
        with self._rlock:
            self._parser = parser

    def update(
        self,
        docs: Iterable[Mapping[str, object]] = (),
        delete_ids: Iterable[str] = (),
        meta: Mapping[str, object] | None = None,
    ) -> None:
        """Upsert ``docs`` by id and delete ``delete_ids`` in one commit.

        Deleting purges the affected segments, so deleted text leaves the
        lexicon and stored fields at once (erase-person).
        """
        # a bad record fails before any write
        prepared = [to_document(d, self.config) for d in docs]
        deletes = [str(i) for i in delete_ids]
        with self._wlock:
            self._check_open()
            writer = self._ix.writer(limitmb=UPDATE_LIMITMB)
            try:
                for doc_id in deletes:
                    writer.delete_by_term("id", doc_id)
                for doc in prepared:
                    writer.update_document(**doc)
            except BaseException:
                writer.cancel()
                raise
            self._commit(writer, meta, mergetype=merge_policy(purge=bool(deletes)))
            if deletes:
                self._forget_words()
            self._refresh()

    def rebuild(
        self,
        docs: Iterable[Mapping[str, object]],
        *,
        total: int | None = None,
        progress: Callable[[int, int], None] | None = None,
        cancel: Callable[[], bool] | None = None,
        meta: Mapping[str, object] | None = None,
    ) -> bool:
        """Build a fresh index beside the live one, then swap it in; False if cancelled.

        ``progress(done, total)`` gets ``total`` 0 when it is unknown.
        """
        with self._wlock:
            self._check_open()
            started = time.perf_counter()
            # finished segments are sealed to <index>/.rebuild/ (index.write.staging)
            staging = rebuild.stage(self._folder, self._cipher)
            workers = rebuild.workers_beside(self._searcher.doc_count())
            try:
                # searches go on from this index meanwhile, with smaller posting caches
                with self.columns.lean():
                    built = rebuild.build(
                        staging,
                        self._ix.latest_generation() + 1,
                        docs,
                        total=total or 0,
                        progress=progress,
                        cancel=cancel,
                        meta=meta or {},
                        limitmb=REBUILD_LIMITMB,
                        config=self.config,
                        workers=workers,
                    )
                if built is None:
                    return False
                # every staged chunk authenticated before searches have to wait
                checked = self._storage.check_staged(staging.sealed)
                with self._rlock:
                    self._storage.adopt(staging, checked)
                    self._ix = layout.attach(self._storage)
                    self._meta = dict(meta or {})
                    self._drop_caches()
                    self._refresh()
            finally:
                staging.discard()  # cancel, failure: drop what was sealed; else a no-op
            log.info(
                "search index rebuilt: %d docs in %.1f s", built, time.perf_counter() - started
            )
            return True

    def add_many(
        self,
        docs: Iterable[Mapping[str, object]],
        *,
        total: int | None = None,
        progress: Callable[[int, int], None] | None = None,
        cancel: Callable[[], bool] | None = None,
        meta: Mapping[str, object] | LateMeta | None = None,
    ) -> int | None:
        """Add many documents in one commit (a bulk import); the number added, None if cancelled.

        A document whose id is already indexed replaces the old version.
        ``docs`` is streamed; with ``total`` (or a sized ``docs``) large enough,
        analysis runs in worker processes (index/write/workers.py). Searches
        answer from the previous state until the commit; a cancel or an error
        leaves the index as it was. ``meta`` may be a function, asked once the
        documents have ended (a caller that learns what to record only then);
        None, given or returned, keeps the current metadata.
        """
        if total is None:
            total = len(docs) if isinstance(docs, Sized) else 0
        record: dict[str, object] = {}

        def final() -> Mapping[str, object]:
            given = meta() if callable(meta) else meta
            record.update(self._meta if given is None else given)
            return record

        with self._wlock:
            self._check_open()
            outcome = bulkadd.add(
                self._storage,
                self._ix,
                docs,
                total=total,
                progress=progress,
                cancel=cancel,
                meta=final,
                config=self.config,
            )
            if outcome is None:
                return None
            self._meta = record
            if outcome[1]:
                self._forget_words()
            self._refresh()
            return outcome[0]

    def optimize(self) -> None:
        """Merge all segments into one; a no-op when that is already the case."""
        with self._wlock:
            self._check_open()
            segments = committed_segments(self._ix)
            if len(segments) <= 1 and not any(s.has_deletions() for s in segments):
                return
            self._commit(self._ix.writer(limitmb=UPDATE_LIMITMB), None, optimize=True)
            self._refresh()

    def purge(self) -> None:
        """Rewrite only the segments holding deleted documents: their old text leaves
        the files, without optimize's rewrite of everything (at 100k, ~18 minutes)."""
        with self._wlock:
            self._check_open()
            if any(s.has_deletions() for s in committed_segments(self._ix)):
                writer = self._ix.writer(limitmb=UPDATE_LIMITMB)
                self._commit(writer, None, mergetype=merge_policy(purge=True))
                self._forget_words()
                self._refresh()

    def clear(self) -> None:
        """Delete every index file; the object stays usable with an empty index."""
        with self._wlock, self._rlock:
            self._check_open()
            self._searcher.close()
            self._storage.wipe()
            self._storage.persist = False  # an empty index need not touch the disk
            try:
                self._ix = layout.create(self._storage)
            finally:
                self._storage.persist = True
            self._meta = {}
            self._vocab.reset()
            self.columns.reset()
            self._searcher = self._ix.searcher()

    def close(self) -> None:
        with self._wlock, self._rlock:
            if self._closed:
                return
            self._closed = True
            self._searcher.close()
            self._storage.release()
            self._stored.clear()
            self._vocab.reset()
            self.columns.reset()
            del self._cipher

    # -- reading -----------------------------------------------------------------
    def meta(self) -> dict[str, object]:
        return dict(self._meta)

    def damage(self) -> str | None:
        """Why a file failed authentication after opening (searches then miss), or None.

        Files are authenticated on open and every chunk again when read; the
        caller rebuilds when this says so.
        """
        return self._storage.damage

    def doc_count(self) -> int:
        with self._rlock:
            self._check_open()
            return int(self._searcher.doc_count())

    def search(
        self,
        query: str,
        *,
        kind: str | None = None,
        filters: Mapping[str, str] | None = None,
        limit: int = 20,
        page: int = 1,
        sort: str = "relevance",
        max_classification: str | None = None,
    ) -> SearchResults:
        """Never raises on query syntax; see index.search.flow for the steps."""
        limit, page = max(1, min(limit, 500)), max(1, page)
        mask = hits.restriction(kind, filters, max_classification, self.config)
        with self._rlock:
            self._check_open()
            return run_search(self, query, mask, limit, page, sort)

    def suggest_titles(
        self,
        prefix: str,
        limit: int = 10,
        *,
        kind: str | None = None,
        max_classification: str | None = None,
    ) -> list[TitleHit]:
        mask = hits.restriction(kind, None, max_classification, self.config)
        with self._rlock:
            self._check_open()
            return hits.title_hits(self._searcher, self.columns, self, prefix, limit, mask)

    def find_experts(
        self, topic: str, limit: int = 10, *, max_classification: str | None = None
    ) -> list[ExpertHit]:
        allowed = None
        if max_classification is not None:
            allowed = self.config.allowed_levels(max_classification)
        with self._rlock:
            self._check_open()
            q, _error = self._parser.parse(topic, relaxed=True)
            if q is None:
                return []
            q = self.expand(q)
            return rank_experts(
                self._searcher,
                self.columns,
                q,
                clean(topic),
                max(1, limit),
                allowed,
                self.config.work_kinds,
            )

    # -- used by search_flow (under _rlock) ---------------------------------------
    def stored_fields(self, docnum: int) -> dict[str, Any]:
        """A document's stored fields in the current searcher (index/search/stored.py)."""
        return self._stored.get(self._searcher, docnum)

    def snippet(
        self, docnum: int, stems: frozenset[str], lang: str, make: Callable[[], str]
    ) -> str:
        """``make()``, kept for the current searcher with the record (index/search/stored.py)."""
        return self._stored.snippet(self._searcher, docnum, stems, lang, make)

    @property
    def parser(self) -> QueryParser:
        return self._parser

    @property
    def searcher(self) -> Searcher:
        return self._searcher

    def expand(self, q: Node) -> Node:
        expander = self._vocab.expander(self._searcher.reader(), self.columns.sidecars.vocabulary)
        return expand_query(q, expander.expand)

    @staticmethod
    def browse(text: str) -> bool:
        return clean(text) in _BROWSE
