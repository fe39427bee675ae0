"""The bulk segment writer: the writing half of the Whoosh seam (docs/ARCHITECTURE.md §5).

With ``index/whoosh_internals.py`` (the reading half), the only module that
touches Whoosh's private internals. It writes the same W3 segment files
Whoosh's own ``SegmentWriter`` writes, byte for byte
(``tests/index/test_bulk_writer.py`` compares them), with far less Python
per posting:

- analysis: one fused pass per field (``index/analysis.py``: a cached map of
  raw words to terms, positions by ``enumerate``, counts by ``Counter``)
  instead of a Token and a chain of generators per word; fields analysed by
  Whoosh itself (ids, keywords, dates) are remembered per value;
- postings: the compact pool (``index/write/bulkwrite.py``) hands the whole
  segment over sorted, as arrays; the block statistics Whoosh gathers posting
  by posting (deltas, weights, lengths, maxima) are computed with numpy, and
  each block is one ``dumps`` and one ``compress``, as in Whoosh.

What is written behind Whoosh's back: ``SegmentWriter._flush_segment`` is
overridden; stored fields go straight into ``W3PerDocWriter._storedfields``
and the field lengths are written as whole columns at the end; the postings
and term table go straight to the ``W3FieldWriter``'s files (``_postfile``,
``_tindex``, ``_fieldid``) in the W3 layout: per term the block magic, then
per block a signed length (negative for the last), the pickled block info and
the compressed pickled block data; per term a ``W3TermInfo`` row in the
ordered hash.
"""

from __future__ import annotations

import struct
import zlib
from array import array
from collections.abc import Callable, Hashable
from pickle import dumps
from typing import Any

from whoosh.codec.whoosh3 import (
    LENGTHS_COLUMN,
    WHOOSH3_HEADER_MAGIC,
    W3Codec,
    W3TermInfo,
    _lenfield,
)
from whoosh.formats import Frequency, Positions
from whoosh.system import pack_int, pack_long, pack_ushort
from whoosh.util.numeric import length_to_byte
from whoosh.writing import SegmentWriter

from index.analysis import EDGE, TextAnalyzer, WeightedText, edge_counts
from index.write.bulkwrite import CompactPool, Grouped
from index.write.postings import chunks, encode_all, frequency_values

# zlib level of a bulk build's posting blocks: level 1 compressed the bench
# corpus's blocks about twice as fast as Whoosh's 3, for a few percent more bytes
BULK_COMPRESSION = 1
PACKED_LIMIT = 4_096  # compressed blocks remembered while writing postings (~1 MB)
MEMO_LIMIT = 1_024  # values remembered per writer for fields Whoosh analyses (~1 MB)

# (terms, weights, values, frequency sum) of one field of one document
Items = tuple[list[Any], list[float], list[bytes], int]


class BulkWriter(SegmentWriter):  # type: ignore[misc]
    """SegmentWriter with the fast analysis, the compact pool and the bulk posting encoder."""

    def __init__(self, ix: Any, **kwargs: Any) -> None:
        kwargs.setdefault("codec", W3Codec(compression=BULK_COMPRESSION))
        # Separate files, not one compound file: a reader opened after each
        # edit (the big segment's deletions change) then shares the stored
        # bytes, where a compound file's sub-files were copied out every time
        # (~0.5 s per edit at 100k entries).
        kwargs.setdefault("compound", False)
        super().__init__(ix, **kwargs)
        self.pool = CompactPool()
        self.length_bytes: dict[str, bytearray] = {}  # field -> length byte per document
        self._plans: dict[str, Callable[[Any, Any], Items]] = {}
        self._memo: dict[tuple[int, Hashable], Items] = {}

    def add_document(self, **fields: Any) -> None:
        # as SegmentWriter.add_document (no vectors, no separate spelling: our
        # schema has none), each field analysed by its plan (_plan) and added
        # to the pool in one call
        self._check_state()
        perdocwriter, schema, docnum = self.perdocwriter, self.schema, self.docnum
        docboost = self._doc_boost(fields)
        fieldnames = sorted(name for name in fields if not name.startswith("_"))
        self._check_fields(schema, fieldnames)
        perdocwriter.start_doc(docnum)
        stored = perdocwriter._storedfields  # what W3PerDocWriter.add_field fills
        try:
            for fieldname in fieldnames:
                value = fields.get(fieldname)
                if value is None:
                    continue
                field = schema[fieldname]
                if field.indexed:
                    boost = self._field_boost(fields, fieldname, docboost)
                    terms, weights, values, freqs = self._analyse(fieldname, field, value)
                    if boost != 1.0:
                        weights = [w * boost for w in weights]
                    self.pool.add_terms(fieldname, docnum, terms, weights, values)
                    if field.scorable and freqs:
                        self._note_length(fieldname, docnum, freqs)
                if field.stored:
                    stored[fieldname] = value
                if field.column_type:
                    column = field.to_column_value(value)
                    perdocwriter.add_column_value(fieldname, field.column_type, column)
        except Exception:
            perdocwriter.cancel_doc()
            raise
        perdocwriter.finish_doc()
        self._added = True
        self.docnum += 1

    def _note_length(self, fieldname: str, docnum: int, length: int) -> None:
        # W3PerDocWriter.add_field's length byte and field total, kept here and
        # written as whole columns at the end (_write_lengths); the bytes are
        # also what a posting's length statistics are made of
        column = self.length_bytes.get(fieldname)
        if column is None:
            column = self.length_bytes[fieldname] = bytearray()
        if len(column) < docnum:
            column.extend(bytes(docnum - len(column)))
        column.append(length_to_byte(length))
        self.perdocwriter._fieldlengths[fieldname] += length

    def _write_lengths(self) -> None:
        # each field's lengths column as NumericColumn("B")'s writer leaves it:
        # one byte per document up to the last with a length
        perdocwriter = self.perdocwriter
        for fieldname, column in self.length_bytes.items():
            name = _lenfield(fieldname)
            perdocwriter._create_column(name, LENGTHS_COLUMN)
            writer = perdocwriter._get_column(name)
            writer._dbfile.write(bytes(column))
            writer._count = len(column)

    def _analyse(self, fieldname: str, field: Any, value: Any) -> Items:
        plan = self._plans.get(fieldname)
        if plan is None:
            plan = self._plans[fieldname] = _plan(field, self._memo_items)
        return plan(field, value)

    def _memo_items(self, field: Any, value: Any) -> Items:
        # ids, kinds, keywords, dates: Whoosh's own analysis, once per distinct value
        if field.unique or not isinstance(value, Hashable):
            return _whoosh_items(field, value)
        key = (id(field), value)
        items = self._memo.get(key)
        if items is None:
            if len(self._memo) > MEMO_LIMIT:
                self._memo.clear()
            items = self._memo[key] = _whoosh_items(field, value)
        return items

    def _flush_segment(self) -> None:
        # as SegmentWriter._flush_segment, the lengths and postings written in bulk
        self._write_lengths()
        self.perdocwriter.close()
        write_postings(self.fieldwriter, self.schema, self.pool.grouped(), self.length_bytes)
        self.fieldwriter.close()


def _plan(field: Any, memo: Callable[[Any, Any], Items]) -> Callable[[Any, Any], Items]:
    """How one field's values are analysed: a fast path, or Whoosh's own ``index``."""
    if field.separate_spelling() or field.vector:
        raise ValueError(f"bulk writer: field {field!r} needs Whoosh's own add_document")
    analyzer, fmt = field.analyzer, field.format
    if isinstance(analyzer, TextAnalyzer) and type(fmt) is Positions:
        return _positions_items
    if isinstance(analyzer, TextAnalyzer) and type(fmt) is Frequency:
        return _frequency_items
    if analyzer == EDGE and type(fmt) is Frequency:
        return _edge_items
    return memo


def _whoosh_items(field: Any, value: Any) -> Items:
    items = list(field.index(value))
    return (
        [t for t, _, _, _ in items],
        [w for _, _, w, _ in items],
        [v for _, _, _, v in items],
        sum(f for _, f, _, _ in items),
    )


def _text_items(field: Any, value: Any) -> Items:
    # Whoosh's analysis where a fast path's field gets an odd value; terms as
    # str like the fast path's, so that one term never enters the pool twice
    terms, weights, values, freqs = _whoosh_items(field, value)
    return [t.decode("utf-8") for t in terms], weights, values, freqs


def _positions_items(field: Any, value: Any) -> Items:
    if not isinstance(value, str):
        return _text_items(field, value)
    poses, weights, kept = field.analyzer.term_positions(value)
    boost = field.format.field_boost
    terms = list(poses)
    weight_list = [weights[t] * boost for t in terms]
    return terms, weight_list, encode_all(poses.values()), kept


def _frequency_items(field: Any, value: Any) -> Items:
    if isinstance(value, WeightedText) or not isinstance(value, str):  # parts weigh apart
        return _text_items(field, value)
    return _counted(field.analyzer.term_counts(value), field.format.field_boost)


def _edge_items(field: Any, value: Any) -> Items:
    if not isinstance(value, str):
        return _text_items(field, value)
    return _counted(edge_counts(value), field.format.field_boost)


def _counted(counts: dict[str, int], boost: float) -> Items:
    # Frequency.word_values: a weight is the sum of 1.0 per occurrence, times the boost
    freqs = list(counts.values())
    return (
        list(counts),
        [float(c) * boost for c in freqs],
        frequency_values(freqs),
        sum(freqs),
    )


# -- the postings -----------------------------------------------------------------------
def write_postings(
    fieldwriter: Any, schema: Any, grouped: Grouped, length_bytes: dict[str, bytearray]
) -> None:
    """Every posting of the segment into the W3 postings file and term table."""
    comp = fieldwriter._codec._compression
    # pickled block -> its compressed bytes: a quarter of a segment's blocks repeat one
    # met shortly before (a document's rare terms: the same id and count), and each
    # zlib.compress call sets up a deflate state (~20 us). Bounded, local to this
    # call, in RAM only: it holds postings, never text, and is gone when it returns.
    packed: dict[bytes, bytes] = {}
    for fieldname, part in grouped.parts():
        fieldobj = schema[fieldname]
        fieldwriter.start_field(fieldname, fieldobj)
        fixed = fieldobj.format.fixed_value_size()
        with_values = fixed is None or fixed != 0  # W3PostingsWriter._mini_values
        joined = fixed is not None and fixed > 0
        postfile, tindex = fieldwriter._postfile, fieldwriter._tindex
        prefix = pack_ushort(fieldwriter._fieldid)
        offset = postfile.tell()
        for chunk in chunks(part, length_bytes.get(fieldname), with_values):
            out: list[bytes] = []
            keys: list[bytes] = []
            rows: list[bytes] = []
            ids, weights32, buffer, offsets = (
                chunk.ids,
                chunk.weights32,
                chunk.buffer,
                chunk.offsets,
            )
            for term, blocks, stats in chunk.terms():
                start = offset
                out.append(WHOOSH3_HEADER_MAGIC)
                offset += len(WHOOSH3_HEADER_MAGIC)
                weight: float = 0
                last = len(blocks) - 1
                for index, (a, e, kind, (n, top, most, low, high)) in enumerate(blocks):
                    values: Any = None
                    if joined:
                        values = buffer[offsets[a] : offsets[e]]
                    elif with_values:
                        values = chunk.values(a, e)
                    data = (tuple(ids[a:e]), chunk.block_weights(a, e, kind), values)
                    raw = dumps(data, 2)
                    databytes = packed.get(raw)
                    if databytes is None:
                        if len(packed) >= PACKED_LIMIT:
                            packed.clear()
                        databytes = packed[raw] = zlib.compress(raw, comp)
                    infobytes = dumps((n, top, most, comp, low, high), 2)
                    size = len(infobytes) + len(databytes)
                    out += (pack_int(-size if index == last else size), infobytes, databytes)
                    offset += 4 + size
                    weight += sum(weights32[a:e])
                df, low, high, most, first, top = stats
                keys.append(prefix + term)
                row = W3TermInfo._struct.pack(0, weight, df, low, high, most, first, top)
                rows.append(row + pack_long(start) + pack_int(offset - start))
            postfile.write(b"".join(out))
            _add_terms(tindex, keys, rows)
        fieldwriter.finish_field()


def _add_terms(tindex: Any, keys: list[bytes], rows: list[bytes]) -> None:
    """``OrderedHashWriter.add`` for many keys in order: the same records,
    hashes and position index, written at once."""
    if not keys:
        return
    if keys[0] <= tindex.lastkey:
        raise ValueError("term keys must increase")
    dbfile, hashfn, buckets = tindex.dbfile, tindex.hashfn, tindex.buckets
    pos = dbfile.tell()
    records, positions = [], []
    for key, row in zip(keys, rows, strict=True):
        record = _KEY_VALUE.pack(len(key), len(row)) + key + row
        records.append(record)
        positions.append(pos)
        h = hashfn(key)
        buckets[h & 255].append((h, pos))
        pos += len(record)
    dbfile.write(b"".join(records))
    try:  # the growable position array, in one piece while its type holds them
        tindex.index.array.extend(array(tindex.index.array.typecode, positions))
    except (OverflowError, TypeError):
        tindex.index.extend(positions)  # it widens its type as Whoosh's does
    tindex.lastkey = keys[-1]


_KEY_VALUE = struct.Struct("!ii")  # filetables' record header: key and value lengths
