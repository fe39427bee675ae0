"""Each word field's sorted words over all segments, and which segments hold each.

Two things a search asked Whoosh's lexicons, segment by segment, through
sealed term files: the words a prefix or fuzzy word stands for (a walk of
every segment's lexicon) and, for every term it looks up, whether a segment
holds it (a hash lookup per segment: 20 at 100k entries). Both come from
memory here: a segment's words are read once (index/storage/wordfiles.py)
into :class:`PackedWords` lists (index/engine/wordlists.py).

The large segments (a rebuild's or an import's; only a rebuild or an erase
rewrites them) share one merged list per field, with a bit mask per word
naming the segments that hold it. Each small segment an edit adds keeps a
list of its own until the edit merges retire it, so an edit costs a few
milliseconds here, not a merge of every word.

Words of deleted documents stay until their segment is rewritten, as in
Whoosh's lexicon: they expand to postings that match nothing. Any deletion
rewrites the segments holding it (SearchIndex.purge) under new ids and
drops every view (SearchIndex._forget_words), so an erased name leaves RAM
and the word files with its segment.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from index import whoosh_internals
from index.engine.source import Reader, SegmentSource
from index.engine.wordlists import PackedWords
from index.storage import wordfiles
from index.storage.sidecar import Store
from index.storage.wordfiles import WORD_FIELDS, Words
from index.whoosh_internals import segments

MAX_OWNERS = 64  # segments a word's owner mask can name; past that, ask every segment
KEEP_VIEWS = 2  # the current searcher's and the one a search may still hold


@dataclass(frozen=True)
class Layer:
    """Words per field of some segments; bit k of an owner mask stands for ``order[k]``."""

    order: tuple[str, ...]
    words: dict[str, PackedWords]
    owners: dict[str, np.ndarray] | None  # None: too many segments to name

    @classmethod
    def build(cls, new: Sequence[tuple[str, Words]], base: Layer | None = None) -> Layer:
        """The words of ``base`` (if any) and of the ``new`` segments, merged."""
        old_order = base.order if base is not None else ()
        order = old_order + tuple(segment_id for segment_id, _ in new)
        names = set(base.words if base is not None else ()) | {n for _, w in new for n in w}
        track = len(order) <= MAX_OWNERS and (base is None or base.owners is not None)
        words: dict[str, PackedWords] = {}
        owners: dict[str, np.ndarray] = {}
        for name in names:
            old = base.words.get(name) if base is not None else None
            parts = [w[name] for _, w in new if name in w]
            if old is not None:
                parts.append(old.slice(0, len(old)))
            words[name] = PackedWords.merged(parts)
            if track:
                old_masks = base.owners.get(name) if base and base.owners else None
                owners[name] = _owners(words[name], old, old_masks, new, name, len(old_order))
        return cls(order, words, owners if track else None)

    def holders(self, name: str, text: bytes) -> list[str] | None:
        """Ids of the segments holding the word; None if not known which."""
        packed = self.words.get(name)
        at = packed.find(text) if packed is not None else -1
        if at < 0:
            return []
        if self.owners is None:
            return None
        mask = int(self.owners[name][at])
        return [segment_id for k, segment_id in enumerate(self.order) if mask >> k & 1]


def _owners(
    merged: PackedWords,
    old: PackedWords | None,
    old_masks: np.ndarray | None,
    new: Sequence[tuple[str, Words]],
    name: str,
    first_bit: int,
) -> np.ndarray:
    position = {word: i for i, word in enumerate(merged.slice(0, len(merged)))}
    masks = np.zeros(len(merged), dtype=np.uint64)

    def at(words: list[bytes]) -> np.ndarray:
        return np.fromiter(map(position.__getitem__, words), dtype=np.int64, count=len(words))

    if old is not None and old_masks is not None:
        masks[at(old.slice(0, len(old)))] = old_masks
    for k, (_, words) in enumerate(new):
        if words.get(name):
            masks[at(words[name])] |= np.uint64(1 << (first_bit + k))
    return masks


@dataclass(frozen=True)
class View:
    """The words of one set of segments: the large ones' layer and each small one's."""

    big: Layer
    small: tuple[Layer, ...]
    unserved: frozenset[str]  # fields some segment could not pack: ask Whoosh

    def serves(self, name: str) -> bool:
        return name in WORD_FIELDS and name not in self.unserved

    def with_prefix(self, name: str, prefix: bytes) -> list[bytes]:
        return _union(words.with_prefix(prefix) for words in self._lists(name))

    def within(self, name: str, text: str, maxdist: int, prefix: int) -> list[bytes]:
        return _union(words.within(text, maxdist, prefix) for words in self._lists(name))

    def holders(self, name: str, text: bytes) -> set[str] | None:
        """Ids of the segments holding the word; None if this view cannot tell."""
        if not self.serves(name):
            return None
        found = self.big.holders(name, text)
        if found is None:
            return None
        holding = set(found)
        for layer in self.small:
            holding.update(layer.holders(name, text) or ())
        return holding

    def _lists(self, name: str) -> list[PackedWords]:
        layers = (self.big, *self.small)
        return [layer.words[name] for layer in layers if name in layer.words]


def _union(parts: Iterable[list[bytes]]) -> list[bytes]:
    lists = [p for p in parts if p]
    if len(lists) == 1:
        return lists[0]
    return sorted(set().union(*lists))


class Lexicons:
    """Views of the recent segment sets, built from each segment's words once."""

    def __init__(self, store: Store | None) -> None:
        self._store = store
        self._lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        with self._lock:
            self._views: OrderedDict[tuple[str, ...], View] = OrderedDict()
            self._bigs: dict[frozenset[str], Layer] = {}
            self._small: dict[str, Layer] = {}
            self._unserved: dict[str, set[str]] = {}  # segment id -> fields it cannot pack
            self._last: tuple[Reader, View] | None = None

    def view(self, reader: Reader) -> View:
        last = self._last
        if last is not None and last[0] is reader:  # most calls: the same searcher
            return last[1]
        parts = [source for source, _offset in segments(reader)]
        ids = tuple(source.segment_id() for source in parts)
        with self._lock:
            found = self._views.get(ids)
            if found is not None:
                self._views.move_to_end(ids)
                self._last = (reader, found)
                return found
            bound = whoosh_internals.SMALL_SEGMENT_DOCS  # only rebuilds and erases rewrite larger
            big = self._big_layer([s for s in parts if s.doc_count() >= bound])
            small = [self._small_layer(s) for s in parts if s.doc_count() < bound]
            unserved = frozenset().union(*(self._unserved.get(i, ()) for i in ids))
            view = self._views[ids] = View(big, tuple(small), unserved)
            self._last = (reader, view)
            self._forget_old()
            return view

    def _big_layer(self, big: list[SegmentSource]) -> Layer:
        key = frozenset(source.segment_id() for source in big)
        found = self._bigs.get(key)
        if found is None:
            # an import adds large segments to the current ones: merge only those
            bases = [layer for ids, layer in self._bigs.items() if ids <= key]
            base = max(bases, key=lambda layer: len(layer.order), default=None)
            have = set(base.order) if base is not None else set()
            new = [(s.segment_id(), self._words(s)) for s in big if s.segment_id() not in have]
            found = self._bigs[key] = Layer.build(new, base)
        return found

    def _small_layer(self, source: SegmentSource) -> Layer:
        segment_id = source.segment_id()
        found = self._small.get(segment_id)
        if found is None:
            found = self._small[segment_id] = Layer.build([(segment_id, self._words(source))])
        return found

    def _words(self, source: SegmentSource) -> Words:
        words, unpackable = wordfiles.load_or_compute(self._store, source)
        if unpackable:
            self._unserved[source.segment_id()] = unpackable
        return words

    def _forget_old(self) -> None:
        while len(self._views) > KEEP_VIEWS:
            self._views.popitem(last=False)
        live = {i for ids in self._views for i in ids}
        kept_bigs = {frozenset(view.big.order) for view in self._views.values()}
        self._bigs = {k: v for k, v in self._bigs.items() if k in kept_bigs}
        self._small = {k: v for k, v in self._small.items() if k in live}
        self._unserved = {k: v for k, v in self._unserved.items() if k in live}

    def prune(self, live_segment_ids: set[str]) -> None:
        """Delete the word files of segments no longer in the index."""
        with self._lock:
            wordfiles.prune(self._store, live_segment_ids)
