"""Matching-document sets and facet counts, without Whoosh's matcher trees.

Whoosh walks every match of a query through Python matcher objects; for a
common word at 10k entries that cost ~150 ms. Here the set of matches is set
algebra over posting lists (index.postings), and facets are counted from
per-segment columns cached in a ColumnCache.
"""

from __future__ import annotations

from collections import Counter
from itertools import chain
from operator import itemgetter
from typing import Any

from whoosh import query

from index.postings import Run
from index.schema import FACET_FIELDS
from index.segcache import ColumnCache

_MULTI = ("tags", "themes")
_SINGLE = ("kind", "organisation", "classification")


def docset(run: Run, q: query.Query) -> set[int]:
    """Global numbers of the live documents matching ``q``."""
    if type(q) is query.Term:
        return run.term_docs(q.fieldname, q.text)
    if isinstance(q, query.MultiTerm):  # prefix, fuzzy: the union of what they expand to
        out: set[int] = set()
        for fieldname, text in q.expanded_terms(run.reader):
            out |= run.term_docs(fieldname, text)
        return out
    if isinstance(q, query.And):
        parts = sorted((docset(run, sub) for sub in q.subqueries), key=len)
        return set.intersection(*parts) if parts else set()
    if isinstance(q, query.Or | query.DisjunctionMax):
        union: set[int] = set()
        for sub in q.subqueries:
            union |= docset(run, sub)
        return union
    if isinstance(q, query.AndNot):
        return docset(run, q.a) - docset(run, q.b)
    if isinstance(q, query.Not):
        return run.all_docs() - docset(run, q.query)
    if isinstance(q, query.ConstantScoreQuery):
        return docset(run, q.child)
    if isinstance(q, query.Every):
        return set(run.all_docs())
    if isinstance(q, query.Phrase) and q.words:
        return run.phrase_docs(q)
    if q is query.NullQuery or isinstance(q, query.qcore._NullQuery):
        return set()
    return set(run.searcher.docs_for_query(q))


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


def count_facets(run: Run, docs: set[int], limit: int) -> dict[str, list[tuple[str, int]]]:
    cache, searcher = run.cache, run.searcher
    facets: dict[str, list[tuple[str, int]]] = {}
    # itemgetter(*docs) pulls every matching row in one C call
    pick = itemgetter(*docs) if len(docs) > 1 else (lambda rows: tuple(rows[d] for d in docs))
    for name in _SINGLE:
        values = cache.get(searcher, f"facet:{name}", _single(name))
        facets[name] = _top(Counter(pick(values)), limit)
    for name in _MULTI:
        lists = cache.get(searcher, f"facet:{name}", _multi(name))
        facets[name] = _top(Counter(chain.from_iterable(pick(lists))), limit)
    return {name: facets[name] for name in FACET_FIELDS}


def _top(counts: Counter[str], limit: int) -> list[tuple[str, int]]:
    ordered = sorted(((k, n) for k, n in counts.items() if k), key=lambda kv: (-kv[1], kv[0]))
    return ordered[:limit]


def newest_first(run: Run, docs: set[int]) -> list[int]:
    updated = run.cache.get(run.searcher, "updated", _dates)
    return sorted(docs, key=lambda d: (-updated[d], d))


def warm(cache: ColumnCache, searcher: Any) -> None:
    """Read the facet and date columns of new segments now (writer thread)."""
    for name in _SINGLE:
        cache.get(searcher, f"facet:{name}", _single(name))
    for name in _MULTI:
        cache.get(searcher, f"facet:{name}", _multi(name))
    cache.get(searcher, "updated", _dates)
