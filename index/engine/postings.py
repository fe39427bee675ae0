"""Posting lists as numpy arrays, and the per-search context.

Whoosh's matchers walk postings one Python call at a time; here each
segment's posting list comes as arrays from its SegmentSource
(index/engine/source.py), so a common word at 100k entries costs array
operations, not a Python loop per document.

Arrays are read per segment and cached by segment id (segments never change
once written), so an edit, which adds a small segment, keeps the cache.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from index.engine.segcache import ColumnCache
from index.engine.source import Postings, Reader, Searcher, SegmentSource, TermText
from index.query.tree import Expanding, Phrase, Prefix
from index.query.whoosh_query import expanded_terms
from index.whoosh_internals import segments

Mask = np.ndarray  # bool, one entry per document number of the searcher

_EMPTY_IDS = np.zeros(0, dtype=np.int64)
_EMPTY_WEIGHTS = np.zeros(0, dtype=np.float64)


def _as_bytes(text: TermText) -> bytes:
    return text.encode("utf-8") if isinstance(text, str) else text


def _postings_of(source: SegmentSource, fieldname: str, text: TermText) -> Callable[[], Postings]:
    return lambda: source.postings(fieldname, text)


@dataclass
class Run:
    """One search: the searcher, the shared caches and what this search found."""

    searcher: Searcher
    cache: ColumnCache
    phrases: dict[Phrase, Mask] = field(default_factory=dict)

    @property
    def reader(self) -> Reader:
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
        for source, offset in segments(self.reader):
            if source.has_deletions():
                mask[source.deleted() + offset] = False
        mask.flags.writeable = False
        return mask

    def postings(self, fieldname: str, text: TermText) -> Postings:
        """Global ids (ascending) and weights of the live documents holding a term."""
        key = ("postings", fieldname, text)
        return self.cache.recent(self.searcher, key, lambda: self._postings(fieldname, text))

    def _postings(self, fieldname: str, text: TermText) -> Postings:
        ids_parts, weight_parts = [], []
        deletions = False
        key = ("postings", fieldname, text)
        holders = self.cache.lexicons.view(self.reader).holders(fieldname, _as_bytes(text))
        for source, offset in segments(self.reader):
            if holders is None:
                if not source.has_term(fieldname, text):
                    continue
            elif source.segment_id() not in holders:
                continue
            build = _postings_of(source, fieldname, text)
            ids, weights = self.cache.segment_value(source, key, build)
            ids_parts.append(ids + offset if offset else ids)
            weight_parts.append(weights)
            deletions = deletions or source.has_deletions()
        if not ids_parts:
            return _EMPTY_IDS, _EMPTY_WEIGHTS
        ids = ids_parts[0] if len(ids_parts) == 1 else np.concatenate(ids_parts)
        weights = weight_parts[0] if len(weight_parts) == 1 else np.concatenate(weight_parts)
        if deletions:
            keep = self.live()[ids]
            ids, weights = ids[keep], weights[keep]
        return ids, weights

    def term_mask(self, fieldname: str, text: TermText) -> Mask:
        """Read-only mask of a term's documents (shared through the cache)."""
        return self.cache.recent(
            self.searcher, ("mask", fieldname, text), lambda: self._term_mask(fieldname, text)
        )

    def _term_mask(self, fieldname: str, text: TermText) -> Mask:
        mask = np.zeros(self.size, dtype=bool)
        mask[self.postings(fieldname, text)[0]] = True
        mask.flags.writeable = False
        return mask

    def empty(self) -> Mask:
        return np.zeros(self.size, dtype=bool)

    def expanded(self, q: Expanding) -> list[tuple[str, TermText]]:
        """The (field, term) pairs a prefix or fuzzy query stands for, once per searcher.

        Fuzzy expansion walks the lexicon with an edit distance per word; one
        search needs it for matching, scoring and highlighting alike.
        """
        key = (
            "expanded",
            type(q).__name__,
            q.field,
            q.text,
            getattr(q, "maxdist", None),
            getattr(q, "prefix", None),
        )
        return self.cache.recent(self.searcher, key, lambda: self._expanded(q))

    def _expanded(self, q: Expanding) -> list[tuple[str, TermText]]:
        words = self.cache.lexicons.view(self.reader)
        if not words.serves(q.field):
            return expanded_terms(q, self.reader)
        if isinstance(q, Prefix):  # bytes, as Whoosh's prefix expansion gives
            found: list[TermText] = list(words.with_prefix(q.field, q.text.encode("utf-8")))
        else:  # str, as Whoosh's fuzzy expansion gives
            near = words.within(q.field, q.text, q.maxdist, q.prefix)
            found = [w.decode("utf-8") for w in near]
        return [(q.field, text) for text in found]
