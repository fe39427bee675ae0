"""A Whoosh segment writer for building many documents at once (rebuilds).

Whoosh's own writer collects every posting as a Python tuple in a sorting
pool and, past ``limitmb``, spills sorted runs to temp storage and merges
them back. Our temp storage is RAM (security S4: no plaintext on disk), so a
spill saves no memory and costs a marshal and an unmarshal of every posting:
at 10k entries that was a quarter of the rebuild and ~500 MB of RSS. Here
postings are kept per term in compact arrays and never spilled; callers
bound the memory by committing a segment every ``CHUNK_DOCS`` documents.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator
from typing import Any

from whoosh.writing import SegmentWriter

CHUNK_DOCS = 20_000  # ~150 MB of postings per segment being built
_SMALL_VALUE = 12  # posting values this short repeat a lot: share one object


class CompactPool:
    """In-memory posting pool: per (field, term) arrays of docnums and weights."""

    def __init__(self) -> None:
        self.fieldnames: set[str] = set()
        self._terms: dict[tuple[str, bytes], tuple[array[int], array[float], list[Any]]] = {}
        self._shared: dict[bytes, bytes] = {}

    def add(self, item: tuple[str, bytes, int, float, bytes | None]) -> None:
        fieldname, tbytes, docnum, weight, vbytes = item
        entry = self._terms.get((fieldname, tbytes))
        if entry is None:
            entry = self._terms[(fieldname, tbytes)] = (array("I"), array("d"), [])
            self.fieldnames.add(fieldname)
        entry[0].append(docnum)
        entry[1].append(weight)
        if vbytes is not None and len(vbytes) <= _SMALL_VALUE:
            vbytes = self._shared.setdefault(vbytes, vbytes)
        entry[2].append(vbytes)

    def iter_postings(self) -> Iterator[tuple[str, bytes, int, float, Any]]:
        """Postings sorted by field, term and document, freed as they are handed out."""
        terms = self._terms
        for key in sorted(terms):
            docnums, weights, values = terms.pop(key)
            fieldname, tbytes = key
            for i, docnum in enumerate(docnums):
                yield fieldname, tbytes, docnum, weights[i], values[i]

    def save(self) -> None:
        """Whoosh asks pools to spill; this one never does."""

    def cleanup(self) -> None:
        self._terms = {}
        self._shared = {}


class _Lengths:
    """Field lengths read once per field and document, not once per posting."""

    def __init__(self, reader: Any, doc_count: int) -> None:
        self._reader = reader
        self._count = doc_count
        self._cache: dict[str, list[int]] = {}

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> int:
        column = self._cache.get(fieldname)
        if column is None:
            read = self._reader.doc_field_length
            column = [read(d, fieldname, default) for d in range(self._count)]
            self._cache[fieldname] = column
        return column[docnum]


class BulkWriter(SegmentWriter):  # type: ignore[misc]
    """SegmentWriter with the compact pool and cached field lengths."""

    def __init__(self, ix: Any, **kwargs: Any) -> None:
        # Separate files, not one compound file: a reader opened after each
        # edit (the big segment's deletions change) then shares the stored
        # bytes, where a compound file's sub-files were copied out every time
        # (~0.5 s per edit at 100k entries).
        kwargs.setdefault("compound", False)
        super().__init__(ix, **kwargs)
        self.pool = CompactPool()

    def _flush_segment(self) -> None:
        # as SegmentWriter._flush_segment, with lengths cached per field
        self.perdocwriter.close()
        reader = self.per_document_reader() if self.codec.length_stats else None
        lengths = _Lengths(reader, self.docnum - self.docbase) if reader else None
        self.fieldwriter.add_postings(self.schema, lengths, self.pool.iter_postings())
        self.fieldwriter.close()
        if reader is not None:
            reader.close()
