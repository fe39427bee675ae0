"""BM25F scores of the matching documents, computed over posting blocks.

Same formula and parameters as Whoosh's default BM25F (B=0.75, K1=1.2, its
idf and average field lengths), but evaluated term by term over arrays with
field lengths from a ColumnCache, instead of through Whoosh's per-document
matcher tree, which dominated query time (see bench/quick_index_latency.py).
Only documents already known to match (the docset) are scored.
"""

from __future__ import annotations

import heapq
from typing import Any

from whoosh import query

from index.docsets import blocks, docset, leaf_postings
from index.segcache import ColumnCache

B, K1 = 0.75, 1.2
Scores = dict[int, float]


def top_docs(
    searcher: Any, cache: ColumnCache, q: query.Query, docs: set[int], n: int
) -> list[tuple[int, float]]:
    """The ``n`` best of ``docs`` for ``q``, best first (ties: older documents first)."""
    scores = _score(searcher, cache, q, 1.0, docs)
    best = heapq.nlargest(n, docs, key=lambda d: (scores.get(d, 0.0), -d))
    return [(d, scores.get(d, 0.0)) for d in best]


def _score(
    searcher: Any, cache: ColumnCache, q: query.Query, boost: float, docs: set[int]
) -> Scores:
    boost *= q.boost
    if type(q) is query.Term:
        return term_scores(searcher, cache, q.fieldname, q.text, boost, docs)
    if isinstance(q, query.MultiTerm):
        return _sum(
            term_scores(searcher, cache, f, t, boost, docs)
            for f, t in q.expanded_terms(searcher.reader())
        )
    if isinstance(q, query.Phrase):
        hits = docset(searcher, q) & docs
        return _sum(term_scores(searcher, cache, q.fieldname, w, boost, hits) for w in q.words)
    if isinstance(q, query.DisjunctionMax):
        return _max(_score(searcher, cache, sub, boost, docs) for sub in q.subqueries)
    if isinstance(q, query.And | query.Or):
        return _sum(_score(searcher, cache, sub, boost, docs) for sub in q.subqueries)
    if isinstance(q, query.AndNot):
        return _score(searcher, cache, q.a, boost, docs)
    return {}  # NOT, filters (ConstantScoreQuery), Every: no contribution


def _sum(parts: Any) -> Scores:
    total: Scores = {}
    for part in parts:
        for d, s in part.items():
            total[d] = total.get(d, 0.0) + s
    return total


def _max(parts: Any) -> Scores:
    best: Scores = {}
    for part in parts:
        for d, s in part.items():
            if s > best.get(d, 0.0):
                best[d] = s
    return best


def _lengths(fieldname: str) -> Any:
    def build(leaf: Any) -> list[int]:
        length = leaf.doc_field_length
        return [length(i, fieldname, 0) for i in range(leaf.doc_count_all())]

    return build


def term_scores(
    searcher: Any, cache: ColumnCache, fieldname: str, text: Any, boost: float, docs: set[int]
) -> Scores:
    reader = searcher.reader()
    if not docs or (fieldname, text) not in reader:
        return {}
    factor = boost * searcher.idf(fieldname, text) * (K1 + 1)
    avgfl = searcher.avg_field_length(fieldname) or 1.0
    lengths = cache.get(searcher, f"len:{fieldname}", _lengths(fieldname))
    flat, slope = K1 * (1 - B), K1 * B / avgfl
    out: Scores = {}
    for _leaf, offset, matcher in leaf_postings(reader, fieldname, text):
        for ids, weights in blocks(matcher):
            for d, tf in zip(ids, weights, strict=True):
                g = d + offset
                if g in docs:
                    out[g] = factor * tf / (tf + flat + slope * lengths[g])
    return out
