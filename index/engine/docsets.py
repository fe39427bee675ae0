"""Matching documents as boolean arrays, and facet counts, without matcher trees.

Whoosh walks every match of a query through Python matcher objects; for a
common word at 100k entries that costs seconds. Here a query's matches are
array algebra over posting lists (index.engine.postings): one bool per document
number, AND is ``&``. Facets are counted with ``np.bincount`` over per-segment
value codes cached in a ColumnCache.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from index.engine.phrases import phrase_docs
from index.engine.postings import Mask, Run
from index.engine.segcache import ColumnCache
from index.engine.source import Searcher, SegmentSource
from index.query import tree
from index.query.tree import Node
from index.schema import FACET_FIELDS
from index.storage.sidecar import strings_of

Pairs = tuple[np.ndarray, np.ndarray]  # (document of each value, value code)
_MULTI = ("tags", "themes")
_SINGLE = ("kind", "organisation", "classification")


def docset(run: Run, q: Node) -> Mask:
    """True for the live documents matching ``q``."""
    if isinstance(q, tree.Term):
        return run.term_mask(q.field, q.text)
    if isinstance(q, tree.Prefix | tree.Fuzzy):  # the union of what they expand to
        out = run.empty()
        for fieldname, text in run.expanded(q):
            out[run.postings(fieldname, text)[0]] = True
        return out
    if isinstance(q, tree.And):
        parts = [docset(run, sub) for sub in q.parts]
        return np.logical_and.reduce(parts) if parts else run.empty()
    if isinstance(q, tree.Or | tree.BestOf):
        parts = [docset(run, sub) for sub in q.parts]
        return np.logical_or.reduce(parts) if parts else run.empty()
    if isinstance(q, tree.AndNot):
        return docset(run, q.positive) & ~docset(run, q.negative)
    if isinstance(q, tree.Not):
        return run.live() & ~docset(run, q.part)
    if isinstance(q, tree.Filter):
        return docset(run, q.part)
    if isinstance(q, tree.Every):
        return run.live().copy()
    if isinstance(q, tree.Phrase) and q.words:
        return phrase_docs(run, q)
    return run.empty()  # Nothing, a phrase of no words


def doc_numbers(mask: Mask) -> list[int]:
    return [int(d) for d in np.flatnonzero(mask)]


# -- facets and dates ---------------------------------------------------------------
class Codes:
    """Facet values as small integers; codes stay stable while the index is open."""

    def __init__(self) -> None:
        self.values: list[str] = [""]
        self._code: dict[str, int] = {"": 0}
        self._ranks: np.ndarray | None = None

    def code(self, value: str) -> int:
        found = self._code.get(value)
        if found is None:
            found = self._code[value] = len(self.values)
            self.values.append(value)
        return found

    def ranks(self) -> np.ndarray:
        """Alphabetical rank of each code (for ordering equal counts)."""
        if self._ranks is None or self._ranks.size != len(self.values):
            order = sorted(range(len(self.values)), key=self.values.__getitem__)
            self._ranks = np.empty(len(order), dtype=np.int64)
            self._ranks[order] = np.arange(len(order))
        return self._ranks

    def table(self, values: list[str]) -> np.ndarray:
        """Global codes of a segment's local value list."""
        return np.asarray([self.code(v) for v in values], dtype=np.int32)


def _single(cache: ColumnCache, name: str) -> Callable[[SegmentSource], np.ndarray]:
    codes = _codes(cache, name)

    def build(source: SegmentSource) -> np.ndarray:
        data = cache.sidecars.of(source)
        return codes.table(strings_of(data[f"{name}.values"]))[data[f"{name}.codes"]]

    return build


def _multi(cache: ColumnCache, name: str) -> Callable[[SegmentSource], Pairs]:
    """Per segment: (local doc of each value, value code), one pair per value."""
    codes = _codes(cache, name)

    def build(source: SegmentSource) -> tuple[np.ndarray, np.ndarray]:
        data = cache.sidecars.of(source)
        table = codes.table(strings_of(data[f"{name}.values"]))
        return data[f"{name}.docs"], table[data[f"{name}.codes"]]

    return build


def _glue_pairs(parts: list[tuple[int, Pairs]]) -> Pairs:
    if not parts:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int32)
    docs = np.concatenate([d + offset for offset, (d, _) in parts])
    return docs, np.concatenate([v for _, (_, v) in parts])


def _codes(cache: ColumnCache, name: str) -> Codes:
    return cache.shared(f"codes:{name}", Codes)


def single_column(cache: ColumnCache, searcher: Searcher, name: str) -> np.ndarray:
    return cache.get(searcher, f"facet:{name}", _single(cache, name))


def multi_column(cache: ColumnCache, searcher: Searcher, name: str) -> Pairs:
    build = _multi(cache, name)
    return cache.get(searcher, f"facet:{name}", build, _glue_pairs)


def count_facets(run: Run, docs: Mask, limit: int) -> dict[str, list[tuple[str, int]]]:
    cache, searcher = run.cache, run.searcher
    facets: dict[str, list[tuple[str, int]]] = {}
    for name in _SINGLE:
        column = single_column(cache, searcher, name)
        counts = np.bincount(column[docs[: column.size]], minlength=1)
        facets[name] = _top(_codes(cache, name), counts, limit)
    for name in _MULTI:
        owners, values = multi_column(cache, searcher, name)
        counts = np.bincount(values[docs[owners]], minlength=1)
        facets[name] = _top(_codes(cache, name), counts, limit)
    return {name: facets[name] for name in FACET_FIELDS}


def _top(codes: Codes, counts: np.ndarray, limit: int) -> list[tuple[str, int]]:
    """The ``limit`` most frequent values, ties in alphabetical order."""
    counts[0] = 0  # documents without a value
    present = np.flatnonzero(counts)
    order = np.lexsort((codes.ranks()[present], -counts[present]))[:limit]
    chosen = present[order]
    # whole arrays to Python ints at once: indexing numpy scalars one by one cost
    # more than the counting itself (tags have hundreds of values)
    names = [codes.values[c] for c in chosen.tolist()]
    return list(zip(names, counts[chosen].tolist(), strict=True))


def dates(cache: ColumnCache, searcher: Searcher) -> np.ndarray:
    def build(source: SegmentSource) -> np.ndarray:
        return cache.sidecars.of(source)["updated"]

    return cache.get(searcher, "updated", build)


def newest_first(run: Run, docs: Mask, end: int) -> list[int]:
    """The first ``end`` of ``docs``, newest first (ties: lower document number)."""
    updated = dates(run.cache, run.searcher)
    found = np.flatnonzero(docs)
    order = np.lexsort((found, -updated[found]))[:end]
    return [int(d) for d in found[order]]


def warm(cache: ColumnCache, searcher: Searcher) -> None:
    """Read the facet and date columns of new segments now (writer thread)."""
    for name in _SINGLE:
        single_column(cache, searcher, name)
    for name in _MULTI:
        multi_column(cache, searcher, name)
    dates(cache, searcher)
