"""The one module that touches Whoosh's private internals (docs/ARCHITECTURE.md §5).

Its writing half is ``index/whoosh_writer.py`` (the bulk segment writer).
Everything else in ``index/`` uses Whoosh's public API or the
:class:`index.engine.source.SegmentSource` protocol implemented here;
``tests/index/test_whoosh_seam.py`` fails if another module reaches for a
private Whoosh name. whoosh-reloaded 2.7.5 is frozen, and
``tests/index/test_engine.py`` pins what is read here to Whoosh's own results,
so an upgrade that changes these internals fails there first.

What is read behind Whoosh's back, and why:
- posting blocks of ``W3LeafMatcher`` (``_data``, ``_values``, ``_read_data``,
  ``_next_block``): each block is unpickled once into arrays instead of one
  Python call per posting;
- the pickled position layout of the Positions format: a block's values are
  spliced into one pickle and read with one ``loads``;
- the W3 lengths column (``_perdoc._cached_reader``): one byte per document,
  decoded with one table lookup;
- ``TOC._latest_generation``, ``TOC._segment_pattern`` and ``FileIndex._segments``
  for the commit layout;
- ``CompoundQuery._matcher`` and ``_tree_matcher``, for the BestOf query.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pickle import loads
from typing import Any

import numpy as np
from whoosh import query
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, _lenfield
from whoosh.filedb.filestore import Storage
from whoosh.index import TOC, FileIndex
from whoosh.matching import UnionMatcher
from whoosh.matching.wrappers import FilterMatcher
from whoosh.reading import IndexReader, SegmentReader
from whoosh.util import fib
from whoosh.util.numeric import byte_to_length
from whoosh.writing import SegmentWriter

from index.engine.source import ColumnValue, Postings

_EMPTY_IDS = np.zeros(0, dtype=np.int64)
_EMPTY_WEIGHTS = np.zeros(0, dtype=np.float64)
_LENGTH_OF_BYTE = np.array([byte_to_length(b) for b in range(256)], dtype=np.float64)


# -- reading segments -----------------------------------------------------------------
class WhooshSegment:
    """:class:`index.engine.source.SegmentSource` over one Whoosh segment reader."""

    def __init__(self, leaf: SegmentReader) -> None:
        self._leaf = leaf

    def segment_id(self) -> str:
        return str(self._leaf.segment().segment_id())

    def doc_count(self) -> int:
        return int(self._leaf.doc_count_all())

    def has_deletions(self) -> bool:
        return bool(self._leaf.deleted_docs_set)

    def deleted(self) -> np.ndarray:
        found = self._leaf.deleted_docs_set
        return np.fromiter(found, dtype=np.int64, count=len(found)) if found else _EMPTY_IDS

    def has_term(self, fieldname: str, text: bytes | str) -> bool:
        return (fieldname, text) in self._leaf

    def _matcher(self, fieldname: str, text: bytes | str) -> Any:
        matcher = self._leaf.postings(fieldname, text)
        if isinstance(matcher, FilterMatcher):  # deletions: callers drop them themselves
            matcher = matcher.child
        return matcher

    def postings(self, fieldname: str, text: bytes | str) -> Postings:
        parts = [(ids, weights) for ids, weights, _ in _blocks(self._matcher(fieldname, text))]
        if not parts:
            return _EMPTY_IDS, _EMPTY_WEIGHTS
        return np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts])

    def position_deltas(
        self, fieldname: str, text: bytes | str
    ) -> tuple[list[np.ndarray], list[list[int]]]:
        doc_parts: list[np.ndarray] = []
        delta_lists: list[list[int]] = []
        for ids, _weights, values in _blocks(self._matcher(fieldname, text)):
            doc_parts.append(ids)
            delta_lists.extend(decode_positions(list(values)))
        return doc_parts, delta_lists

    def field_lengths(self, fieldname: str) -> np.ndarray:
        fast = _lengths_at_once(self._leaf, fieldname)
        if fast is not None:
            return fast
        length = self._leaf.doc_field_length
        count = self.doc_count()
        return np.fromiter(
            (length(i, fieldname, 0) for i in range(count)), dtype=np.float64, count=count
        )

    def column(self, name: str, default: ColumnValue) -> list[ColumnValue]:
        count = self.doc_count()
        if not self._leaf.has_column(name):
            return [default] * count
        reader = self._leaf.column_reader(name, translate=False)
        return [reader[i] for i in range(count)]

    def field_names(self) -> set[str]:
        return set(self._leaf.indexed_field_names())

    def lexicon(self, fieldname: str) -> Iterator[bytes]:
        return iter(self._leaf.lexicon(fieldname))


def segments(reader: IndexReader) -> list[tuple[WhooshSegment, int]]:
    """(segment, offset of its first document) for every segment of ``reader``."""
    return [
        (WhooshSegment(leaf), offset)
        for leaf, offset in reader.leaf_readers()
        if leaf.segment() is not None  # the empty index
    ]


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


def _blocks(matcher: Any) -> Iterator[tuple[np.ndarray, np.ndarray, Any]]:
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


def decode_positions(values: list[bytes]) -> list[list[int]]:
    """Position deltas of each posting value of one block.

    Whoosh's Positions format: a 4-byte count, then a pickled list of deltas.
    The pickles of a block are spliced into one list-of-lists pickle and read
    with one ``loads`` (values are authenticated index data Whoosh itself
    unpickles); anything unexpected falls back to one ``loads`` per value.
    """
    try:
        bodies = b"".join([v[6:-1] for v in values])
        lists = loads(_LIST_OF_LISTS[0] + bodies + _LIST_OF_LISTS[1])
        if isinstance(lists, list) and len(lists) == len(values):
            return lists
    except Exception:  # not the layout expected: decode one by one
        pass
    return [loads(v[4:] if v.endswith(b".") else v[4:] + b".") for v in values]


# protocol 2, empty list, mark ... appends, stop
_LIST_OF_LISTS = (b"\x80\x02](", b"e.")


def _lengths_at_once(leaf: Any, fieldname: str) -> np.ndarray | None:
    """All of a segment's field lengths from one slice of the W3 lengths column."""
    try:
        column = leaf._perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
    except AttributeError:  # not a W3 segment: the slow path still works
        return None
    count = leaf.doc_count_all()
    lengths = np.zeros(count, dtype=np.float64)
    if column is None:
        return lengths
    stored = min(column._count, count)
    if stored:
        raw = np.frombuffer(bytes(column._dbfile.get(column._basepos, stored)), dtype=np.uint8)
        lengths[:stored] = _LENGTH_OF_BYTE[raw]
    return lengths


# -- the commit layout ----------------------------------------------------------------
def latest_generation(storage: Storage, indexname: str) -> int:
    """Generation of the newest TOC in ``storage``; -1 if there is none."""
    return int(TOC._latest_generation(storage, indexname))


def segment_file_pattern(indexname: str) -> re.Pattern[str]:
    """Matches the names of the files that belong to segments (not the TOC)."""
    return TOC._segment_pattern(indexname)  # type: ignore[no-any-return]


def committed_segments(ix: FileIndex) -> list[Any]:
    """The segments the index's current TOC names (to tell leftovers apart)."""
    return list(ix._segments())


def purge_deleted(writer: SegmentWriter, segments: list[Any]) -> list[Any]:
    """Merge policy that rewrites every segment holding deleted documents.

    Whoosh only marks deletions; the words and stored fields stay in the
    segment until it is merged. Erasing a person must not leave that trace.
    """
    keep = []
    for seg in segments:
        if seg.has_deletions():
            reader = SegmentReader(writer.storage, writer.schema, seg)
            writer.add_reader(reader)
            reader.close()
        else:
            keep.append(seg)
    return merge_small(writer, keep)


def delete_ids(storage: Storage, schema: Any, segments: list[Any], ids: set[str]) -> int:
    """Mark the documents whose ``id`` is in ``ids`` deleted in ``segments`` (in place).

    For a bulk add that replaces documents: the new versions come in new
    segments, the old ones are marked deleted in the table of contents that
    commits them. Returns how many were marked.
    """
    marked = 0
    for seg in segments:
        reader = SegmentReader(storage, schema, seg)
        try:
            for doc_id in ids:
                if ("id", doc_id) not in reader:
                    continue
                for docnum in reader.postings("id", doc_id).all_ids():
                    if not seg.is_deleted(docnum):
                        seg.delete_document(docnum)
                        marked += 1
        finally:
            reader.close()
    return marked


# An edit's commit merges only segments below this size, and at most this many
# documents at once: Whoosh merges through its own slow writer (~10 ms a document),
# so a merge stays a few seconds in the background, never the whole index.
SMALL_SEGMENT_DOCS = 500
MERGE_BUDGET_DOCS = 500


def merge_small(writer: SegmentWriter, segments: list[Any]) -> list[Any]:
    """Whoosh's MERGE_SMALL rule over the small segments only, within a budget.

    MERGE_SMALL merges the run of smallest segments whose total stays under
    fib(count + 4). With the twenty-odd segments a bulk build leaves at 100k
    documents (5,000 each) that bound passes the whole index, and the second edit
    after a reindex rewrote all of it (18 minutes on a 2-core machine, the edit
    unsearchable meanwhile). A bulk build's segments are left to the next rebuild.
    """
    small = sorted(
        (s for s in segments if s.doc_count_all() < SMALL_SEGMENT_DOCS),
        key=lambda s: s.doc_count_all(),
    )
    total = 0
    for i, seg in enumerate(small):
        total += seg.doc_count_all()
        if total > MERGE_BUDGET_DOCS:
            break
        if i > 3 and total < fib(i + 5):  # MERGE_SMALL's merge point
            merged = small[: i + 1]
            for each in merged:
                reader = SegmentReader(writer.storage, writer.schema, each)
                writer.add_reader(reader)
                reader.close()
            return [s for s in segments if all(s is not m for m in merged)]
    return segments


def merge_policy(purge: bool) -> Any:
    """What a commit merges: small segments (``merge_small``), or a purge of deletions."""
    return purge_deleted if purge else merge_small


# -- the any-of query (index/query/bestof.py) --------------------------------------------
class BestOfMatcher(UnionMatcher):  # type: ignore[misc]
    # Quality bounds stay those of the union (a sum): an upper bound on a max,
    # so Whoosh's block skipping remains safe.

    def score(self) -> float:
        a, b = self.a, self.b
        if not a.is_active():
            return float(b.score())
        if not b.is_active():
            return float(a.score())
        a_id, b_id = a.id(), b.id()
        if a_id != b_id:
            return float(a.score() if a_id < b_id else b.score())
        return float(max(a.score(), b.score()))


class BestOf(query.DisjunctionMax):  # type: ignore[misc]
    def _matcher(self, subs: list[Any], searcher: Any, context: Any) -> Any:
        return self._tree_matcher(subs, BestOfMatcher, searcher, context, None)
