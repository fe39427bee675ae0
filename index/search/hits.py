"""Running a parsed query: filters, facets, paging, snippets, "did you mean".

Functions here take an open Whoosh searcher and return plain values; the
locking and searcher lifetime belong to :class:`index.core.SearchIndex`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial
from typing import Any, Protocol

import numpy as np

from index.analysis import EDGE_MAX, LANGUAGES, words
from index.config import IndexConfig
from index.engine.docsets import count_facets, docset, newest_first
from index.engine.postings import Run
from index.engine.scoring import top_docs
from index.engine.segcache import ColumnCache
from index.engine.source import Searcher, TermText
from index.query import tree
from index.query.parser import clean
from index.query.tree import Leaf, Node
from index.schema import FACET_FIELDS
from index.search.snippets import make_snippet
from index.types import Hit, TitleHit

FACET_LIMIT = 50  # values per facet; tags can run into the hundreds
FEW_HITS = 3  # below this many hits, offer "did you mean"
_FILTER_FIELDS = {**FACET_FIELDS, "language": "language"}
_LOWERCASE_FIELDS = frozenset({"kind", "tags", "themes", "classification", "language"})


def restriction(
    kind: str | None,
    filters: Mapping[str, str] | None,
    max_classification: str | None,
    config: IndexConfig,
) -> Node | None:
    """The non-scoring part of a search: kind, facet filters, classification ceiling."""
    parts: list[Node] = []
    if kind:
        parts.append(tree.Term("kind", kind.lower()))
    for key, value in (filters or {}).items():
        field = _FILTER_FIELDS.get(key)
        if field is None:
            raise ValueError(f"unknown filter {key!r}")
        parts.append(tree.Term(field, value.lower() if field in _LOWERCASE_FIELDS else value))
    if max_classification is not None:
        parts.append(classification_ceiling(config.allowed_levels(max_classification)))
    if not parts:
        return None
    return tree.all_of(parts)


def masked(q: Node, mask: Node | None) -> Node:
    """``q`` limited to documents matching ``mask``, scored by ``q`` alone."""
    if mask is None:
        return q
    return tree.And((q, tree.Filter(mask)))


def classification_ceiling(levels: tuple[str, ...]) -> Node:
    """Documents at one of ``levels`` (IndexConfig.allowed_levels); none for no levels."""
    if not levels:
        return tree.Nothing()
    return tree.any_of([tree.Term("classification", c) for c in levels])


def execute(
    searcher: Searcher, cache: ColumnCache, q: Node, *, limit: int, page: int, sort: str
) -> tuple[int, list[tuple[int, float]], dict[str, list[tuple[str, int]]]]:
    """Return (total, [(docnum, score)] of the page, facets).

    The match set and facets come from set algebra (index.engine.docsets) and only
    the page is ranked (index.engine.scoring): no Whoosh matcher walks every match.
    """
    run = Run(searcher, cache)
    docs = docset(run, q)
    total = int(np.count_nonzero(docs))
    facets = count_facets(run, docs, FACET_LIMIT)
    start = (page - 1) * limit
    if sort == "date":
        page_docs = newest_first(run, docs, start + limit)[start:]
        return total, [(d, 0.0) for d in page_docs], facets
    return total, top_docs(run, q, docs, page * limit)[start:], facets


def _positive_leaves(q: Node) -> list[Leaf]:
    """Word leaves outside any NOT: excluded words must not be highlighted."""
    if isinstance(q, tree.Not):
        return []
    if isinstance(q, tree.AndNot):
        return _positive_leaves(q.positive)
    if isinstance(q, tree.Term | tree.Prefix | tree.Fuzzy | tree.Phrase):
        return [q]
    return [leaf for child in tree.children(q) for leaf in _positive_leaves(child)]


def _leaf_terms(run: Run, leaf: Leaf) -> list[tuple[str, TermText]]:
    if isinstance(leaf, tree.Prefix | tree.Fuzzy):
        return run.expanded(leaf)
    if isinstance(leaf, tree.Phrase):
        return [(leaf.field, word) for word in leaf.words]
    return [(leaf.field, leaf.text)]


def _existing_terms(run: Run, q: Node) -> set[tuple[str, TermText]]:
    # Live postings rather than the lexicon: matching the query decoded them
    # already (a cache hit per term, where the reader's lookup walks every
    # segment's term table), and a term no live document holds marks nothing.
    found: set[tuple[str, TermText]] = set()
    for leaf in _positive_leaves(q):
        for field, text in _leaf_terms(run, leaf):
            if run.postings(field, text)[0].size:
                found.add((field, text))
    return found


def query_stems(run: Run, q: Node) -> dict[str, frozenset[str]]:
    """Indexed terms the query can match, per document language (for snippets)."""
    terms: dict[str, set[str]] = {lang: set() for lang in LANGUAGES}
    try:
        found = _existing_terms(run, q)
    except Exception:  # a snippet without marks beats no results
        found = set()
    for field, text in found:
        value = text.decode("utf-8") if isinstance(text, bytes) else str(text)
        for lang in LANGUAGES:
            if field.endswith(f"_{lang}") or field == "org":
                terms[lang].add(value)
    return {lang: frozenset(v) for lang, v in terms.items()}


class Shown(Protocol):
    """Where a page's records and snippets come from (SearchIndex: kept per searcher)."""

    def stored_fields(self, docnum: int) -> Mapping[str, Any]: ...

    def snippet(
        self, docnum: int, stems: frozenset[str], lang: str, make: Callable[[], str]
    ) -> str: ...


def build_hits(
    shown: Shown, docs: list[tuple[int, float]], stems: Mapping[str, frozenset[str]]
) -> list[Hit]:
    hits = []
    no_stems: frozenset[str] = frozenset()
    for docnum, score in docs:
        stored = shown.stored_fields(docnum)
        lang = stored.get("language", "nl")
        text = stored.get("snippet", "")
        marked = stems.get(lang, no_stems)
        make = partial(make_snippet, text, marked, lang)
        hits.append(
            Hit(
                id=stored["id"],
                kind=stored.get("kind", ""),
                title=stored.get("title", ""),
                score=float(score),
                snippet=shown.snippet(docnum, marked, lang, make),
            )
        )
    return hits


# -- as-you-type titles ------------------------------------------------------------
def title_hits(
    searcher: Searcher, cache: ColumnCache, shown: Shown, prefix: str, limit: int, mask: Node | None
) -> list[TitleHit]:
    """The best titles for what is typed so far (edge n-grams of each word)."""
    parts = [tree.Term("title_ac", w[:EDGE_MAX]) for w in words(clean(prefix))[:8]]
    if not parts:
        return []
    q = masked(tree.And(tuple(parts)), mask)
    run = Run(searcher, cache)
    best = top_docs(run, q, docset(run, q), max(1, limit))
    stored = [shown.stored_fields(d) for d, _score in best]
    return [TitleHit(id=h["id"], kind=h.get("kind", ""), title=h.get("title", "")) for h in stored]
