"""The steps of one search, from user text to SearchResults.

1. empty or ``*`` browses (filters only); otherwise parse (never raises);
2. expand Dutch compounds against the hub's vocabulary;
3. run with facets; if an implicit AND finds nothing, retry as OR so a
   long query still finds the closest notes;
4. snippets for the page, and "did you mean" when the strict query found few.
A query Whoosh still rejects at search time is retried as bare words.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from index.engine.docsets import docset
from index.engine.postings import Run
from index.query import tree
from index.query.parser import clean, plain_words
from index.query.tree import Node
from index.schema import FACET_FIELDS
from index.search import hits, spelling
from index.types import ERR_SYNTAX, SearchResults

if TYPE_CHECKING:
    from index.core import SearchIndex

log = logging.getLogger(__name__)

_Outcome = tuple[int, list[tuple[int, float]], dict[str, list[tuple[str, int]]]]


@dataclass
class _Request:
    ix: SearchIndex
    text: str
    mask: Node | None
    limit: int
    page: int
    sort: str

    def run(self, q: Node) -> _Outcome:
        return hits.execute(
            self.ix.searcher,
            self.ix.columns,
            hits.masked(q, self.mask),
            limit=self.limit,
            page=self.page,
            sort=self.sort,
        )

    def try_run(self, q: Node) -> _Outcome | None:
        try:
            return self.run(q)
        except Exception as exc:  # engine corner cases must not reach the user
            log.warning("query rejected at search time (%s)", type(exc).__name__)
            return None


def _empty(text: str, error: str | None) -> SearchResults:
    facets: dict[str, list[tuple[str, int]]] = {name: [] for name in FACET_FIELDS}
    return SearchResults(text, 0, [], facets, None, error)


def run_search(
    ix: SearchIndex, text: str, mask: Node | None, limit: int, page: int, sort: str
) -> SearchResults:
    req = _Request(
        ix, text, mask, limit, page, sort if sort in ("relevance", "date") else "relevance"
    )
    if ix.browse(text):
        req.sort = "date"  # nothing to rank by: newest first
        return _results(ix, text, tree.Nothing(), req.run(mask or tree.Every()), None, None)
    q, error = ix.parser.parse(text)
    if q is None:
        return _empty(text, error)
    q = ix.expand(q)
    first = req.try_run(q)
    if first is None:
        q, error = _words_only(ix, text), ERR_SYNTAX
        first = req.try_run(q) if q is not None else None
    if first is None or q is None:
        return _empty(text, ERR_SYNTAX)
    outcome = first
    strict_total = outcome[0]
    if strict_total == 0 and isinstance(q, tree.And) and _plain_words(text):
        q, outcome = _relaxed(req, q, outcome)
    suggestion = None
    if strict_total < hits.FEW_HITS:
        suggestion = _useful_suggestion(
            req,
            spelling.suggest(
                ix.searcher, ix.columns.lexicons.view(ix.searcher.reader()), clean(text)
            ),
        )
    return _results(ix, text, q, outcome, suggestion, error)


def _useful_suggestion(req: _Request, suggestion: str | None) -> str | None:
    """Offer a correction only if it finds something the caller may see.

    The speller knows every indexed word; without this check a word from a
    note above the caller's classification ceiling could surface as a hint.
    """
    if suggestion is None:
        return None
    q, _ = req.ix.parser.parse(suggestion)
    if q is None:
        return None
    run = Run(req.ix.searcher, req.ix.columns)
    found = docset(run, hits.masked(req.ix.expand(q), req.mask))
    return suggestion if found.any() else None


_OPERATOR_WORDS = frozenset({"AND", "OR", "NOT", "ANDNOT", "EN", "OF", "NIET"})


def _plain_words(text: str) -> bool:
    """Typed as plain words: no operators, quotes, fields or groups to respect."""
    if any(c in text for c in '":()*~'):
        return False
    return not any(word in _OPERATOR_WORDS for word in text.split())


def _words_only(ix: SearchIndex, text: str) -> Node | None:
    fallback, _ = ix.parser.parse(plain_words(clean(text)))
    return ix.expand(fallback) if fallback is not None else None


def _relaxed(req: _Request, q: Node, outcome: _Outcome) -> tuple[Node, _Outcome]:
    """Any-word version of a query whose all-words version found nothing."""
    relaxed, _ = req.ix.parser.parse(req.text, relaxed=True)
    if relaxed is None:
        return q, outcome
    relaxed = req.ix.expand(relaxed)
    found = req.try_run(relaxed)
    return (relaxed, found) if found is not None else (q, outcome)


def _results(
    ix: SearchIndex,
    text: str,
    q: Node,
    outcome: _Outcome,
    suggestion: str | None,
    error: str | None,
) -> SearchResults:
    total, docs, facets = outcome
    run = Run(ix.searcher, ix.columns)
    stems = hits.query_stems(run, q) if not isinstance(q, tree.Nothing) else {}
    found = hits.build_hits(ix, docs, stems)
    return SearchResults(text, total, found, facets, suggestion, error)
