"""Per-document values (facets, dates, field lengths) cached per segment.

Reading a column costs a few Python calls per document, far too slow per
search. Segments never change once written, so their values are read once
and kept until a merge retires the segment; for each searcher the current
segments' lists are glued into one list indexed by global document number.
After a small update only the new small segment is read.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

Builder = Callable[[Any], list[Any]]
RECENT_LIMIT = 512  # decoded posting lists kept per searcher (arrays: ~8 bytes a posting)


class ColumnCache:
    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._segments: dict[str, dict[str, list[Any]]] = {}
        self._glued: dict[str, list[Any]] = {}
        self._recent: OrderedDict[Hashable, Any] = OrderedDict()
        self._searcher: Any = None

    def reset(self) -> None:
        with self._lock:
            self._segments, self._glued, self._searcher = {}, {}, None
            self._recent = OrderedDict()

    def forget_recent(self) -> None:
        with self._lock:
            self._recent = OrderedDict()

    def recent(self, searcher: Any, key: Hashable, build: Callable[[], Any]) -> Any:
        """``build()``, remembered for this searcher among the last few keys."""
        with self._lock:
            if searcher is not self._searcher:
                self._switch(searcher)
            if key in self._recent:
                self._recent.move_to_end(key)
                return self._recent[key]
            value = self._recent[key] = build()
            if len(self._recent) > RECENT_LIMIT:
                self._recent.popitem(last=False)
            return value

    def get(self, searcher: Any, key: str, build: Builder) -> list[Any]:
        """``build(leaf_reader)`` values of every document, by global number."""
        with self._lock:
            if searcher is not self._searcher:
                self._switch(searcher)
            glued = self._glued.get(key)
            if glued is None:
                glued = []
                for leaf, _offset in searcher.reader().leaf_readers():
                    segment = leaf.segment()
                    if segment is None:  # the empty index
                        continue
                    per_segment = self._segments.setdefault(segment.segment_id(), {})
                    if key not in per_segment:
                        per_segment[key] = build(leaf)
                    glued += per_segment[key]
                self._glued[key] = glued
            return glued

    def _switch(self, searcher: Any) -> None:
        live = {
            leaf.segment().segment_id()
            for leaf, _ in searcher.reader().leaf_readers()
            if leaf.segment() is not None
        }
        self._segments = {k: v for k, v in self._segments.items() if k in live}
        self._glued, self._recent, self._searcher = {}, OrderedDict(), searcher
