"""Find an expert: rank experts for a topic.

Two kinds of evidence, each normalised to 0..1 so neither drowns the other:
the expert's own profile (areas of expertise weigh most, via field boosts)
and the entries they wrote, own or lead (``people`` of matching entries).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from index.analysis import LANGUAGES, analyse
from index.engine.docsets import docset
from index.engine.postings import Run
from index.engine.scoring import top_docs
from index.engine.segcache import ColumnCache
from index.engine.source import Searcher
from index.query import tree
from index.query.tree import Node
from index.search.hits import classification_ceiling, masked
from index.types import ExpertHit

PROFILE_WEIGHT = 1.0
ENTRY_WEIGHT = 0.6
ENTRIES_PER_EXPERT = 5  # more evidence helps, with diminishing returns
MAX_ENTRY_TITLES = 3
PROFILE_CANDIDATES = 50
ENTRY_CANDIDATES = 150


@dataclass
class _Candidate:
    title: str = ""
    profile: float = 0.0
    areas: list[str] = field(default_factory=list)
    entries: list[tuple[float, str]] = field(default_factory=list)

    def score(self) -> float:
        best = sorted((s for s, _ in self.entries), reverse=True)[:ENTRIES_PER_EXPERT]
        work = sum(s / (rank + 1) for rank, s in enumerate(best))
        return PROFILE_WEIGHT * self.profile + ENTRY_WEIGHT * min(work, 1.5)

    def reasons(self) -> list[str]:
        titles = [t for _, t in sorted(self.entries, key=lambda e: -e[0])]
        return self.areas + list(dict.fromkeys(titles))[:MAX_ENTRY_TITLES]


def _top(
    searcher: Searcher, cache: ColumnCache, q: Node, limit: int
) -> list[tuple[dict[str, Any], float]]:
    run = Run(searcher, cache)
    ranked = top_docs(run, q, docset(run, q), limit)
    if not ranked:
        return []
    best = ranked[0][1] or 1.0
    return [(searcher.stored_fields(d), score / best) for d, score in ranked]


def _matched_areas(areas: list[str], topic: str) -> list[str]:
    wanted = {lang: set(analyse(topic, lang)) for lang in LANGUAGES}
    return [
        area for area in areas if any(wanted[lang] & set(analyse(area, lang)) for lang in LANGUAGES)
    ]


def rank_experts(
    searcher: Searcher,
    cache: ColumnCache,
    topic_q: Node,
    topic: str,
    limit: int,
    allowed: tuple[str, ...] | None,
    work_kinds: tuple[str, ...],
) -> list[ExpertHit]:
    """``allowed``: the classifications the caller may see (None: all).

    ``work_kinds``: kinds whose entries count as an expert's work (IndexConfig).
    """
    ceiling = None if allowed is None else classification_ceiling(allowed)
    work = tree.any_of([tree.Term("kind", kind) for kind in work_kinds]) if work_kinds else None

    def scoped(extra: Node) -> Node:
        return masked(topic_q, extra if ceiling is None else tree.And((extra, ceiling)))

    cands: dict[str, _Candidate] = defaultdict(_Candidate)
    for stored, score in _top(
        searcher, cache, scoped(tree.Term("kind", "expert")), PROFILE_CANDIDATES
    ):
        cand = cands[stored["id"]]
        cand.title, cand.profile = stored.get("title", ""), score
        cand.areas = _matched_areas(stored.get("areas") or [], topic)
    work_hits = _top(searcher, cache, scoped(work), ENTRY_CANDIDATES) if work else []
    for stored, score in work_hits:
        for person in filter(None, (stored.get("people") or "").split(",")):
            cands[person].entries.append((score, stored.get("title", "")))
    _fill_titles(searcher, cands, allowed)
    ranked = sorted(cands.items(), key=lambda kv: (-kv[1].score(), kv[1].title))
    return [
        ExpertHit(id=pid, title=c.title, score=round(c.score(), 4), reasons=c.reasons())
        for pid, c in ranked[:limit]
        if c.title
    ]


def _fill_titles(
    searcher: Searcher, cands: dict[str, _Candidate], allowed: tuple[str, ...] | None
) -> None:
    """Experts known only through their entries: look them up, drop unknowns."""
    for pid, cand in list(cands.items()):
        if cand.title:
            continue
        docnum = searcher.document_number(id=pid)
        stored = searcher.stored_fields(docnum) if docnum is not None else {}
        visible = allowed is None or stored.get("classification") in allowed
        if stored.get("kind") == "expert" and visible:
            cand.title = stored.get("title", "")
        else:
            del cands[pid]  # not an expert, erased, or above the ceiling
