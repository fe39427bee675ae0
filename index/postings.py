"""Posting lists read a block at a time, and the per-search context.

Whoosh's all_ids()/matchers walk postings one Python call at a time; the W3
codec keeps each block's ids and weights in arrays, so they are taken a
block at a time here (touching W3LeafMatcher internals: whoosh-reloaded
2.7.5 is frozen, and the bench shows this is where the time goes).
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from whoosh import query
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching.wrappers import FilterMatcher

from index.segcache import ColumnCache

Postings = tuple["array[int]", "array[float]"]


def leaf_postings(reader: Any, fieldname: str, text: Any) -> Iterator[tuple[Any, int, Any]]:
    """(segment reader, doc offset, raw matcher) per segment holding the term."""
    for leaf, offset in reader.leaf_readers():
        if leaf.segment() is None or (fieldname, text) not in leaf:
            continue
        matcher = leaf.postings(fieldname, text)
        if isinstance(matcher, FilterMatcher):  # deletions: callers drop them themselves
            matcher = matcher.child
        yield leaf, offset, matcher


def blocks(matcher: Any, what: str = "weights") -> Iterator[tuple[Any, Any]]:
    """(ids, weights) -- or (ids, encoded values) -- of each posting block."""
    if not isinstance(matcher, W3LeafMatcher):
        items = list(matcher.all_items() if what == "values" else matcher.items_as("weight"))
        yield [i[0] for i in items], [i[1] for i in items]
        return
    while matcher.is_active():
        if matcher._ids is None:
            matcher._read_ids()
        if what == "weights" and matcher._weights is None:
            matcher._read_weights()
        if what == "values" and matcher._values is None:
            matcher._read_values()
        start = matcher._i
        data = matcher._weights if what == "weights" else matcher._values
        yield matcher._ids[start:], data[start:]
        matcher._next_block()


def read_postings(reader: Any, fieldname: str, text: Any) -> Postings:
    """Global ids and weights of the live documents holding one term."""
    ids: array[int] = array("q")
    weights: array[float] = array("f")
    for leaf, offset, matcher in leaf_postings(reader, fieldname, text):
        deleted = leaf.deleted_docs_set
        for block_ids, block_weights in blocks(matcher):
            if deleted:
                kept = [
                    (d + offset, w)
                    for d, w in zip(block_ids, block_weights, strict=True)
                    if d not in deleted
                ]
                block_ids, block_weights = [k[0] for k in kept], [k[1] for k in kept]
            elif offset:
                # a rebuild leaves a few segments; map() keeps the shift at C speed
                block_ids = list(map(offset.__add__, block_ids))
            _extend(ids, block_ids)
            _extend(weights, block_weights)
    return ids, weights


def _extend(target: array[Any], values: Any) -> None:
    # array.extend() takes another array only when the type codes agree
    if isinstance(values, array) and values.typecode != target.typecode:
        values = values.tolist()
    target.extend(values)


@dataclass
class Run:
    """One search: the searcher, the shared caches and what this search found."""

    searcher: Any
    cache: ColumnCache
    phrases: dict[Any, set[int]] = field(default_factory=dict)

    @property
    def reader(self) -> Any:
        return self.searcher.reader()

    def postings(self, fieldname: str, text: Any) -> Postings:
        key = ("postings", fieldname, text)
        return self.cache.recent(
            self.searcher, key, lambda: read_postings(self.reader, fieldname, text)
        )

    def term_docs(self, fieldname: str, text: Any) -> set[int]:
        return set(self.postings(fieldname, text)[0])

    def all_docs(self) -> set[int]:
        return self.cache.recent(self.searcher, ("all",), lambda: set(self.reader.all_doc_ids()))

    def phrase_docs(self, q: query.Phrase) -> set[int]:
        if q not in self.phrases:
            self.phrases[q] = _phrase_docs(self, q)
        return self.phrases[q]


def _phrase_docs(run: Run, q: query.Phrase) -> set[int]:
    """Documents holding the words in order, at most ``slop`` positions apart."""
    candidates = sorted((run.term_docs(q.fieldname, w) for w in q.words), key=len)
    found = set.intersection(*candidates) if candidates else set()
    if len(q.words) < 2 or not found:
        return found
    fmt = run.reader.schema[q.fieldname].format
    spots = [_positions(run.reader, fmt, q.fieldname, w, found) for w in q.words]
    return {d for d in found if _in_order([s[d] for s in spots], q.slop)}


def _positions(
    reader: Any, fmt: Any, fieldname: str, word: str, docs: set[int]
) -> dict[int, list[int]]:
    out: dict[int, list[int]] = {}
    for _leaf, offset, matcher in leaf_postings(reader, fieldname, word):
        for ids, values in blocks(matcher, "values"):
            for d, value in zip(ids, values, strict=True):
                if d + offset in docs:
                    out[d + offset] = fmt.decode_positions(value)
    return out


def _in_order(positions: list[list[int]], slop: int) -> bool:
    reachable = {p + 1 for p in positions[0]}
    for later in positions[1:]:
        if slop > 1:  # rare: "a b"~3; widen where the next word may stand
            reachable = {r + k for r in reachable for k in range(slop)}
        reachable = {p + 1 for p in later if p in reachable}
        if not reachable:
            return False
    return True
