"""Building a complete index from all records (rebuild), beside the live one.

Segments are sealed into the staging folder as they are committed (see
index.write.staging); the live index is untouched until the caller adopts the
result, so a cancel or a failure (followed by ``staging.discard()``) leaves
the old index exactly as it was.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from index.config import IndexConfig
from index.schema import to_document
from index.storage.layout import INDEXNAME, encode_meta, meta_name, start_empty
from index.types import Cipher
from index.whoosh_internals import BulkWriter
from index.write.bulkwrite import CHUNK_DOCS
from index.write.staging import StagingStorage, release_memory

if TYPE_CHECKING:
    from whoosh.index import FileIndex

log = logging.getLogger(__name__)

PROGRESS_EVERY = 100
Progress = Callable[[int, int], None] | None
Cancel = Callable[[], bool] | None


def build(
    staging: StagingStorage,
    first_gen: int,
    docs: Iterable[Mapping[str, object]],
    *,
    total: int,
    progress: Progress,
    cancel: Cancel,
    meta: Mapping[str, object],
    limitmb: int,
    config: IndexConfig,
) -> int | None:
    """Index ``docs`` into ``staging``; the number indexed, or None if cancelled.

    ``first_gen`` is past the live generation, so the built TOC is the newest.
    A segment is committed every ``CHUNK_DOCS`` documents and sealed to disk:
    that bounds the postings and segment data held in RAM; the last commit
    writes our metadata with its TOC (both stay in RAM for the adopt).
    ``limitmb`` is kept for callers; the bulk writer never spills.
    """
    release_memory()  # heap freed by earlier work: the peak comes at the end, on top of it
    chunks = _Chunks(staging, start_empty(staging, first_gen))
    try:
        done = _add_all(chunks, docs, total, progress, cancel, config)
        if done is None:
            return None
        writer = chunks.current()
        staging.write_file(meta_name(writer.generation), encode_meta(meta))
        writer.commit(merge=False)
        # the last segment too: the adopt then loads the files biggest first,
        # with nothing left to encrypt on top of the whole new index
        staging.seal_segments()
    finally:
        chunks.cancel()
        release_memory()  # the last pool's heap, before the adopt loads the new index
    if progress is not None:
        progress(done, total or done)
    return done


def stage(folder: Path, cipher: Cipher) -> StagingStorage:
    """A build area for a rebuild of the index in ``folder``."""
    return StagingStorage(folder, cipher, INDEXNAME)


class _Chunks:
    """Hands out a bulk writer, starting a new segment every CHUNK_DOCS documents."""

    def __init__(self, staging: StagingStorage, ix: FileIndex) -> None:
        self._staging = staging
        self._ix = ix
        self._writer: BulkWriter | None = None
        self._count = 0

    def current(self) -> BulkWriter:
        if self._writer is None or self._writer.is_closed:
            self._writer = BulkWriter(self._ix)
        return self._writer

    def add_document(self, **fields: object) -> None:
        self.current().add_document(**fields)
        self._count += 1
        if self._count % CHUNK_DOCS == 0:
            self.current().commit(merge=False)
            self._writer = None  # the spent writer holds the emptied pool: let it go
            self._staging.seal_segments()
            release_memory()

    def cancel(self) -> None:
        if self._writer is not None and not self._writer.is_closed:
            self._writer.cancel()


def _add_all(
    writer: _Chunks,
    docs: Iterable[Mapping[str, object]],
    total: int,
    progress: Progress,
    cancel: Cancel,
    config: IndexConfig,
) -> int | None:
    done = skipped = 0
    for record in docs:
        if cancel is not None and cancel():
            return None
        try:
            writer.add_document(**to_document(record, config))
        except ValueError:
            skipped += 1
            continue
        done += 1
        if progress is not None and done % PROGRESS_EVERY == 0:
            progress(done, total)
    if skipped:
        log.warning("search index rebuild skipped %d records without id", skipped)
    if cancel is not None and cancel():
        return None
    return done
