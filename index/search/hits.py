"""Running a parsed query: filters, facets, paging, snippets, "did you mean".

Functions here take an open Whoosh searcher and return plain values; the
locking and searcher lifetime belong to :class:`index.core.SearchIndex`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import numpy as np
from whoosh import query

from index.analysis import LANGUAGES, STOP_WORDS, fold, stem
from index.engine.docsets import count_facets, docset, newest_first
from index.engine.postings import Run
from index.engine.scoring import top_docs
from index.engine.segcache import ColumnCache
from index.schema import CLASSIFICATIONS, FACET_FIELDS
from index.search.snippets import make_snippet
from index.types import Hit

FACET_LIMIT = 50  # values per facet; tags can run into the hundreds
FEW_HITS = 3  # below this many hits, offer "did you mean"
_FILTER_FIELDS = {**FACET_FIELDS, "language": "language"}
_LOWERCASE_FIELDS = frozenset({"kind", "tags", "themes", "classification", "language"})


def restriction(
    kind: str | None, filters: Mapping[str, str] | None, max_classification: str | None
) -> query.Query | None:
    """The non-scoring part of a search: kind, facet filters, classification ceiling."""
    parts: list[query.Query] = []
    if kind:
        parts.append(query.Term("kind", kind.lower()))
    for key, value in (filters or {}).items():
        field = _FILTER_FIELDS.get(key)
        if field is None:
            raise ValueError(f"unknown filter {key!r}")
        parts.append(query.Term(field, value.lower() if field in _LOWERCASE_FIELDS else value))
    if max_classification is not None:
        parts.append(classification_ceiling(max_classification))
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else query.And(parts)


def masked(q: query.Query, mask: query.Query | None) -> query.Query:
    """``q`` limited to documents matching ``mask``, scored by ``q`` alone.

    Not query.Require: its matcher's skip_to_quality() trips an assertion in
    whoosh-reloaded 2.7.5 when both sides already sit on the same document.
    """
    if mask is None:
        return q
    return query.And([q, query.ConstantScoreQuery(mask, 0.0)])


def allowed_levels(level: str) -> tuple[str, ...]:
    """Classifications at or below ``level``; an unknown level fails closed (public only)."""
    top = CLASSIFICATIONS.index(level) if level in CLASSIFICATIONS else 0
    return CLASSIFICATIONS[: top + 1]


def classification_ceiling(level: str) -> query.Query:
    return query.Or([query.Term("classification", c) for c in allowed_levels(level)])


def execute(
    searcher: Any, cache: ColumnCache, q: query.Query, *, limit: int, page: int, sort: str
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


def _positive_leaves(q: query.Query) -> list[query.Query]:
    """Leaf queries outside any NOT: excluded words must not be highlighted."""
    if isinstance(q, query.Not):
        return []
    if isinstance(q, query.AndNot):
        return _positive_leaves(q.a)
    if q.is_leaf():
        return [q]
    return [leaf for child in q.children() for leaf in _positive_leaves(child)]


def _existing_terms(run: Run, q: query.Query) -> set[tuple[str, bytes]]:
    # Query.existing_terms() reuses its ``fieldname`` argument as a loop
    # variable in whoosh-reloaded 2.7.5 and silently drops most leaves.
    reader = run.reader
    found: set[tuple[str, bytes]] = set()
    for leaf in _positive_leaves(q):
        if isinstance(leaf, query.MultiTerm):
            terms = run.expanded(leaf)
        else:
            terms = leaf.expanded_terms(reader, phrases=True)
        for field, text in terms:
            btext = text if isinstance(text, bytes) else str(text).encode("utf-8")
            if (field, btext) in reader:
                found.add((field, btext))
    return found


def query_stems(run: Run, q: query.Query) -> dict[str, frozenset[str]]:
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


def build_hits(
    searcher: Any, docs: list[tuple[int, float]], stems: Mapping[str, frozenset[str]]
) -> list[Hit]:
    hits = []
    for docnum, score in docs:
        stored = searcher.stored_fields(docnum)
        lang = stored.get("language", "nl")
        text = stored.get("snippet", "")
        hits.append(
            Hit(
                id=stored["id"],
                kind=stored.get("kind", ""),
                title=stored.get("title", ""),
                score=float(score),
                snippet=make_snippet(text, stems.get(lang, frozenset()), lang),
            )
        )
    return hits


# -- did you mean ----------------------------------------------------------------
_QUERY_WORD = re.compile(r"(?<![\w:])(\w{3,})(?![\w:*~])", re.UNICODE)
_OPERATORS = frozenset({"and", "or", "not", "andnot", "en", "of", "niet"})


def suggest(searcher: Any, text: str) -> str | None:
    """The query with unknown words replaced by the closest indexed word."""
    reader = searcher.reader()
    corrector = searcher.corrector("spell")
    changed = False

    def fix(match: re.Match[str]) -> str:
        nonlocal changed
        word = match.group(1)
        folded = fold(word)
        if folded in STOP_WORDS or folded in _OPERATORS or _known(reader, folded):
            return word
        maxdist = 1 if len(folded) < 6 else 2
        options = corrector.suggest(folded, limit=1, maxdist=maxdist, prefix=1)
        if not options:
            return word
        changed = True
        return str(options[0])

    fixed = _QUERY_WORD.sub(fix, text)
    return fixed if changed else None


def _known(reader: Any, word: str) -> bool:
    """Indexed as typed, or as a stem (investigation ~ investigating): no fix needed."""
    if ("spell", word) in reader:
        return True
    return any(
        (f"{base}_{lang}", stem(word, lang)) in reader
        for lang in LANGUAGES
        for base in ("title", "all")
    )
