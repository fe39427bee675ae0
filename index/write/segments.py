"""Building whole segments apart from any index, and laying them into one.

A bulk build (a rebuild, or many new documents at once) no longer writes into
the target index document by document. Documents go to a
:class:`SegmentBuilder`, which writes them with the bulk writer into a scratch
in-memory index and, every ``SEGMENT_DOCS`` documents, hands out the finished
segment: Whoosh's segment object and its files. The same builder runs in this
process or in worker processes (index/write/workers.py); the caller lays each
segment's files into the target storage (sealed to disk as each arrives) and commits them
all with one table of contents (index/write/commit.py).

Segments are independent in Whoosh (each numbers its documents from 0), so
segments built apart, in any order, make one index.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from index.config import IndexConfig
from index.schema import to_document
from index.storage import sidecar, wordfiles
from index.storage.layout import INDEXNAME, start_empty
from index.storage.memstore import MemoryStorage
from index.whoosh_internals import committed_segments, segment_file_pattern, segments
from index.whoosh_writer import BulkWriter

log = logging.getLogger(__name__)

# documents per segment: bounds the posting pool and the segment files held in
# RAM by one builder (~7 kB of pool and ~4 kB of files per document); a 100k
# import's peak was 1,163 MB with 10,000, 1,056 with 5,000, at the same speed
SEGMENT_DOCS = 5_000


@dataclass
class Built:
    """One finished segment: Whoosh's segment object and its files by name."""

    segment: Any
    files: dict[str, bytes] = field(default_factory=dict)

    @property
    def doc_count(self) -> int:
        return int(self.segment.doc_count_all())


class SegmentBuilder:
    """Analyses records into segments of at most ``segment_docs`` documents.

    ``add`` returns the segments finished by that call (usually none); ``finish``
    returns the last, partial one. Records without an id are skipped and counted.
    """

    def __init__(self, config: IndexConfig, segment_docs: int | None = None) -> None:
        self._config = config
        self._segment_docs = segment_docs or SEGMENT_DOCS
        self._writer: BulkWriter | None = None
        self._storage: MemoryStorage | None = None
        self._ix: Any = None
        self._count = 0
        self.skipped = 0

    def add(self, records: Iterable[Mapping[str, object]]) -> list[Built]:
        out: list[Built] = []
        for record in records:
            try:
                doc = to_document(record, self._config)
            except ValueError:
                self.skipped += 1
                continue
            self._current().add_document(**doc)
            self._count += 1
            if self._count >= self._segment_docs:
                out.append(self._flush())
        return out

    def finish(self) -> list[Built]:
        return [self._flush()] if self._count else []

    def cancel(self) -> None:
        if self._writer is not None and not self._writer.is_closed:
            self._writer.cancel()
        self._writer = self._storage = self._ix = None
        self._count = 0

    def _current(self) -> BulkWriter:
        if self._writer is None:
            self._storage = MemoryStorage()
            self._ix = start_empty(self._storage, 0)
            self._writer = BulkWriter(self._ix)
        return self._writer

    def _flush(self) -> Built:
        writer, storage = self._writer, self._storage
        assert writer is not None and storage is not None
        writer.commit(merge=False)
        (segment,) = committed_segments(self._ix)
        pattern = segment_file_pattern(INDEXNAME)
        files = {name: storage.read_bytes(name) for name in storage.list() if pattern.match(name)}
        files.update(_derived_files(self._ix))
        self._writer = self._storage = self._ix = None
        self._count = 0
        return Built(segment, files)


def _derived_files(ix: Any) -> dict[str, bytes]:
    """The new segment's sidecar and word lists, computed here from its fresh files.

    Otherwise the index computes them when it first searches the segment: after
    a 100k rebuild that was seconds of reading every lexicon and column at the
    swap, while searches wait; here the (parallel) builders pay instead.
    """
    with ix.reader() as reader:
        ((source, _offset),) = segments(reader)
        segment_id = source.segment_id()
        words, unpackable = wordfiles.compute(source)
        return {
            sidecar.file_name(segment_id): sidecar.encode(sidecar.compute(source)),
            wordfiles.file_name(segment_id): wordfiles.encode(words, unpackable),
        }


def build_in_process(
    records: Iterable[Mapping[str, object]], config: IndexConfig, segment_docs: int | None = None
) -> Iterable[Built]:
    """Every segment of ``records``, built here (small builds, one core)."""
    builder = SegmentBuilder(config, segment_docs)
    try:
        for record in records:
            yield from builder.add((record,))
        yield from builder.finish()
    finally:
        builder.cancel()
        if builder.skipped:
            log.warning("search index build skipped %d records without id", builder.skipped)
