"""The steps of one search, from user text to SearchResults.

1. empty or ``*`` browses (filters only); otherwise parse (never raises);
2. expand Dutch compounds against the hub's vocabulary;
3. run with facets; if an implicit AND finds nothing, retry as OR so a
   long query still finds the closest notes;
4. snippets for the page, and "did you mean" when the strict query found few.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from whoosh import query

from index import searching
from index.queries import clean, plain_words
from index.schema import FACET_FIELDS
from index.types import ERR_SYNTAX, SearchResults

if TYPE_CHECKING:
    from index.core import SearchIndex

log = logging.getLogger(__name__)

_Outcome = tuple[int, list[tuple[int, float]], dict[str, list[tuple[str, int]]]]


def _empty(text: str, error: str | None, suggestion: str | None = None) -> SearchResults:
    facets: dict[str, list[tuple[str, int]]] = {name: [] for name in FACET_FIELDS}
    return SearchResults(text, 0, [], facets, suggestion, error)


def _masked(q: query.Query, mask: query.Query | None) -> query.Query:
    return q if mask is None else query.Require(q, mask)


def run_search(
    ix: SearchIndex, text: str, mask: query.Query | None, limit: int, page: int, sort: str
) -> SearchResults:
    sort = sort if sort in ("relevance", "date") else "relevance"
    searcher = ix.searcher
    if ix.browse(text):
        outcome = searching.execute(
            searcher, mask or query.Every(), limit=limit, page=page, sort=sort
        )
        return _results(ix, text, query.NullQuery, outcome, None, None)
    q, error = ix.parser.parse(text)
    if q is None:
        return _empty(text, error)
    q = ix.expand(q)
    outcome, q, error = _run_safely(ix, text, q, mask, limit, page, sort, error)
    if outcome is None:
        return _empty(text, ERR_SYNTAX)
    strict_total = outcome[0]
    if strict_total == 0 and isinstance(q, query.And):
        relaxed, _ = ix.parser.parse(text, relaxed=True)
        if relaxed is not None:
            q = ix.expand(relaxed)
            outcome = searching.execute(searcher, _masked(q, mask), limit=limit, page=page, sort=sort)
    suggestion = None
    if strict_total < searching.FEW_HITS:
        suggestion = searching.suggest(searcher, clean(text))
    return _results(ix, text, q, outcome, suggestion, error)


def _run_safely(
    ix: SearchIndex,
    text: str,
    q: query.Query,
    mask: query.Query | None,
    limit: int,
    page: int,
    sort: str,
    error: str | None,
) -> tuple[_Outcome | None, query.Query, str | None]:
    """Run ``q``; if Whoosh rejects it at search time, run the bare words instead."""
    searcher = ix.searcher
    try:
        return searching.execute(searcher, _masked(q, mask), limit=limit, page=page, sort=sort), q, error
    except Exception as exc:
        log.info("query rejected at search time (%s); retrying as words", type(exc).__name__)
    fallback, _ = ix.parser.parse(plain_words(clean(text)))
    if fallback is None:
        return None, q, ERR_SYNTAX
    fallback = ix.expand(fallback)
    try:
        outcome = searching.execute(searcher, _masked(fallback, mask), limit=limit, page=page, sort=sort)
    except Exception as exc:
        log.warning("query failed twice (%s)", type(exc).__name__)
        return None, q, ERR_SYNTAX
    return outcome, fallback, ERR_SYNTAX


def _results(
    ix: SearchIndex,
    text: str,
    q: Any,
    outcome: _Outcome,
    suggestion: str | None,
    error: str | None,
) -> SearchResults:
    total, docs, facets = outcome
    stems = searching.query_stems(ix.searcher, q) if q is not query.NullQuery else {}
    hits = searching.build_hits(ix.searcher, docs, stems)
    return SearchResults(text, total, hits, facets, suggestion, error)
