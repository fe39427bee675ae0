"""Phrase matching over position arrays.

Each word's positions in a segment are decoded once into one sorted int64
array of keys ``doc << SHIFT | position`` and cached per segment, so a
phrase is a few vectorised lookups ("is position + 1 of this key a key of
the next word?") instead of a Python loop over every candidate document.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import chain

import numpy as np

from index.engine.postings import Mask, Run
from index.engine.source import SegmentSource, TermText
from index.query.tree import Phrase
from index.whoosh_internals import segments

SHIFT = 32  # positions below 2**32; doc numbers below 2**31


def segment_keys(source: SegmentSource, fieldname: str, word: TermText) -> np.ndarray:
    """Sorted keys of every position of one term in one segment."""
    doc_parts, delta_lists = source.position_deltas(fieldname, word)
    if not doc_parts:
        return np.zeros(0, dtype=np.int64)
    counts = np.fromiter((len(d) for d in delta_lists), dtype=np.int64, count=len(delta_lists))
    deltas = np.fromiter(chain.from_iterable(delta_lists), dtype=np.int64, count=int(counts.sum()))
    running = np.cumsum(deltas)
    # positions restart at each document: subtract the running total before it
    before = np.concatenate(([0], np.cumsum(counts)[:-1]))
    restart = np.where(before > 0, running[np.maximum(before - 1, 0)], 0)
    positions = running - np.repeat(restart, counts)
    docs = np.repeat(np.concatenate(doc_parts), counts)
    return (docs << SHIFT) | positions


def _keys_of(source: SegmentSource, fieldname: str, word: TermText) -> Callable[[], np.ndarray]:
    return lambda: segment_keys(source, fieldname, word)


def position_keys(run: Run, fieldname: str, word: TermText) -> np.ndarray:
    """Keys of a word's positions over all segments, by global document number."""

    def glue() -> np.ndarray:
        parts = []
        for source, offset in segments(run.reader):
            if not source.has_term(fieldname, word):
                continue
            keys: np.ndarray = run.cache.segment_value(
                source, ("positions", fieldname, word), _keys_of(source, fieldname, word)
            )
            parts.append(keys + (offset << SHIFT) if offset else keys)
        if not parts:
            return np.zeros(0, dtype=np.int64)
        return parts[0] if len(parts) == 1 else np.concatenate(parts)

    return run.cache.recent(run.searcher, ("positions", fieldname, word), glue)


def _present(wanted: np.ndarray, keys: np.ndarray) -> np.ndarray:
    """For each of ``wanted``, whether it is one of the sorted ``keys``."""
    if not keys.size:
        return np.zeros(wanted.shape, dtype=bool)
    at = np.minimum(np.searchsorted(keys, wanted), keys.size - 1)
    return keys[at] == wanted


def phrase_mask(run: Run, q: Phrase) -> Mask:
    """Documents holding the words in order, each at most ``slop`` after the last."""
    masks = [run.term_mask(q.field, w) for w in q.words]
    if not masks:
        return run.empty()
    found = masks[0]
    for mask in masks[1:]:
        found = found & mask
    fmt = run.reader.schema[q.field].format
    if len(q.words) < 2 or not found.any() or not fmt.supports("positions"):
        return found
    current: np.ndarray | None = None
    for word in q.words:
        keys = position_keys(run, q.field, word)
        keys = keys[found[keys >> SHIFT]]
        if current is None:
            current = keys
            continue
        steps = max(1, q.slop)
        reach = current + 1
        if steps > 1:
            reach = np.concatenate([current + 1 + k for k in range(steps)])
        current = reach[_present(reach, keys)]
        if steps > 1:
            current = np.unique(current)
        if not current.size:
            break
    result = run.empty()
    if current is not None and current.size:
        result[current >> SHIFT] = True
    return result & found


def phrase_docs(run: Run, q: Phrase) -> Mask:
    """The documents holding the phrase, computed once per search run."""
    if q not in run.phrases:
        run.phrases[q] = phrase_mask(run, q)
    return run.phrases[q]
