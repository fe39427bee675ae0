"""Bringing the search index up to date once after an import (not once per entry).

One small function decides how: a few new documents beside many existing
ones are added to the live index in batches; otherwise the whole index is
rebuilt beside the live one and swapped in, which costs less per document.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker, with_polymorphic

from expertise.blobstore import BlobStore
from expertise.db import session_scope
from expertise.models import Entry
from expertise.services.documents import DocContext, build_document, load_context
from expertise.services.entries import change_counter, count_entries
from expertise.services.indexing import IndexSync

BATCH = 1000  # documents per incremental commit: bounds the memory of one update
# Below this share of the hub's entries, adding documents to the live index
# costs less than rebuilding it (measured: docs/ARCHITECTURE.md §6, "Import").
INCREMENTAL_SHARE = 0.5
Progress = Callable[[int, int], None]


def rebuild_is_cheaper(changed: int, total: int) -> bool:
    return changed > INCREMENTAL_SHARE * total


def make_searchable(
    service: IndexSync,
    sessions: sessionmaker[Session],
    blobs: BlobStore,
    ids: Sequence[str],
    progress: Progress | None = None,
) -> str:
    """Index the entries `ids` (created or changed); how it was done: 'add' or 'rebuild'."""
    if not ids:
        return "none"
    with session_scope(sessions) as session:
        total, seq = count_entries(session), change_counter(session)
    if rebuild_is_cheaper(len(ids), total):
        service.rebuild(progress=progress)
        return "rebuild"
    with session_scope(sessions) as session:
        context = load_context(session)
    done = 0
    for start in range(0, len(ids), BATCH):
        batch = ids[start : start + BATCH]
        last = start + BATCH >= len(ids)
        # only the last commit says the index has caught up with the database
        meta = {"change_seq": seq} if last else None
        docs = list(_documents(sessions, blobs, context, batch))
        service.index.update(docs, (), meta=meta)
        done += len(batch)
        if progress is not None:
            progress(done, len(ids))
    return "add"


def _documents(
    sessions: sessionmaker[Session], blobs: BlobStore, context: DocContext, ids: Sequence[str]
) -> Iterator[dict[str, object]]:
    every_kind = with_polymorphic(Entry, "*")
    with session_scope(sessions) as session:
        query = select(every_kind).where(every_kind.id.in_(ids)).order_by(every_kind.id)
        for entry in session.scalars(query):
            yield build_document(session, entry, blobs, context)
