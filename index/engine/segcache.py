"""Decoded index data (columns, posting arrays) cached per segment while unlocked.

Reading a column or a posting list costs Python calls per block or per
document, far too slow per search. Segments never change once written, so
their values are read once and kept until a merge retires the segment; for
each searcher the current segments' values are glued into one array indexed
by global document number. After an edit only the new small segment is read.

Three tiers, all dropped on lock:
- ``get``: per-document columns (facets, dates, field lengths), every segment;
- ``segment_value``: posting arrays per segment, a least-recently-used set
  bounded in bytes (they survive edits);
- ``recent``: values glued for the current searcher (cleared when it changes).
Beside them: the sidecars (facet codes, dates) and the lexicons (sorted word
lists for prefix and fuzzy words), per segment and persisted.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar, cast, overload

import numpy as np

from index.engine.lexicons import Lexicons
from index.engine.source import Searcher, SegmentSource
from index.storage.sidecar import Sidecars
from index.whoosh_internals import segments

T = TypeVar("T")
P = TypeVar("P")
SEGMENT_BYTES = 128 * 2**20  # decoded posting arrays kept across searchers (RSS ≤ 400 MB at 100k)
RECENT_BYTES = 64 * 2**20  # glued values kept for the current searcher
# while a rebuild runs beside this index (100k: the tree's peak ≤ 600 MB)
LEAN_SEGMENT_BYTES = 24 * 2**20
LEAN_RECENT_BYTES = 16 * 2**20


def nbytes(value: Any) -> int:
    """Approximate memory held by a cached value (arrays and tuples of them)."""
    if isinstance(value, np.ndarray):
        return int(value.nbytes)
    if isinstance(value, tuple | list):
        return sum(nbytes(v) for v in value) + 8 * len(value)
    return 64


def concat(parts: list[tuple[int, np.ndarray]]) -> np.ndarray:
    arrays = [value for _offset, value in parts]
    if not arrays:
        return np.zeros(0, dtype=np.int64)
    return arrays[0] if len(arrays) == 1 else np.concatenate(arrays)


class _Lru:
    """Values by key, oldest dropped first once their bytes pass ``limit``."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.items: OrderedDict[Hashable, tuple[object, int]] = OrderedDict()
        self.total = 0

    def get(self, key: Hashable) -> tuple[object, int] | None:
        found = self.items.get(key)
        if found is None:
            return None
        self.items.move_to_end(key)
        return found

    def put(self, key: Hashable, value: object) -> None:
        size = nbytes(value)
        self.items[key] = (value, size)
        self.total += size
        while self.total > self.limit and len(self.items) > 1:
            _, (_, dropped) = self.items.popitem(last=False)
            self.total -= dropped

    def shrink(self, limit: int) -> None:
        self.limit = limit
        while self.total > limit and self.items:
            _, (_, dropped) = self.items.popitem(last=False)
            self.total -= dropped

    def keep_only(self, wanted: Callable[[Hashable], bool]) -> None:
        for key in [k for k in self.items if not wanted(k)]:
            self.total -= self.items.pop(key)[1]


class ColumnCache:
    def __init__(self, sidecars: Sidecars | None = None, lexicons: Lexicons | None = None) -> None:
        self.sidecars = sidecars or Sidecars(None)
        self.lexicons = lexicons or Lexicons(None)
        self._budgets = (SEGMENT_BYTES, RECENT_BYTES)
        self._lock = threading.RLock()
        self._segments: dict[str, dict[str, object]] = {}
        self._glued: dict[str, object] = {}
        self._postings = _Lru(self._budgets[0])
        self._recent = _Lru(self._budgets[1])
        self._shared: dict[str, object] = {}
        self._searcher: Searcher | None = None

    def reset(self) -> None:
        with self._lock:
            self._segments, self._glued, self._searcher = {}, {}, None
            self._shared = {}
            self.sidecars.reset()
            self.lexicons.reset()
            self._postings = _Lru(self._budgets[0])
            self._recent = _Lru(self._budgets[1])

    @contextmanager
    def lean(self) -> Iterator[None]:
        """Smaller budgets for decoded postings while the block runs (a rebuild).

        A rebuild's workers and segments need the memory, and searches still
        answer from this index meanwhile, decoding again what was dropped.
        """
        with self._lock:
            self._budgets = (LEAN_SEGMENT_BYTES, LEAN_RECENT_BYTES)
            self._postings.shrink(LEAN_SEGMENT_BYTES)
            self._recent.shrink(LEAN_RECENT_BYTES)
        try:
            yield
        finally:
            with self._lock:
                self._budgets = (SEGMENT_BYTES, RECENT_BYTES)
                self._postings.limit, self._recent.limit = self._budgets

    def forget_recent(self) -> None:
        with self._lock:
            self._recent = _Lru(self._budgets[1])

    def recent(self, searcher: Searcher, key: Hashable, build: Callable[[], T]) -> T:
        """``build()``, remembered for this searcher while it fits the byte budget."""
        with self._lock:
            if searcher is not self._searcher:
                self._switch(searcher)
            found = self._recent.get(key)
            if found is not None:
                return cast(T, found[0])
        value = build()  # outside the lock: other searches need not wait
        with self._lock:
            if searcher is self._searcher:
                self._recent.put(key, value)
        return value

    def shared(self, key: str, factory: Callable[[], T]) -> T:
        """One object per key until reset (e.g. the facet value codes)."""
        with self._lock:
            found = self._shared.get(key)
            if found is None:
                found = self._shared[key] = factory()
            return cast(T, found)

    def segment_value(self, source: SegmentSource, key: Hashable, build: Callable[[], T]) -> T:
        """``build()`` for one segment, kept across searchers while it fits."""
        full_key = (source.segment_id(), key)
        with self._lock:
            found = self._postings.get(full_key)
            if found is not None:
                return cast(T, found[0])
        value = build()
        with self._lock:
            self._postings.put(full_key, value)
        return value

    @overload
    def get(
        self, searcher: Searcher, key: str, build: Callable[[SegmentSource], np.ndarray]
    ) -> np.ndarray: ...

    @overload
    def get(
        self,
        searcher: Searcher,
        key: str,
        build: Callable[[SegmentSource], P],
        glue: Callable[[list[tuple[int, P]]], T],
    ) -> T: ...

    def get(
        self,
        searcher: Searcher,
        key: str,
        build: Callable[[SegmentSource], Any],
        glue: Callable[[list[tuple[int, Any]]], Any] = concat,
    ) -> Any:
        """``build(segment)`` per segment, glued by global document number."""
        with self._lock:
            if searcher is not self._searcher:
                self._switch(searcher)
            glued = self._glued.get(key)
            if glued is None:
                parts = []
                for source, offset in segments(searcher.reader()):
                    per_segment = self._segments.setdefault(source.segment_id(), {})
                    if key not in per_segment:
                        per_segment[key] = build(source)
                    parts.append((offset, per_segment[key]))
                glued = self._glued[key] = glue(parts)
            return glued

    def _switch(self, searcher: Searcher) -> None:
        live = {source.segment_id() for source, _ in segments(searcher.reader())}
        self._segments = {k: v for k, v in self._segments.items() if k in live}
        self.sidecars.prune(live)
        self.lexicons.prune(live)
        self._postings.keep_only(lambda key: key[0] in live)  # type: ignore[index]
        self._glued, self._recent, self._searcher = {}, _Lru(self._budgets[1]), searcher
