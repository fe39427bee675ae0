"""BM25F scores of the matching documents, computed over posting arrays.

Same formula and parameters as Whoosh's default BM25F (B=0.75, K1=1.2, its
idf and average field lengths), but evaluated term by term over arrays with
field lengths from a ColumnCache, instead of through Whoosh's per-document
matcher tree, which dominated query time (see bench/quick_index_latency.py).
Only documents already known to match (the docset) are scored.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from index.engine import docsets
from index.engine.phrases import phrase_docs
from index.engine.postings import Mask, Run
from index.engine.segcache import ColumnCache
from index.engine.source import Searcher, SegmentSource, TermText
from index.query import tree
from index.query.parser import DEFAULT_FIELDS
from index.query.tree import Node

B, K1 = 0.75, 1.2


def top_docs(run: Run, q: Node, docs: Mask, n: int) -> list[tuple[int, float]]:
    """The ``n`` best of ``docs`` for ``q``, best first (ties: older documents first)."""
    scores = np.zeros(run.size, dtype=np.float64)
    _score(run, q, 1.0, docs, scores)
    found = np.flatnonzero(docs)
    return best_of(found, scores[found], n)


def best_of(found: np.ndarray, values: np.ndarray, n: int) -> list[tuple[int, float]]:
    """The ``n`` highest ``values`` with their ``found`` numbers; ties by lower number."""
    if n <= 0 or not found.size:
        return []
    if found.size > n:
        # everything tied with the n-th best stays, so the tie order is exact
        nth = np.partition(values, found.size - n)[found.size - n]
        keep = values >= nth
        found, values = found[keep], values[keep]
    order = np.lexsort((found, -values))[:n]
    return [(int(found[i]), float(values[i])) for i in order]


def _score(run: Run, q: Node, boost: float, docs: Mask, acc: np.ndarray) -> None:
    """Add ``q``'s contribution into ``acc`` (only entries of ``docs`` are read later)."""
    boost *= q.boost
    if isinstance(q, tree.Term):
        add_term(run, q.field, q.text, boost, None, acc)
    elif isinstance(q, tree.Prefix | tree.Fuzzy):
        for fieldname, text in run.expanded(q):
            add_term(run, fieldname, text, boost, None, acc)
    elif isinstance(q, tree.Phrase):
        hits = phrase_docs(run, q) & docs
        for word in q.words:
            add_term(run, q.field, word, boost, hits, acc)
    elif isinstance(q, tree.BestOf):
        _add_best(run, q, boost, docs, acc)
    elif isinstance(q, tree.And | tree.Or):
        for sub in q.parts:
            _score(run, sub, boost, docs, acc)
    elif isinstance(q, tree.AndNot):
        _score(run, q.positive, boost, docs, acc)
    # Not, Filter, Every, Nothing: no contribution


def _add_best(run: Run, q: tree.BestOf, boost: float, docs: Mask, acc: np.ndarray) -> None:
    best = np.zeros(acc.shape, dtype=np.float64)
    for sub in q.parts:
        part = np.zeros(acc.shape, dtype=np.float64)
        _score(run, sub, boost, docs, part)
        np.maximum(best, part, out=best)
    acc += best


def _lengths(fieldname: str) -> Callable[[SegmentSource], np.ndarray]:
    return lambda source: source.field_lengths(fieldname)


def add_term(
    run: Run, fieldname: str, text: TermText, boost: float, only: Mask | None, acc: np.ndarray
) -> None:
    """BM25F of one term for the documents holding it (of ``only``, if given)."""
    # The cached live postings answer "is the term there" (empty when not): asking
    # the reader's term table first cost a hash lookup per segment, per term.
    ids, weights = run.postings(fieldname, text)
    if only is not None and ids.size:
        keep = only[ids]
        ids, weights = ids[keep], weights[keep]
    if not ids.size:
        return
    searcher = run.searcher
    factor = boost * searcher.idf(fieldname, text) * (K1 + 1)
    avgfl = searcher.avg_field_length(fieldname) or 1.0
    lengths = run.cache.get(searcher, f"len:{fieldname}", _lengths(fieldname))
    flat, slope = K1 * (1 - B), K1 * B / avgfl
    acc[ids] += factor * weights / (weights + flat + slope * lengths[ids])


def warm(cache: ColumnCache, searcher: Searcher) -> None:
    """Read what every search needs from new segments: facets, dates, lengths."""
    docsets.warm(cache, searcher)
    for fieldname in DEFAULT_FIELDS:
        cache.get(searcher, f"len:{fieldname}", _lengths(fieldname))
