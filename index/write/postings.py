"""A bulk-built segment's postings, measured in bulk for Whoosh's W3 posting blocks.

Whoosh's postings writer gathers each block's statistics posting by posting
in Python (id deltas, float32 weights, the length bytes' minimum and maximum,
the greatest weight). Here they come from numpy over a run of terms at a
time (:class:`Chunk`); the bulk writer (index/whoosh_writer.py) then only
pickles and compresses each block. The values match Whoosh's exactly:
``tests/index/test_bulk_writer.py`` compares the segment files byte for byte.

Also here: a posting's value bytes as Whoosh's Positions and Frequency
formats encode them, from small tables where one encoding is common.
"""

from __future__ import annotations

import struct
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from operator import sub
from pickle import dumps
from typing import Any

import numpy as np

BLOCK = 128  # W3Codec's blocklimit: postings per block
CHUNK = 1 << 14  # postings turned into Python lists at a time (~5 MB of lists)
_COUNT = struct.Struct("!I")
_TABLE = 1 << 12  # positions past this are rare enough to encode each time
_FREQ = [_COUNT.pack(n) for n in range(1024)]


class _Single(dict[int, bytes]):
    """position -> the value of a term seen once there (most postings), made on first use."""

    def __missing__(self, pos: int) -> bytes:
        value = _COUNT.pack(1) + dumps([pos], 2)
        if pos < _TABLE:
            self[pos] = value
        return value


_ONE = _Single()


def encode_positions(positions: list[int]) -> bytes:
    """Positions.encode: the count, then the pickled position deltas."""
    if len(positions) == 1:
        return _ONE[positions[0]]
    deltas = [positions[0], *map(sub, positions[1:], positions)]
    return _COUNT.pack(len(deltas)) + dumps(deltas, 2)


def encode_all(poses: Iterable[list[int]]) -> list[bytes]:
    """``encode_positions`` of each list; no call for the single ones."""
    one = _ONE
    return [one[p[0]] if len(p) == 1 else encode_positions(p) for p in poses]


def frequency_values(counts: list[int]) -> list[bytes]:
    """Frequency's values: each count as an unsigned int."""
    if counts and max(counts) >= len(_FREQ):
        return [_COUNT.pack(c) for c in counts]
    return list(map(_FREQ.__getitem__, counts))


# one block: (start, end, weight kind, (count, last id, max weight, min length byte,
# max length byte)); weight kind 0: all 1.0, 1: all equal, 2: a tuple
Block = tuple[int, int, int, tuple[int, int, float, int, int]]
# one term: (document frequency, min and max length byte, max weight, first and last id)
TermStats = tuple[int, int, int, float, int, int]


@dataclass
class Sorted:
    """A field's postings, sorted by term and document (slices of the pool's arrays)."""

    terms: list[Any]  # str or bytes; str sorts as its UTF-8 does
    counts: np.ndarray  # postings per term
    docs: np.ndarray  # uint32
    weights: np.ndarray  # float64
    sizes: np.ndarray  # value sizes
    ends: np.ndarray  # where each value ends in ``values``
    values: bytes


def chunks(part: Sorted, lengths: bytearray | None, with_values: bool) -> Iterator[Chunk]:
    """``part`` in runs of whole terms of about ``CHUNK`` postings."""
    bounds = np.cumsum(part.counts).tolist()
    first_term = first = 0
    for t, end in enumerate(bounds):
        if end - first >= CHUNK or t == len(bounds) - 1:
            yield Chunk(part, first_term, t + 1, first, end, lengths, with_values)
            first_term, first = t + 1, end


class Chunk:
    """The block and term statistics of a run of terms, as Python lists."""

    def __init__(
        self,
        part: Sorted,
        t0: int,
        t1: int,
        p0: int,
        p1: int,
        lengths: bytearray | None,
        with_values: bool,
    ) -> None:
        self.term_list = [_utf8(t) for t in part.terms[t0:t1]]
        counts = part.counts[t0:t1].astype(np.int64)
        tstart = np.concatenate(([0], np.cumsum(counts)[:-1]))
        tend = tstart + counts
        nblocks = (counts + BLOCK - 1) // BLOCK
        of_term = np.repeat(np.arange(len(counts)), nblocks)
        within = np.arange(int(nblocks.sum())) - np.repeat(np.cumsum(nblocks) - nblocks, nblocks)
        bstart = tstart[of_term] + within * BLOCK
        bend = np.minimum(bstart + BLOCK, tend[of_term])
        docs = part.docs[p0:p1].astype(np.int64)
        ids = docs.copy()
        ids[1:] -= docs[:-1]
        ids[bstart] = docs[bstart]  # a block's first id is absolute, the rest deltas
        self.ids: list[int] = ids.tolist()
        weights = part.weights[p0:p1]
        w32 = weights.astype(np.float32).astype(np.float64)  # array("f") in Whoosh
        self.weights32: list[float] = w32.tolist()
        low, high = np.minimum.reduceat(w32, bstart), np.maximum.reduceat(w32, bstart)
        kind = np.where(low == high, np.where(low == 1.0, 0, 1), 2)
        lb = _length_bytes(lengths, docs)
        unset = np.where(lb == 0, 256, lb)  # a length byte 0 is no length: not a minimum
        self.blocks = list(
            zip(
                bstart.tolist(),
                bend.tolist(),
                kind.tolist(),
                zip(
                    (bend - bstart).tolist(),
                    docs[bend - 1].tolist(),
                    _positive(np.maximum.reduceat(weights, bstart)),
                    _min_byte(np.minimum.reduceat(unset, bstart)),
                    np.maximum.reduceat(lb, bstart).tolist(),
                    strict=True,
                ),
                strict=True,
            )
        )
        self.nblocks: list[int] = nblocks.tolist()
        self.stats: list[TermStats] = list(
            zip(
                counts.tolist(),
                _min_byte(np.minimum.reduceat(unset, tstart)),
                np.maximum.reduceat(lb, tstart).tolist(),
                _positive(np.maximum.reduceat(weights, tstart)),
                docs[tstart].tolist(),
                docs[tend - 1].tolist(),
                strict=True,
            )
        )
        self._gaps = False
        self.buffer, self.offsets = b"", [0]
        if with_values:  # the chunk's values laid out in posting order, once
            sizes = part.sizes[p0:p1].astype(np.int64)
            offsets = np.concatenate(([0], np.cumsum(sizes)))
            moved = np.repeat(part.ends[p0:p1].astype(np.int64) - sizes - offsets[:-1], sizes)
            source = np.frombuffer(part.values, dtype=np.uint8)
            self.buffer = source[np.arange(int(offsets[-1])) + moved].tobytes()
            self.offsets = offsets.tolist()
            self._gaps = bool((sizes == 0).any())

    def terms(self) -> Iterator[tuple[bytes, list[Block], TermStats]]:
        first = 0
        for term, count, stats in zip(self.term_list, self.nblocks, self.stats, strict=True):
            yield term, self.blocks[first : first + count], stats
            first += count

    def block_weights(self, a: int, e: int, kind: int) -> Any:
        """W3PostingsWriter._mini_weights: None when all are 1.0, one when all equal."""
        if kind == 0:
            return None
        return self.weights32[a] if kind == 1 else tuple(self.weights32[a:e])

    def values(self, a: int, e: int) -> tuple[bytes, ...]:
        """The block's value bytes, one by one; Whoosh leaves empty ones out."""
        buf, offsets = self.buffer, self.offsets
        found = tuple([buf[o:p] for o, p in zip(offsets[a:e], offsets[a + 1 : e + 1], strict=True)])
        return tuple(v for v in found if v) if self._gaps else found


def _utf8(term: str | bytes) -> bytes:
    return term.encode("utf-8") if isinstance(term, str) else term


def _length_bytes(lengths: bytearray | None, docs: np.ndarray) -> np.ndarray:
    if lengths is None or not len(docs):
        return np.zeros(len(docs), dtype=np.int16)
    column = np.zeros(max(len(lengths), int(docs.max()) + 1), dtype=np.int16)
    column[: len(lengths)] = np.frombuffer(bytes(lengths), dtype=np.uint8)
    return column[docs]


def _positive(maxima: np.ndarray) -> list[float]:
    # Whoosh's running maximum starts at the int 0
    return [m if m > 0 else 0 for m in maxima.tolist()]


def _min_byte(minima: np.ndarray) -> list[int]:
    return [0 if m == 256 else m for m in minima.tolist()]
