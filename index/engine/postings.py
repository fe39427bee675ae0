"""Posting lists as numpy arrays, and the per-search context.

Whoosh's matchers walk postings one Python call at a time; here each W3
block (ids, weights, position values) is unpickled once and turned into
arrays, so a common word at 100k entries costs array operations, not a
Python loop per document. This touches W3LeafMatcher internals:
whoosh-reloaded 2.7.5 is frozen, and tests/index/test_engine.py pins the
results to Whoosh's own.

Arrays are read per segment and cached by segment id (segments never change
once written), so an edit, which adds a small segment, keeps the cache.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from whoosh import query
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching.wrappers import FilterMatcher

from index.engine.segcache import ColumnCache

Mask = np.ndarray  # bool, one entry per document number of the searcher
Postings = tuple[np.ndarray, np.ndarray]  # (int64 doc numbers, float64 weights)

_EMPTY_IDS = np.zeros(0, dtype=np.int64)
_EMPTY_WEIGHTS = np.zeros(0, dtype=np.float64)


def leaf_postings(reader: Any, fieldname: str, text: Any) -> Iterator[tuple[Any, int, Any]]:
    """(segment reader, doc offset, raw matcher) per segment holding the term."""
    for leaf, offset in reader.leaf_readers():
        if leaf.segment() is None or (fieldname, text) not in leaf:
            continue
        matcher = leaf.postings(fieldname, text)
        if isinstance(matcher, FilterMatcher):  # deletions: callers drop them themselves
            matcher = matcher.child
        yield leaf, offset, matcher


def _block_ids(matcher: Any) -> np.ndarray:
    raw = matcher._data[0]
    ids = np.asarray(raw, dtype=np.int64)
    return ids if matcher._byteids else np.cumsum(ids)  # stored as deltas


def _block_weights(matcher: Any, count: int) -> np.ndarray:
    raw = matcher._data[1]
    if raw is None:
        return np.ones(count, dtype=np.float64)
    if isinstance(raw, float):
        return np.full(count, raw, dtype=np.float64)
    return np.asarray(raw, dtype=np.float64)


def blocks(matcher: Any) -> Iterator[tuple[np.ndarray, np.ndarray, Any]]:
    """(ids, weights, raw values) of each posting block of one segment."""
    if not isinstance(matcher, W3LeafMatcher):
        items = list(matcher.all_items())
        weights = list(matcher.items_as("weight"))
        yield (
            np.asarray([i[0] for i in items], dtype=np.int64),
            np.asarray([w for _, w in weights], dtype=np.float64),
            [i[1] for i in items],
        )
        return
    while matcher.is_active():
        if matcher._data is None:
            matcher._read_data()
        ids = _block_ids(matcher)
        if matcher._values is None:
            matcher._read_values()
        yield ids, _block_weights(matcher, len(ids)), matcher._values
        matcher._next_block()


def segment_postings(leaf: Any, matcher: Any) -> Postings:
    """Local ids and weights of one segment's posting list (deleted ones included)."""
    parts = [(ids, weights) for ids, weights, _ in blocks(matcher)]
    if not parts:
        return _EMPTY_IDS, _EMPTY_WEIGHTS
    return np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts])


def _postings_of(leaf: Any, matcher: Any) -> Callable[[], Postings]:
    return lambda: segment_postings(leaf, matcher)


@dataclass
class Run:
    """One search: the searcher, the shared caches and what this search found."""

    searcher: Any
    cache: ColumnCache
    phrases: dict[Any, Mask] = field(default_factory=dict)

    @property
    def reader(self) -> Any:
        return self.searcher.reader()

    @property
    def size(self) -> int:
        """Document numbers run 0..size-1 (deleted ones included)."""
        return int(self.reader.doc_count_all())

    def live(self) -> Mask:
        """True for every document not deleted."""
        return self.cache.recent(self.searcher, ("live",), self._live)

    def _live(self) -> Mask:
        mask = np.ones(self.size, dtype=bool)
        for leaf, offset in self.reader.leaf_readers():
            deleted = leaf.deleted_docs_set if leaf.segment() is not None else ()
            if deleted:
                mask[np.fromiter(deleted, dtype=np.int64, count=len(deleted)) + offset] = False
        mask.flags.writeable = False
        return mask

    def postings(self, fieldname: str, text: Any) -> Postings:
        """Global ids (ascending) and weights of the live documents holding a term."""
        key = ("postings", fieldname, text)
        return self.cache.recent(self.searcher, key, lambda: self._postings(fieldname, text))

    def _postings(self, fieldname: str, text: Any) -> Postings:
        ids_parts, weight_parts = [], []
        deletions = False
        key = ("postings", fieldname, text)
        for leaf, offset, matcher in leaf_postings(self.reader, fieldname, text):
            ids, weights = self.cache.segment_value(leaf, key, _postings_of(leaf, matcher))
            ids_parts.append(ids + offset if offset else ids)
            weight_parts.append(weights)
            deletions = deletions or bool(leaf.deleted_docs_set)
        if not ids_parts:
            return _EMPTY_IDS, _EMPTY_WEIGHTS
        ids = ids_parts[0] if len(ids_parts) == 1 else np.concatenate(ids_parts)
        weights = weight_parts[0] if len(weight_parts) == 1 else np.concatenate(weight_parts)
        if deletions:
            keep = self.live()[ids]
            ids, weights = ids[keep], weights[keep]
        return ids, weights

    def term_mask(self, fieldname: str, text: Any) -> Mask:
        """Read-only mask of a term's documents (shared through the cache)."""
        return self.cache.recent(  # type: ignore[no-any-return]
            self.searcher, ("mask", fieldname, text), lambda: self._term_mask(fieldname, text)
        )

    def _term_mask(self, fieldname: str, text: Any) -> Mask:
        mask = np.zeros(self.size, dtype=bool)
        mask[self.postings(fieldname, text)[0]] = True
        mask.flags.writeable = False
        return mask

    def empty(self) -> Mask:
        return np.zeros(self.size, dtype=bool)

    def expanded(self, q: query.Query) -> list[tuple[str, Any]]:
        """The (field, term) pairs a prefix or fuzzy query stands for, once per searcher.

        Fuzzy expansion walks the lexicon with an edit distance per word; one
        search needs it for matching, scoring and highlighting alike.
        """
        key = (
            "expanded",
            type(q).__name__,
            q.fieldname,
            q.text,
            getattr(q, "maxdist", None),
            getattr(q, "prefixlength", None),
        )
        return self.cache.recent(  # type: ignore[no-any-return]
            self.searcher, key, lambda: list(q.expanded_terms(self.reader))
        )

    def phrase_docs(self, q: query.Phrase) -> Mask:
        if q not in self.phrases:
            from index.engine.phrases import phrase_mask  # phrases builds on this module

            self.phrases[q] = phrase_mask(self, q)
        return self.phrases[q]
