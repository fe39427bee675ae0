"""The Dutch vocabulary behind compound expansion, kept in step with segments.

Reading every lexicon after each commit would cost tens of milliseconds on
the next keystroke, so words are added per *new* segment only. Words of
deleted documents linger until :meth:`reset` (called when documents are
deleted, so erased names do not stay behind even in RAM).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable

from index.engine.source import Reader, SegmentSource
from index.query.compounds import CompoundExpander
from index.whoosh_internals import segments


class Vocabulary:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._seen: set[str] = set()
        self._expander = CompoundExpander()

    def reset(self) -> None:
        with self._lock:
            self._seen, self._expander = set(), CompoundExpander()

    def expander(
        self, reader: Reader, words: Callable[[SegmentSource], Iterable[str]]
    ) -> CompoundExpander:
        """The expander, fed ``words(segment)`` of each segment it has not seen yet."""
        with self._lock:
            for source, _offset in segments(reader):
                seg_id = source.segment_id()
                if seg_id not in self._seen:
                    self._seen.add(seg_id)
                    self._expander.add(words(source))
            return self._expander
