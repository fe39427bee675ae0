"""What the engine needs from one segment of an index (docs/ARCHITECTURE.md §5).

The numpy engine, the column cache, the sidecars and the vocabulary talk to
segments only through :class:`SegmentSource`; ``index/storage/whoosh_internals.py``
is the one implementation, and the only module that reaches into Whoosh's
private internals to provide it. Another engine would implement this protocol
(plus the public searcher calls: idf, average field length, stored fields).

Document numbers here are local to the segment (0..doc_count-1); callers add
the segment's offset to get the searcher's global numbers.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

import numpy as np

Postings = tuple[np.ndarray, np.ndarray]  # (int64 doc numbers, float64 weights)
ColumnValue = bytes | int | list[bytes] | None
TermText = str | bytes  # an indexed word as analysed (str) or as stored (bytes)


class Reader(Protocol):
    """What the engine asks of a reader over all segments (Whoosh's IndexReader)."""

    schema: Any  # Whoosh's Schema: the engine only asks a field whether it keeps positions

    def __contains__(self, term: object) -> bool: ...

    def doc_count_all(self) -> int: ...

    def frequency(self, fieldname: str, text: str) -> float: ...


class Searcher(Protocol):
    """What the engine asks of a searcher (Whoosh's Searcher): statistics and stored fields."""

    def reader(self) -> Reader: ...

    def idf(self, fieldname: str, text: TermText) -> float: ...

    def avg_field_length(self, fieldname: str, default: float | None = None) -> float: ...

    def stored_fields(self, docnum: int) -> dict[str, Any]: ...

    def document_number(self, **kw: str) -> int | None: ...

    def doc_count(self) -> int: ...

    def corrector(self, fieldname: str) -> Any: ...

    def close(self) -> None: ...


class SegmentSource(Protocol):
    """One immutable segment: postings, positions, lengths, columns, lexicon."""

    def segment_id(self) -> str:
        """Stable while the segment exists; segments never change once written."""
        ...

    def doc_count(self) -> int:
        """Documents in the segment, deleted ones included."""
        ...

    def has_deletions(self) -> bool: ...

    def deleted(self) -> np.ndarray:
        """Local numbers (int64) of the deleted documents."""
        ...

    def has_term(self, fieldname: str, text: TermText) -> bool: ...

    def postings(self, fieldname: str, text: TermText) -> Postings:
        """Local ids (ascending) and weights of a term, deleted documents included."""
        ...

    def position_deltas(
        self, fieldname: str, text: TermText
    ) -> tuple[list[np.ndarray], list[list[int]]]:
        """Doc ids per posting block and, per posting, its position deltas."""
        ...

    def field_lengths(self, fieldname: str) -> np.ndarray:
        """Length (float64) of ``fieldname`` in every document of the segment."""
        ...

    def column(self, name: str, default: ColumnValue) -> list[ColumnValue]:
        """Raw (untranslated) column values, one per document; ``default`` if none."""
        ...

    def field_names(self) -> set[str]:
        """Names of the indexed fields present in the segment."""
        ...

    def lexicon(self, fieldname: str) -> Iterable[bytes]: ...
