"""The posting pool of the bulk segment writer used by rebuilds.

The writer itself, ``BulkWriter`` in ``index/whoosh_writer.py``, overrides
a private Whoosh method and so lives there.

Whoosh's own writer collects every posting as a Python tuple in a sorting
pool and, past ``limitmb``, spills sorted runs to temp storage and merges
them back. Our temp storage is RAM (security S4: no plaintext on disk), so a
spill saves no memory and costs a marshal and an unmarshal of every posting:
at 10k entries that was a quarter of the rebuild and ~500 MB of RSS. Here
postings are kept in compact arrays and never spilled; callers bound the
memory by finishing a segment every ``SEGMENT_DOCS`` documents (index/write/segments.py).

The pool holds postings as rows of a few flat arrays, not as Python objects:
a 20k-entry chunk is ~5M postings, and one object per posting (2M distinct
value strings) left the small-object heap fragmented once the chunk was
freed: ~190 MB of RSS that never went back to the OS and sat under the
rebuilt index at the swap.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import repeat
from typing import Any

import numpy as np

from index.write.postings import Sorted


class CompactPool:
    """In-memory posting pool: flat arrays of (term, document, weight, value).

    Terms are numbered per field as they first occur; each posting appends
    its term number, document number, weight and value length to arrays and
    its value bytes to one buffer. Documents are added in increasing order,
    so a stable sort by term alone yields Whoosh's (field, term, document)
    order.
    """

    def __init__(self) -> None:
        self.cleanup()

    def cleanup(self) -> None:
        self.fieldnames: set[str] = set()
        self._terms: dict[str, _TermIds] = {}
        self._count = 0  # distinct (field, term) pairs
        self._tids = array("I")
        self._docs = array("I")
        self._weights = array("d")
        self._lengths = array("i")  # value length (None and b"" alike, as in Whoosh)
        self._values = bytearray()

    def new_term_id(self) -> int:
        self._count += 1
        return self._count - 1

    def add(self, item: tuple[str, bytes, int, float, bytes | None]) -> None:
        fieldname, tbytes, docnum, weight, vbytes = item
        self.add_terms(fieldname, docnum, [tbytes], [weight], [vbytes or b""])

    def add_terms(
        self,
        fieldname: str,
        docnum: int,
        terms: list[Any],
        weights: list[float],
        values: list[bytes],
    ) -> None:
        """``add`` for every term of one field of one document, in a few C-level calls."""
        if not terms:  # a field with no postings is not in the segment (as in Whoosh)
            return
        ids = self._terms.get(fieldname)
        if ids is None:
            ids = self._terms[fieldname] = _TermIds(self)
            self.fieldnames.add(fieldname)
        self._tids.extend(map(ids.__getitem__, terms))
        self._weights.extend(weights)
        self._lengths.extend(map(len, values))
        self._values += b"".join(values)
        self._docs.extend(repeat(docnum, len(terms)))

    def grouped(self) -> Grouped:
        """Every posting sorted by field, term and document; the pool is emptied."""
        ordered: list[tuple[str, list[Any]]] = []
        rank = np.empty(self._count, dtype=np.uint32)
        pos = 0
        for fieldname in sorted(self._terms):
            ids = self._terms.pop(fieldname)  # freed field by field
            # str terms sort as their UTF-8 bytes do (code point order)
            keys = sorted(ids)
            tids = np.fromiter(map(ids.__getitem__, keys), dtype=np.uint32, count=len(keys))
            del ids
            rank[tids] = np.arange(pos, pos + len(keys), dtype=np.uint32)
            pos += len(keys)
            ordered.append((fieldname, keys))  # encoded a chunk at a time (postings.py)
            del keys, tids
        ranks = rank[np.frombuffer(self._tids, dtype=np.uint32)]
        del rank
        self._tids = array("I")
        counts = np.bincount(ranks, minlength=pos)
        order = np.argsort(ranks, kind="stable")
        del ranks
        # sorted copies replace the pool's arrays one by one, so RAM holds
        # about one extra column at a time
        docs = np.frombuffer(self._docs, dtype=np.uint32)[order]
        self._docs = array("I")
        weights = np.frombuffer(self._weights, dtype=np.float64)[order]
        self._weights = array("d")
        lengths = np.frombuffer(self._lengths, dtype=np.int32)
        # where each value ends in the buffer: 32 bits wide while they fit
        wide = np.uint32 if len(self._values) < 2**32 else np.uint64
        ends = np.cumsum(np.maximum(lengths, 0), dtype=wide)[order]
        sizes = np.maximum(lengths, 0)[order]
        del lengths
        self._lengths = array("i")
        del order
        values = bytes(self._values)  # slices of bytes are bytes, as Whoosh expects
        self._values = bytearray()
        self._count = 0
        return Grouped(ordered, counts, docs, weights, sizes, ends, values)

    def iter_postings(self) -> Iterator[tuple[str, bytes, int, float, bytes | None]]:
        """Postings one by one in Whoosh's order (what Whoosh's own writer reads)."""
        grouped = self.grouped()
        for fieldname, part in grouped.parts():
            first = 0
            docs, weights = part.docs.tolist(), part.weights.tolist()
            sizes, ends = part.sizes.tolist(), part.ends.tolist()
            for term, count in zip(part.terms, part.counts.tolist(), strict=True):
                for i in range(first, first + count):
                    value = part.values[ends[i] - sizes[i] : ends[i]]
                    yield fieldname, _as_bytes(term), docs[i], weights[i], value
                first += count

    def save(self) -> None:
        """Whoosh asks pools to spill; this one never does."""


class _TermIds(dict[Any, int]):
    """A field's term -> term number; a new term takes the pool's next number."""

    def __init__(self, pool: CompactPool) -> None:
        super().__init__()
        self.pool = pool

    def __missing__(self, term: Any) -> int:
        tid = self[term] = self.pool.new_term_id()
        return tid


def _as_bytes(term: str | bytes) -> bytes:
    # the fast analysis hands terms as str, Whoosh's own as UTF-8 bytes; their
    # orders agree (UTF-8 keeps code point order)
    return term.encode("utf-8") if isinstance(term, str) else term


@dataclass
class Grouped:
    """A pool's postings sorted by field, term and document, as arrays."""

    fields: list[tuple[str, list[Any]]]  # terms as str (fast paths) or bytes, sorted
    counts: np.ndarray  # postings per term, in field and term order
    docs: np.ndarray
    weights: np.ndarray
    sizes: np.ndarray
    ends: np.ndarray
    values: bytes

    def parts(self) -> Iterator[tuple[str, Sorted]]:
        """Each field with its postings (views, not copies)."""
        term_at = posting_at = 0
        for fieldname, terms in self.fields:
            counts = self.counts[term_at : term_at + len(terms)]
            end = posting_at + int(counts.sum())
            span = slice(posting_at, end)
            yield (
                fieldname,
                Sorted(
                    terms,
                    counts,
                    self.docs[span],
                    self.weights[span],
                    self.sizes[span],
                    self.ends[span],
                    self.values,
                ),
            )
            term_at += len(terms)
            posting_at = end
