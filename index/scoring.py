"""BM25F scores of the matching documents, computed over posting arrays.

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
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
from whoosh.util.numeric import byte_to_length

from index import docsets
from index.postings import Run
from index.queries import DEFAULT_FIELDS
from index.segcache import ColumnCache

B, K1 = 0.75, 1.2
Scores = dict[int, float]


def top_docs(run: Run, q: query.Query, docs: set[int], n: int) -> list[tuple[int, float]]:
    """The ``n`` best of ``docs`` for ``q``, best first (ties: older documents first)."""
    scores: Scores = {}
    _score(run, q, 1.0, docs, scores)
    best = heapq.nlargest(n, docs, key=lambda d: (scores.get(d, 0.0), -d))
    return [(d, scores.get(d, 0.0)) for d in best]


def _score(run: Run, q: query.Query, boost: float, docs: set[int], acc: Scores) -> None:
    """Add ``q``'s contribution for each of ``docs`` into ``acc``."""
    boost *= getattr(q, "boost", 1.0)
    if type(q) is query.Term:
        add_term(run, q.fieldname, q.text, boost, docs, acc)
    elif isinstance(q, query.MultiTerm):
        for fieldname, text in q.expanded_terms(run.reader):
            add_term(run, fieldname, text, boost, docs, acc)
    elif isinstance(q, query.Phrase):
        hits = run.phrase_docs(q) & docs
        for word in q.words:
            add_term(run, q.fieldname, word, boost, hits, acc)
    elif isinstance(q, query.DisjunctionMax):
        _add_best(run, q, boost, docs, acc)
    elif isinstance(q, query.And | query.Or):
        for sub in q.subqueries:
            _score(run, sub, boost, docs, acc)
    elif isinstance(q, query.AndNot):
        _score(run, q.a, boost, docs, acc)
    # NOT, filters (ConstantScoreQuery), Every: no contribution


def _add_best(run: Run, q: query.Query, boost: float, docs: set[int], acc: Scores) -> None:
    best: Scores = {}
    for sub in q.subqueries:
        part: Scores = {}
        _score(run, sub, boost, docs, part)
        for d, s in part.items():
            if s > best.get(d, 0.0):
                best[d] = s
    for d, s in best.items():
        acc[d] = acc.get(d, 0.0) + s


def _lengths(fieldname: str) -> Any:
    def build(leaf: Any) -> list[int]:
        fast = _lengths_at_once(leaf, fieldname)
        if fast is not None:
            return fast
        length = leaf.doc_field_length
        return [length(i, fieldname, 0) for i in range(leaf.doc_count_all())]

    return build


def _lengths_at_once(leaf: Any, fieldname: str) -> list[int] | None:
    """All of a segment's field lengths from one slice of the W3 lengths column.

    Per document the lookup is several Python calls; at 100k entries that
    made the first search after unlock cost seconds. The column is one
    length byte per document, so it is decoded with one table lookup each.
    """
    try:
        column = leaf._perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
    except AttributeError:  # not a W3 segment: the slow path still works
        return None
    count = leaf.doc_count_all()
    if column is None:
        return [0] * count
    stored = min(column._count, count)
    raw = bytes(column._dbfile.get(column._basepos, stored)) if stored else b""
    return [byte_to_length(b) for b in raw] + [0] * (count - stored)


def add_term(
    run: Run, fieldname: str, text: Any, boost: float, docs: set[int], acc: Scores
) -> None:
    searcher = run.searcher
    if not docs or (fieldname, text) not in run.reader:
        return
    factor = boost * searcher.idf(fieldname, text) * (K1 + 1)
    avgfl = searcher.avg_field_length(fieldname) or 1.0
    lengths = run.cache.get(searcher, f"len:{fieldname}", _lengths(fieldname))
    flat, slope = K1 * (1 - B), K1 * B / avgfl
    ids, weights = run.postings(fieldname, text)
    get = acc.get
    for d, tf in zip(ids, weights, strict=True):
        if d in docs:
            acc[d] = get(d, 0.0) + factor * tf / (tf + flat + slope * lengths[d])


def warm(cache: ColumnCache, searcher: Any) -> None:
    """Read what every search needs from new segments: facets, dates, lengths."""
    docsets.warm(cache, searcher)
    for fieldname in DEFAULT_FIELDS:
        cache.get(searcher, f"len:{fieldname}", _lengths(fieldname))
