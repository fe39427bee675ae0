"""The stored fields and snippets of recently shown documents, kept for the searcher that read them.

Every hit on a page needs its stored fields (id, kind, title and the text its
snippet comes from), and Whoosh decompresses and unpickles the whole record
each time: about half of a search at 1k entries. As-you-type searches, a
clicked facet and the next page show many of the same documents again, so
recent records are kept, bounded by the characters they hold (a record is a
note's first 30,000 characters at most, usually a few thousand). A snippet
depends only on the record and the query's stems in the record's language, so
the snippets last made are kept too: a facet click or a re-run of the same
words rebuilds none of them.

Document numbers are only valid for one searcher: a new searcher (after a
commit) starts empty caches, and the old searcher is referenced weakly so the
caches never keep its segments alive. The owner clears them when the index
closes (they hold note text).
"""

from __future__ import annotations

import weakref
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from index.engine.source import Searcher

# Characters of record text kept (~8 MB for Latin text): the 1k bench corpus fits
# whole; at 100k it is a few thousand recently shown notes, and the unlocked hub
# stays under its 400 MB (bench/results).
KEPT_CHARS = 8_000_000
RECORD_OVERHEAD = 400  # dict, keys and small values of one record, in characters' worth
SNIPPETS_KEPT = 4096  # a snippet is ~300 characters
SnippetKey = tuple[int, frozenset[str], str]


def _chars(record: dict[str, Any]) -> int:
    return RECORD_OVERHEAD + sum(len(v) for v in record.values() if isinstance(v, str))


class StoredCache:
    """LRU of ``searcher.stored_fields(docnum)`` and of snippets; the caller serialises access."""

    def __init__(self, chars: int = KEPT_CHARS, snippets: int = SNIPPETS_KEPT) -> None:
        self.chars = chars
        self.snippets_kept = snippets
        self._owner: weakref.ref[Searcher] | None = None
        self._records: OrderedDict[int, tuple[dict[str, Any], int]] = OrderedDict()
        self._total = 0
        self._snippets: OrderedDict[SnippetKey, str] = OrderedDict()

    def _follow(self, searcher: Searcher) -> None:
        if self._owner is None or self._owner() is not searcher:
            self.clear()
            self._owner = weakref.ref(searcher)

    def get(self, searcher: Searcher, docnum: int) -> dict[str, Any]:
        self._follow(searcher)
        found = self._records.get(docnum)
        if found is not None:
            self._records.move_to_end(docnum)
            return found[0]
        record = searcher.stored_fields(docnum)
        size = _chars(record)
        self._records[docnum] = (record, size)
        self._total += size
        while self._total > self.chars and len(self._records) > 1:
            _, (_, dropped) = self._records.popitem(last=False)
            self._total -= dropped
        return record

    def snippet(
        self,
        searcher: Searcher,
        docnum: int,
        stems: frozenset[str],
        lang: str,
        make: Callable[[], str],
    ) -> str:
        """``make()``, the snippet of ``docnum`` for ``stems``, kept for this searcher."""
        self._follow(searcher)
        key = (docnum, stems, lang)
        found = self._snippets.get(key)
        if found is not None:
            self._snippets.move_to_end(key)
            return found
        made = self._snippets[key] = make()
        if len(self._snippets) > self.snippets_kept:
            self._snippets.popitem(last=False)
        return made

    def clear(self) -> None:
        self._records.clear()
        self._snippets.clear()
        self._total = 0
        self._owner = None

    def __len__(self) -> int:
        return len(self._records)
