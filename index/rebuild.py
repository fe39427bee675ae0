"""Building a complete index in RAM from all records (rebuild).

Nothing touches the disk until the caller adopts the result, so a cancel or
a failure leaves the old index exactly as it was.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping

from whoosh.index import TOC, FileIndex

from index.layout import INDEXNAME, SCHEMA, encode_meta, meta_name
from index.schema import to_document
from index.storage import EncryptedStorage

log = logging.getLogger(__name__)

PROGRESS_EVERY = 100
Progress = Callable[[int, int], None] | None
Cancel = Callable[[], bool] | None


def build(
    staging: EncryptedStorage,
    first_gen: int,
    docs: Iterable[Mapping[str, object]],
    *,
    total: int,
    progress: Progress,
    cancel: Cancel,
    meta: Mapping[str, object],
    limitmb: int,
) -> int | None:
    """Index ``docs`` into ``staging``; the number indexed, or None if cancelled.

    ``first_gen`` is past the live generation, so the built TOC is the newest.
    """
    TOC(SCHEMA, [], first_gen).write(staging, INDEXNAME)
    writer = FileIndex(staging, schema=SCHEMA, indexname=INDEXNAME).writer(limitmb=limitmb)
    try:
        done = _add_all(writer, docs, total, progress, cancel)
        if done is None:
            writer.cancel()
            return None
        staging.write_file(meta_name(writer.generation), encode_meta(meta))
        writer.commit(merge=False)
    except BaseException:
        if not writer.is_closed:
            writer.cancel()
        raise
    if progress is not None:
        progress(done, total or done)
    return done


def _add_all(
    writer: object,
    docs: Iterable[Mapping[str, object]],
    total: int,
    progress: Progress,
    cancel: Cancel,
) -> int | None:
    done = skipped = 0
    for record in docs:
        if cancel is not None and cancel():
            return None
        try:
            writer.add_document(**to_document(record))  # type: ignore[attr-defined]
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
