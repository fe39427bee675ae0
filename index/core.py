"""SearchIndex: the one class that owns Whoosh (DESIGN §11.7).

Threads: one writer at a time (``_wlock``: update, rebuild, optimize, clear)
while searches run against the last committed state under ``_rlock``, which
is held only briefly by writers to swap in a fresh searcher.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from whoosh import query
from whoosh.index import TOC, FileIndex, clean_files
from whoosh.reading import SegmentReader
from whoosh.writing import MERGE_SMALL

from index import searching
from index.analysis import EDGE_MAX, words
from index.compounds import expand_query
from index.experts import rank_experts
from index.queries import QueryParser, clean
from index.schema import SCHEMA_VERSION, build_schema, to_document
from index.segcache import ColumnCache
from index.storage import EncryptedStorage, MemoryStorage
from index.types import Cipher, ExpertHit, IndexCorrupt, SearchResults, TitleHit
from index.vocab import Vocabulary

log = logging.getLogger(__name__)

INDEXNAME = "MAIN"
SCHEMA = build_schema()
UPDATE_LIMITMB = 32
REBUILD_LIMITMB = 32  # measured: 256 MB pools cost 250 MB more RSS for ~5% speed
PROGRESS_EVERY = 100
_BROWSE = frozenset({"", "*"})


def _meta_name(gen: int) -> str:
    return f"META_{gen}.json"


def _commit_order(name: str) -> int:
    # segments first, then metadata, the TOC (the commit point) last
    return 2 if name.endswith(".toc") else 1 if name.startswith("META_") else 0


def _purge_deleted(writer: Any, segments: list[Any]) -> list[Any]:
    """Merge policy that rewrites every segment holding deleted documents.

    Whoosh only marks deletions; the words and stored fields stay in the
    segment until it is merged. Erasing a person must not leave that trace.
    """
    keep = []
    for seg in segments:
        if seg.has_deletions():
            reader = SegmentReader(writer.storage, writer.schema, seg)
            writer.add_reader(reader)
            reader.close()
        else:
            keep.append(seg)
    return list(MERGE_SMALL(writer, keep))


def _encode_meta(meta: Mapping[str, object]) -> bytes:
    record = {"schema": SCHEMA_VERSION, "meta": dict(meta)}
    return json.dumps(record, default=str, sort_keys=True).encode("utf-8")


def _decode_meta(data: bytes) -> dict[str, object]:
    try:
        record = json.loads(data.decode("utf-8"))
    except ValueError as exc:
        raise IndexCorrupt("index metadata unreadable") from exc
    if not isinstance(record, dict) or record.get("schema") != SCHEMA_VERSION:
        raise IndexCorrupt("index schema version differs")
    meta = record.get("meta")
    return dict(meta) if isinstance(meta, dict) else {}


class SearchIndex:
    def __init__(
        self,
        folder: Path,
        cipher: Cipher,
        *,
        synonyms: Mapping[str, Sequence[str]] | None = None,
    ) -> None:
        self._folder = Path(folder)
        self._cipher = cipher
        self._parser = QueryParser(SCHEMA, synonyms)
        self._wlock = threading.Lock()
        self._rlock = threading.RLock()
        self._vocab = Vocabulary()
        self.columns = ColumnCache()
        self._closed = False
        try:
            self._storage, self._ix, self._meta = self._open()
            self._searcher = self._ix.searcher()
        except IndexCorrupt as exc:
            log.warning("search index rejected: %s", exc)
            raise

    # -- opening -----------------------------------------------------------------
    def _open(self) -> tuple[EncryptedStorage, FileIndex, dict[str, object]]:
        storage = EncryptedStorage(self._folder, self._cipher)
        storage.load()
        if not storage.list():
            return storage, self._create(storage), {}
        gen = TOC._latest_generation(storage, INDEXNAME)
        if gen < 0:
            raise IndexCorrupt("index has no table of contents")
        if not storage.file_exists(_meta_name(gen)):
            raise IndexCorrupt("index metadata missing")
        meta = _decode_meta(storage.read_bytes(_meta_name(gen)))
        try:
            ix = FileIndex(storage, schema=SCHEMA, indexname=INDEXNAME)
            segments = ix._segments()
            with ix.searcher() as probe:
                probe.doc_count_all()
        except Exception as exc:
            raise IndexCorrupt(f"index files unreadable ({type(exc).__name__})") from exc
        self._tidy(storage, gen, segments)
        return storage, ix, meta

    @staticmethod
    def _create(storage: EncryptedStorage) -> FileIndex:
        ix = FileIndex.create(storage, SCHEMA, INDEXNAME)
        storage.write_file(_meta_name(0), _encode_meta({}))
        return ix

    @staticmethod
    def _tidy(storage: EncryptedStorage, gen: int, segments: list[Any]) -> None:
        """Drop what a crash between two writes can leave behind."""
        clean_files(storage, INDEXNAME, gen, segments)
        for name in storage.list():
            if name.startswith("META_") and name != _meta_name(gen):
                storage.delete_file(name)

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

    def _commit(self, writer: Any, meta: Mapping[str, object] | None, **kwargs: Any) -> None:
        """Commit ``writer``; its generation's metadata is written just before the TOC."""
        name = _meta_name(writer.generation)
        record = self._meta if meta is None else meta
        try:
            self._storage.write_file(name, _encode_meta(record))
            writer.commit(**kwargs)
        except BaseException:
            if not writer.is_closed:
                writer.cancel()
            self._storage.delete_file(name)
            raise
        self._meta = dict(record)
        for other in self._storage.list():
            if other.startswith("META_") and other != name:
                self._storage.delete_file(other)

    # -- writing -----------------------------------------------------------------
    def set_synonyms(self, synonyms: Mapping[str, Sequence[str]]) -> None:
        parser = QueryParser(SCHEMA, synonyms)
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
        prepared = [to_document(d) for d in docs]  # a bad record fails before any write
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
            self._commit(writer, meta, mergetype=_purge_deleted if deletes else MERGE_SMALL)
            if deletes:
                self._vocab.reset()
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
        """Build a fresh index in RAM, then swap it in; False if cancelled.

        ``progress(done, total)`` gets ``total`` 0 when it is unknown.
        """
        with self._wlock:
            self._check_open()
            started = time.perf_counter()
            staging = self._staging()
            built = self._fill(staging, docs, total or 0, progress, cancel, meta or {})
            if built is None:
                return False
            with self._rlock:
                self._storage.adopt(staging, order=_commit_order)
                self._ix = FileIndex(self._storage, schema=SCHEMA, indexname=INDEXNAME)
                self._searcher = self._ix.searcher()
                self._meta = dict(meta or {})
                self._vocab.reset()
            log.info(
                "search index rebuilt: %d docs in %.1f s", built, time.perf_counter() - started
            )
            return True

    def _staging(self) -> EncryptedStorage:
        staging = EncryptedStorage(self._folder, self._cipher, persist=False)
        # start past the live generation so the swapped-in TOC is the newest
        TOC(SCHEMA, [], self._ix.latest_generation() + 1).write(staging, INDEXNAME)
        return staging

    def _fill(
        self,
        staging: EncryptedStorage,
        docs: Iterable[Mapping[str, object]],
        total: int,
        progress: Callable[[int, int], None] | None,
        cancel: Callable[[], bool] | None,
        meta: Mapping[str, object],
    ) -> int | None:
        ix = FileIndex(staging, schema=SCHEMA, indexname=INDEXNAME)
        writer = ix.writer(limitmb=REBUILD_LIMITMB)
        done = skipped = 0
        try:
            for record in docs:
                if cancel is not None and cancel():
                    writer.cancel()
                    return None
                try:
                    writer.add_document(**to_document(record))
                except ValueError:
                    skipped += 1
                    continue
                done += 1
                if progress is not None and done % PROGRESS_EVERY == 0:
                    progress(done, total)
            if cancel is not None and cancel():
                writer.cancel()
                return None
            staging.write_file(_meta_name(writer.generation), _encode_meta(meta))
            writer.commit(merge=False)
        except BaseException:
            if not writer.is_closed:
                writer.cancel()
            raise
        if skipped:
            log.warning("search index rebuild skipped %d records without id", skipped)
        if progress is not None:
            progress(done, total or done)
        return done

    def optimize(self) -> None:
        with self._wlock:
            self._check_open()
            self._commit(self._ix.writer(limitmb=UPDATE_LIMITMB), None, optimize=True)
            self._refresh()

    def clear(self) -> None:
        """Delete every index file; the object stays usable with an empty index."""
        with self._wlock, self._rlock:
            self._check_open()
            self._searcher.close()
            self._storage.wipe()
            self._storage.persist = False  # an empty index need not touch the disk
            try:
                self._ix = self._create(self._storage)
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
            self._vocab.reset()
            self.columns.reset()
            del self._cipher

    # -- reading -----------------------------------------------------------------
    def meta(self) -> dict[str, object]:
        return dict(self._meta)

    def doc_count(self) -> int:
        with self._rlock:
            self._check_open()
            return int(self._searcher.doc_count())

    def search(
        self,
        query_text: str,
        *,
        kind: str | None = None,
        filters: Mapping[str, str] | None = None,
        limit: int = 20,
        page: int = 1,
        sort: str = "relevance",
        max_classification: str | None = None,
    ) -> SearchResults:
        from index.search_flow import run_search  # keeps this file small

        limit, page = max(1, min(limit, 500)), max(1, page)
        mask = searching.restriction(kind, filters, max_classification)
        with self._rlock:
            self._check_open()
            return run_search(self, query_text, mask, limit, page, sort)

    def suggest_titles(
        self,
        prefix: str,
        limit: int = 10,
        *,
        kind: str | None = None,
        max_classification: str | None = None,
    ) -> list[TitleHit]:
        parts = [query.Term("title_ac", w[:EDGE_MAX]) for w in words(clean(prefix))[:8]]
        if not parts:
            return []
        mask = searching.restriction(kind, None, max_classification)
        q = searching.masked(query.And(parts), mask)
        with self._rlock:
            self._check_open()
            found = self._searcher.search(q, limit=max(1, limit))
            return [
                TitleHit(id=h["id"], kind=h.get("kind", ""), title=h.get("title", ""))
                for h in found
            ]

    def find_experts(
        self, topic: str, limit: int = 10, *, max_classification: str | None = None
    ) -> list[ExpertHit]:
        allowed = None
        if max_classification is not None:
            allowed = searching.allowed_levels(max_classification)
        with self._rlock:
            self._check_open()
            q, _error = self._parser.parse(topic, relaxed=True)
            if q is None:
                return []
            q = self.expand(q)
            return rank_experts(
                self._searcher, self.columns, q, clean(topic), max(1, limit), allowed
            )

    # -- used by search_flow (under _rlock) ---------------------------------------
    @property
    def parser(self) -> QueryParser:
        return self._parser

    @property
    def searcher(self) -> Any:
        return self._searcher

    def expand(self, q: query.Query) -> query.Query:
        expander = self._vocab.expander(self._searcher.reader())
        return expand_query(q, expander.expand)

    @staticmethod
    def browse(text: str) -> bool:
        return clean(text) in _BROWSE


__all__ = ["SearchIndex", "MemoryStorage"]
