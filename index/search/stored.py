"""The stored fields of recently shown documents, kept for the searcher that read them.

Every hit on a page needs its stored fields (id, kind, title and the text its
snippet comes from), and Whoosh decompresses and unpickles the whole record
each time: about half of a search at 1k entries. As-you-type searches, a
clicked facet and the next page show many of the same documents again, so the
last few hundred records are kept. Document numbers are only valid for one
searcher: a new searcher (after a commit) starts an empty cache, and the old
searcher is referenced weakly so the cache never keeps its segments alive.
The owner clears it when the index closes (the records hold note text).
"""

from __future__ import annotations

import weakref
from collections import OrderedDict
from typing import Any

from index.engine.source import Searcher

KEPT = 512  # records; a record is a note's first 30,000 characters at most


class StoredCache:
    """LRU of ``searcher.stored_fields(docnum)``; the caller serialises access."""

    def __init__(self, size: int = KEPT) -> None:
        self.size = size
        self._owner: weakref.ref[Searcher] | None = None
        self._records: OrderedDict[int, dict[str, Any]] = OrderedDict()

    def get(self, searcher: Searcher, docnum: int) -> dict[str, Any]:
        if self._owner is None or self._owner() is not searcher:
            self.clear()
            self._owner = weakref.ref(searcher)
        record = self._records.get(docnum)
        if record is not None:
            self._records.move_to_end(docnum)
            return record
        record = searcher.stored_fields(docnum)
        self._records[docnum] = record
        if len(self._records) > self.size:
            self._records.popitem(last=False)
        return record

    def clear(self) -> None:
        self._records.clear()
        self._owner = None

    def __len__(self) -> int:
        return len(self._records)
