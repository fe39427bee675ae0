"""The Dutch vocabulary behind compound expansion, kept in step with segments.

Reading every lexicon after each commit would cost tens of milliseconds on
the next keystroke, so words are added per *new* segment only. Words of
deleted documents linger until :meth:`reset` (called when documents are
deleted, so erased names do not stay behind even in RAM).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from typing import Any

from index.query.compounds import CompoundExpander


class Vocabulary:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._seen: set[str] = set()
        self._expander = CompoundExpander()

    def reset(self) -> None:
        with self._lock:
            self._seen, self._expander = set(), CompoundExpander()

    def expander(self, reader: Any, words: Callable[[Any], Iterable[str]]) -> CompoundExpander:
        """The expander, fed ``words(leaf)`` of each segment it has not seen yet."""
        with self._lock:
            for leaf, _offset in reader.leaf_readers():
                segment = leaf.segment()
                if segment is None:  # the empty index
                    continue
                seg_id = segment.segment_id()
                if seg_id not in self._seen:
                    self._seen.add(seg_id)
                    self._expander.add(words(leaf))
            return self._expander
