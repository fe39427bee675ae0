"""Building a complete index from all records (rebuild), beside the live one.

Segments are built apart (index.write.segments, in worker processes for big
builds) and sealed into the staging folder as they arrive
(index.write.staging); the live index is untouched until the caller adopts the
result, so a cancel or a failure (followed by ``staging.discard()``) leaves
the old index exactly as it was.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from index.config import IndexConfig
from index.storage.layout import INDEXNAME
from index.types import Cipher
from index.write.commit import commit_segments
from index.write.feed import Cancel, Cancelled, Progress, fed, segments_of
from index.write.staging import StagingStorage, release_memory

# Analysis workers for a rebuild. A rebuild runs beside the live index, which
# keeps answering searches with its caches, and each worker holds a segment of
# SEGMENT_DOCS in the making (~150-200 MB at 10k documents): at 100k two of them
# took the tree to 880 MB. One worker keeps it under 600 MB; on two cores the
# parent (database, sealing) needs the second core anyway.
REBUILD_WORKERS = 1
# With no live index to keep beside it (a first build, or one after the
# index was lost) a rebuild has that memory for a second worker: at 100k one
# worker is the limit (~1.3 ms a document, the parent ~0.2 ms).
FRESH_BUILD_WORKERS = 2
FRESH_LIVE_DOCS = 1_000  # a live index this small holds next to nothing in RAM
# Documents per segment in a rebuild's worker: its posting pool and files grow
# with it (at 10k the one worker reached ~250 MB and the 100k tree 629 MB).
REBUILD_SEGMENT_DOCS = 5_000


def workers_beside(live_docs: int) -> int:
    """Analysis workers for a rebuild beside a live index of ``live_docs`` documents."""
    return FRESH_BUILD_WORKERS if live_docs < FRESH_LIVE_DOCS else REBUILD_WORKERS


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
    workers: int = REBUILD_WORKERS,
) -> int | None:
    """Index ``docs`` into ``staging``; the number indexed, or None if cancelled.

    ``first_gen`` is past the live generation, so the built TOC is the newest.
    Segments of ``SEGMENT_DOCS`` documents are built (in worker processes for
    a big build, index/write/workers.py) and sealed into the stage folder as
    each arrives: that bounds the segment data held in RAM. One TOC commits
    them all, with our metadata (both stay in RAM for the adopt).
    ``limitmb`` is kept for callers; the bulk writer never spills.
    """
    release_memory()  # heap freed by earlier work: the peak comes at the end, on top of it
    segments = []
    stream = segments_of(
        fed(docs, total, progress, cancel),
        total,
        config,
        max_workers=workers,
        segment_docs=REBUILD_SEGMENT_DOCS,
    )
    try:
        for built in stream:
            for name in list(built.files):
                staging.seal(name, built.files.pop(name))  # each file freed once sealed
            segments.append(built.segment)
            release_memory()
    except Cancelled:
        return None
    finally:
        stream.close()  # stops the workers, also on an error
    done = sum(int(s.doc_count_all()) for s in segments)
    commit_segments(staging, first_gen, segments, meta)
    release_memory()  # the last segment's heap, before the swap
    if progress is not None:
        progress(done, total or done)
    return done


def stage(folder: Path, cipher: Cipher) -> StagingStorage:
    """A build area for a rebuild of the index in ``folder``."""
    return StagingStorage(folder, cipher, INDEXNAME)
