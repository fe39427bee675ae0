"""The posting pool of the bulk segment writer used by rebuilds.

The writer itself, ``BulkWriter`` in ``index/whoosh_internals.py``, overrides
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

import numpy as np


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
        self._terms: dict[str, dict[bytes, int]] = {}
        self._count = 0  # distinct (field, term) pairs
        self._tids = array("I")
        self._docs = array("I")
        self._weights = array("d")
        self._lengths = array("i")  # value length, -1 for no value (None)
        self._values = bytearray()

    def add(self, item: tuple[str, bytes, int, float, bytes | None]) -> None:
        fieldname, tbytes, docnum, weight, vbytes = item
        terms = self._terms.get(fieldname)
        if terms is None:
            terms = self._terms[fieldname] = {}
            self.fieldnames.add(fieldname)
        tid = terms.get(tbytes)
        if tid is None:
            tid = terms[tbytes] = self._count
            self._count += 1
        self._tids.append(tid)
        self._docs.append(docnum)
        self._weights.append(weight)
        if vbytes is None:
            self._lengths.append(-1)
        else:
            self._lengths.append(len(vbytes))
            self._values += vbytes

    def add_terms(
        self, fieldname: str, docnum: int, items: list[tuple[bytes, float, bytes | None]]
    ) -> None:
        """``add`` for every (term, weight, value) of one field of one document."""
        terms = self._terms.get(fieldname)
        if terms is None:
            terms = self._terms[fieldname] = {}
            self.fieldnames.add(fieldname)
        tids, weights, lengths, values = self._tids, self._weights, self._lengths, self._values
        for tbytes, weight, vbytes in items:
            tid = terms.get(tbytes)
            if tid is None:
                tid = terms[tbytes] = self._count
                self._count += 1
            tids.append(tid)
            weights.append(weight)
            if vbytes is None:
                lengths.append(-1)
            else:
                lengths.append(len(vbytes))
                values += vbytes
        self._docs.extend([docnum] * len(items))

    def iter_postings(self) -> Iterator[tuple[str, bytes, int, float, bytes | None]]:
        """Postings sorted by field, term and document; the pool is emptied first."""
        ordered = [(f, sorted(self._terms[f])) for f in sorted(self._terms)]
        rank = np.empty(self._count, dtype=np.uint32)
        pos = 0
        for fieldname, tlist in ordered:
            ids = self._terms[fieldname]
            rank[[ids[t] for t in tlist]] = np.arange(pos, pos + len(tlist), dtype=np.uint32)
            pos += len(tlist)
        self._terms = {}
        ranks = rank[np.frombuffer(self._tids, dtype=np.uint32)]
        del rank
        self._tids = array("I")
        counts = np.bincount(ranks, minlength=pos).tolist()
        order = np.argsort(ranks, kind="stable")
        del ranks
        # sorted copies replace the pool's arrays one by one, so RAM holds
        # about one extra column at a time; memoryviews index as Python numbers
        docs = np.frombuffer(self._docs, dtype=np.uint32)[order].data
        self._docs = array("I")
        weights = np.frombuffer(self._weights, dtype=np.float64)[order].data
        self._weights = array("d")
        lengths = np.frombuffer(self._lengths, dtype=np.int32)
        # where each value ends in the buffer: 32 bits wide while they fit
        wide = np.uint32 if len(self._values) < 2**32 else np.uint64
        ends = np.cumsum(np.maximum(lengths, 0), dtype=wide)[order].data
        sized = lengths[order].data
        del lengths
        self._lengths = array("i")
        del order
        values = bytes(self._values)  # slices of bytes are bytes, as Whoosh expects
        self._values = bytearray()
        self._count = 0
        first = rank_pos = 0
        for fieldname, tlist in ordered:
            for tbytes in tlist:
                end = first + counts[rank_pos]
                rank_pos += 1
                for i in range(first, end):
                    size = sized[i]
                    value = None if size < 0 else values[ends[i] - size : ends[i]]
                    yield fieldname, tbytes, docs[i], weights[i], value
                first = end

    def save(self) -> None:
        """Whoosh asks pools to spill; this one never does."""
