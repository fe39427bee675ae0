"""Adding many documents to a live index at once (a bulk import), in one commit.

The incremental path (``SearchIndex.update``) runs every document through
Whoosh's writer and merges segments: right for a few edits, slow for
thousands. Here the documents are built into new segments apart
(index/write/feed.py: in worker processes when there are many), laid into
the live storage and committed with one table of contents that also marks
any older version of the same ids deleted. Searches keep reading the last
committed state meanwhile; a cancel or a failure before that commit takes
the new files out again, so the index stays as it was.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from index.config import IndexConfig
from index.storage.encrypted import EncryptedStorage
from index.storage.layout import SCHEMA
from index.whoosh_internals import committed_segments, delete_ids
from index.write import workers
from index.write.commit import commit_segments
from index.write.feed import Cancel, Cancelled, Progress, fed, segments_of


def add(
    storage: EncryptedStorage,
    ix: Any,
    docs: Iterable[Mapping[str, object]],
    *,
    total: int,
    progress: Progress,
    cancel: Cancel,
    meta: Callable[[], Mapping[str, object]],
    config: IndexConfig,
) -> tuple[int, int] | None:
    """Commit ``docs`` into ``ix``: (added, older versions replaced); None if cancelled.

    ``meta()`` is asked for the metadata to commit once the documents have ended."""
    ids: set[str] = set()
    new: list[Any] = []
    names: list[str] = []
    stream = segments_of(
        fed(docs, total, progress, cancel, ids),
        total,
        config,
        parallel_min=workers.BULK_PARALLEL_MIN,
    )
    try:
        try:
            for built in stream:
                names.extend(built.files)
                for name in list(built.files):  # each freed once sealed
                    storage.write_sealed(name, built.files.pop(name))
                new.append(built.segment)
        finally:
            stream.close()
        old = committed_segments(ix)  # fresh copies of the TOC's: marking them changes nothing live
        replaced = delete_ids(storage, SCHEMA, old, ids)
    except Cancelled:
        _take_out(storage, names)
        return None
    except BaseException:
        _take_out(storage, names)
        raise
    commit_segments(storage, ix.latest_generation() + 1, old + new, meta(), tidy=True)
    added = sum(int(s.doc_count_all()) for s in new)
    if progress is not None:
        progress(added, total or added)
    return added, replaced


def _take_out(storage: EncryptedStorage, names: list[str]) -> None:
    for name in names:
        storage.delete_file(name)
