"""Feeding records to a bulk build: progress, cancel, and in process or in workers.

:func:`segments_of` is the one entry of both bulk builds (a rebuild and a
bulk add): it decides whether worker processes are worth starting
(index/write/workers.py) and hands back the finished segments either way.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping

from index.config import IndexConfig
from index.write.segments import Built, build_in_process
from index.write.workers import WorkerPool, worker_count

log = logging.getLogger(__name__)

PROGRESS_EVERY = 100
Progress = Callable[[int, int], None] | None
Cancel = Callable[[], bool] | None


class Cancelled(Exception):
    """The caller's cancel() said stop; nothing has been committed."""


def fed(
    records: Iterable[Mapping[str, object]],
    total: int,
    progress: Progress,
    cancel: Cancel,
    ids: set[str] | None = None,
) -> Iterator[Mapping[str, object]]:
    """``records`` with cancel checked and progress reported; their ids noted in ``ids``."""
    count = 0
    for record in records:
        if cancel is not None and cancel():
            raise Cancelled
        if ids is not None and isinstance(record.get("id"), str):
            ids.add(str(record["id"]))
        yield record
        count += 1
        if progress is not None and count % PROGRESS_EVERY == 0:
            progress(count, total)
    if cancel is not None and cancel():
        raise Cancelled


def segments_of(
    records: Iterable[Mapping[str, object]],
    total: int,
    config: IndexConfig,
    *,
    max_workers: int | None = None,
    segment_docs: int | None = None,
    parallel_min: int | None = None,
) -> Generator[Built, None, None]:
    """Every segment of ``records``; workers (at most ``max_workers``, segments of
    ``segment_docs``) when ``total`` is at least ``parallel_min`` (see worker_count)."""
    workers = worker_count(total, parallel_min)
    if max_workers is not None:
        workers = min(workers, max_workers)
    if not workers:
        yield from build_in_process(records, config, segment_docs)
        return
    pool = WorkerPool(workers, config, segment_docs)
    try:
        yield from pool.build(records)
    finally:
        pool.close()
    if pool.skipped:
        log.warning("search index build skipped %d records without id", pool.skipped)
