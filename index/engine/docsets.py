"""Matching documents as boolean arrays, and facet counts, without matcher trees.

Whoosh walks every match of a query through Python matcher objects; for a
common word at 100k entries that costs seconds. Here a query's matches are
array algebra over posting lists (index.engine.postings): one bool per document
number, AND is ``&``. Facets are counted with ``np.bincount`` over per-segment
value codes cached in a ColumnCache.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from whoosh import query

from index.engine.postings import Mask, Run
from index.engine.segcache import ColumnCache
from index.engine.source import SegmentSource
from index.schema import FACET_FIELDS
from index.storage.sidecar import strings_of

_MULTI = ("tags", "themes")
_SINGLE = ("kind", "organisation", "classification")


def docset(run: Run, q: query.Query) -> Mask:
    """True for the live documents matching ``q``."""
    if type(q) is query.Term:
        return run.term_mask(q.fieldname, q.text)
    if isinstance(q, query.MultiTerm):  # prefix, fuzzy: the union of what they expand to
        out = run.empty()
        for fieldname, text in run.expanded(q):
            out[run.postings(fieldname, text)[0]] = True
        return out
    if isinstance(q, query.And):
        parts = [docset(run, sub) for sub in q.subqueries]
        return np.logical_and.reduce(parts) if parts else run.empty()
    if isinstance(q, query.Or | query.DisjunctionMax):
        parts = [docset(run, sub) for sub in q.subqueries]
        return np.logical_or.reduce(parts) if parts else run.empty()
    if isinstance(q, query.AndNot):
        return docset(run, q.a) & ~docset(run, q.b)
    if isinstance(q, query.Not):
        return run.live() & ~docset(run, q.query)
    if isinstance(q, query.ConstantScoreQuery):
        return docset(run, q.child)
    if isinstance(q, query.Every):
        return run.live().copy()
    if isinstance(q, query.Phrase) and q.words:
        return run.phrase_docs(q)
    if q is query.NullQuery or isinstance(q, type(query.NullQuery)):
        return run.empty()
    out = run.empty()
    out[list(run.searcher.docs_for_query(q))] = True
    return out


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


def _single(cache: ColumnCache, name: str) -> Any:
    codes = _codes(cache, name)

    def build(source: SegmentSource) -> np.ndarray:
        data = cache.sidecars.of(source)
        return codes.table(strings_of(data[f"{name}.values"]))[data[f"{name}.codes"]]

    return build


def _multi(cache: ColumnCache, name: str) -> Any:
    """Per segment: (local doc of each value, value code), one pair per value."""
    codes = _codes(cache, name)

    def build(source: SegmentSource) -> tuple[np.ndarray, np.ndarray]:
        data = cache.sidecars.of(source)
        table = codes.table(strings_of(data[f"{name}.values"]))
        return data[f"{name}.docs"], table[data[f"{name}.codes"]]

    return build


def _glue_pairs(parts: list[tuple[int, tuple[np.ndarray, np.ndarray]]]) -> tuple[Any, Any]:
    if not parts:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int32)
    docs = np.concatenate([d + offset for offset, (d, _) in parts])
    return docs, np.concatenate([v for _, (_, v) in parts])


def _codes(cache: ColumnCache, name: str) -> Codes:
    return cache.shared(f"codes:{name}", Codes)  # type: ignore[no-any-return]


def single_column(cache: ColumnCache, searcher: Any, name: str) -> np.ndarray:
    return cache.get(searcher, f"facet:{name}", _single(cache, name))  # type: ignore[no-any-return]


def multi_column(cache: ColumnCache, searcher: Any, name: str) -> tuple[Any, Any]:
    build = _multi(cache, name)
    return cache.get(searcher, f"facet:{name}", build, _glue_pairs)  # type: ignore[no-any-return]


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
    return [(codes.values[c], int(counts[c])) for c in present[order]]


def dates(cache: ColumnCache, searcher: Any) -> np.ndarray:
    def build(source: SegmentSource) -> np.ndarray:
        return cache.sidecars.of(source)["updated"]

    return cache.get(searcher, "updated", build)  # type: ignore[no-any-return]


def newest_first(run: Run, docs: Mask, end: int) -> list[int]:
    """The first ``end`` of ``docs``, newest first (ties: lower document number)."""
    updated = dates(run.cache, run.searcher)
    found = np.flatnonzero(docs)
    order = np.lexsort((found, -updated[found]))[:end]
    return [int(d) for d in found[order]]


def warm(cache: ColumnCache, searcher: Any) -> None:
    """Read the facet and date columns of new segments now (writer thread)."""
    for name in _SINGLE:
        single_column(cache, searcher, name)
    for name in _MULTI:
        multi_column(cache, searcher, name)
    dates(cache, searcher)
