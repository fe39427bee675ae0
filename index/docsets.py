"""Matching-document sets and facet counts, without Whoosh's matcher trees.

Whoosh walks every match of a query through Python matcher objects; for a
common word at 10k entries that cost ~150 ms. Here the set of matches is set
algebra over posting lists read a block at a time, and facets are counted
from per-segment columns cached in a ColumnCache.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

from whoosh import query
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching.wrappers import FilterMatcher

from index.schema import FACET_FIELDS
from index.segcache import ColumnCache

_MULTI = ("tags", "themes")
_SINGLE = ("kind", "organisation", "classification")


def docset(searcher: Any, q: query.Query) -> set[int]:
    """Global numbers of the live documents matching ``q``."""
    reader = searcher.reader()
    if type(q) is query.Term:
        return term_docs(reader, q.fieldname, q.text)
    if isinstance(q, query.MultiTerm):  # prefix, fuzzy: the union of what they expand to
        out: set[int] = set()
        for fieldname, text in q.expanded_terms(reader):
            out |= term_docs(reader, fieldname, text)
        return out
    if isinstance(q, query.And):
        parts = sorted((docset(searcher, sub) for sub in q.subqueries), key=len)
        return set.intersection(*parts) if parts else set()
    if isinstance(q, query.Or | query.DisjunctionMax):
        union: set[int] = set()
        for sub in q.subqueries:
            union |= docset(searcher, sub)
        return union
    if isinstance(q, query.AndNot):
        return docset(searcher, q.a) - docset(searcher, q.b)
    if isinstance(q, query.Not):
        return all_docs(searcher) - docset(searcher, q.query)
    if isinstance(q, query.ConstantScoreQuery):
        return docset(searcher, q.child)
    if isinstance(q, query.Every):
        return all_docs(searcher)
    if q is query.NullQuery or isinstance(q, query.qcore._NullQuery):
        return set()
    return set(searcher.docs_for_query(q))  # phrases: Whoosh checks the positions


def all_docs(searcher: Any) -> set[int]:
    return set(searcher.reader().all_doc_ids())


def leaf_postings(reader: Any, fieldname: str, text: str | bytes) -> Iterator[tuple[Any, int, Any]]:
    """(segment reader, doc offset, raw W3 matcher) per segment holding the term."""
    for leaf, offset in reader.leaf_readers():
        if leaf.segment() is None or (fieldname, text) not in leaf:
            continue
        matcher = leaf.postings(fieldname, text)
        if isinstance(matcher, FilterMatcher):  # deletions: callers drop them themselves
            matcher = matcher.child
        yield leaf, offset, matcher


def blocks(matcher: Any) -> Iterator[tuple[Any, Any]]:
    """(ids, weights) arrays of each posting block.

    Whoosh's all_ids() walks postings one Python call at a time; the W3 codec
    keeps each block in arrays, so take them a block at a time.
    """
    if not isinstance(matcher, W3LeafMatcher):
        pairs = list(matcher.items_as("weight"))
        yield [p[0] for p in pairs], [p[1] for p in pairs]
        return
    while matcher.is_active():
        if matcher._ids is None:
            matcher._read_ids()
        if matcher._weights is None:
            matcher._read_weights()
        start = matcher._i
        yield matcher._ids[start:], matcher._weights[start:]
        matcher._next_block()


def term_docs(reader: Any, fieldname: str, text: str | bytes) -> set[int]:
    """Live documents holding one term."""
    out: set[int] = set()
    for leaf, offset, matcher in leaf_postings(reader, fieldname, text):
        ids: set[int] = set()
        for block_ids, _weights in blocks(matcher):
            ids.update(block_ids)
        ids -= leaf.deleted_docs_set
        out |= {d + offset for d in ids} if offset else ids
    return out


# -- facets and dates ---------------------------------------------------------------
def _column(leaf: Any, name: str, default: Any) -> list[Any]:
    count = leaf.doc_count_all()
    if not leaf.has_column(name):
        return [default] * count
    # raw values and our own decoding: Whoosh's translating reader costs a few
    # Python calls per document and value
    reader = leaf.column_reader(name, translate=False)
    return [reader[i] for i in range(count)]


def _single(name: str) -> Any:
    def build(leaf: Any) -> list[str]:
        seen: dict[bytes, str] = {}
        raws = _column(leaf, FACET_FIELDS[name], b"")
        return [seen.get(r) or seen.setdefault(r, r.decode("utf-8")) for r in raws]

    return build


def _multi(name: str) -> Any:
    def build(leaf: Any) -> list[tuple[str, ...]]:
        seen: dict[bytes, str] = {}
        return [
            tuple(seen.get(v) or seen.setdefault(v, v.decode("utf-8")) for v in vals or ())
            for vals in _column(leaf, FACET_FIELDS[name], [])
        ]

    return build


def _dates(leaf: Any) -> list[int]:
    return _column(leaf, "updated", 0)


def count_facets(
    cache: ColumnCache, searcher: Any, docs: set[int], limit: int
) -> dict[str, list[tuple[str, int]]]:
    facets: dict[str, list[tuple[str, int]]] = {}
    for name in _SINGLE:
        values = cache.get(searcher, f"facet:{name}", _single(name))
        facets[name] = _top(Counter(values[d] for d in docs), limit)
    for name in _MULTI:
        lists = cache.get(searcher, f"facet:{name}", _multi(name))
        facets[name] = _top(Counter(v for d in docs for v in lists[d]), limit)
    return {name: facets[name] for name in FACET_FIELDS}


def _top(counts: Counter[str], limit: int) -> list[tuple[str, int]]:
    ordered = sorted(((k, n) for k, n in counts.items() if k), key=lambda kv: (-kv[1], kv[0]))
    return ordered[:limit]


def newest_first(cache: ColumnCache, searcher: Any, docs: set[int]) -> list[int]:
    updated = cache.get(searcher, "updated", _dates)
    return sorted(docs, key=lambda d: (-updated[d], d))
