"""Per-segment precomputed data, stored next to the segment (encrypted like it).

Facet values, dates and the Dutch vocabulary are read from Whoosh's columns
and lexicons a Python call per document or word: at 100k entries that was
~2 s before the first search after unlock. A segment never changes, so that
work is done once, when the segment is first searched or warmed, and kept in
``EHCOL_<segment id>.npz`` (numpy arrays only, loaded without pickle). The
file is derived data: missing or unreadable, it is recomputed; when its
segment is merged away, :meth:`Sidecars.prune` deletes it.
"""

from __future__ import annotations

import io
import json
import logging
import threading
from collections.abc import Callable, Iterable
from typing import Protocol, TypeVar, cast

import numpy as np

from index.engine.source import SegmentSource
from index.query.compounds import NL_FIELDS
from index.schema import FACET_FIELDS

log = logging.getLogger(__name__)

PREFIX = "EHCOL_"
SUFFIX = ".npz"
VERSION = 1
MULTI = ("tags", "themes")
SINGLE = ("kind", "organisation", "classification")
Data = dict[str, np.ndarray]
T = TypeVar("T")


class Store(Protocol):
    def file_exists(self, name: str) -> bool: ...
    def read_bytes(self, name: str) -> bytes: ...
    def save_now(self, name: str, data: bytes) -> None: ...
    def delete_file(self, name: str) -> None: ...
    def list(self) -> list[str]: ...


def file_name(segment_id: str) -> str:
    return f"{PREFIX}{segment_id}{SUFFIX}"


def strings_array(values: Iterable[str]) -> np.ndarray:
    return np.frombuffer(json.dumps(list(values)).encode("utf-8"), dtype=np.uint8)


def strings_of(array: np.ndarray) -> list[str]:
    values = json.loads(bytes(array).decode("utf-8"))
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise ValueError("not a list of strings")
    return values


# -- computing from a segment -------------------------------------------------------
def _local_codes(raws: Iterable[bytes], table: dict[bytes, int]) -> list[int]:
    return [table.setdefault(r, len(table)) for r in raws]


def _values(table: dict[bytes, int]) -> np.ndarray:
    return strings_array(raw.decode("utf-8") for raw in table)


def compute(source: SegmentSource) -> Data:
    """Every precomputed array of one segment, read the slow way."""
    data: Data = {"version": np.array([VERSION], dtype=np.int64)}
    for name in SINGLE:
        table: dict[bytes, int] = {b"": 0}
        raws = cast(list[bytes], source.column(FACET_FIELDS[name], b""))
        data[f"{name}.codes"] = np.asarray(_local_codes(raws, table), dtype=np.int32)
        data[f"{name}.values"] = _values(table)
    for name in MULTI:
        table = {b"": 0}
        docs: list[int] = []
        codes: list[int] = []
        for doc, vals in enumerate(source.column(FACET_FIELDS[name], [])):
            for raw in cast(list[bytes], vals or ()):
                docs.append(doc)
                codes.append(table.setdefault(raw, len(table)))
        data[f"{name}.docs"] = np.asarray(docs, dtype=np.int64)
        data[f"{name}.codes"] = np.asarray(codes, dtype=np.int32)
        data[f"{name}.values"] = _values(table)
    dates = cast(list[int | None], source.column("updated", 0))
    data["updated"] = np.fromiter((d or 0 for d in dates), dtype=np.int64, count=len(dates))
    data["vocab"] = np.frombuffer("\n".join(sorted(_lexicon(source))).encode(), dtype=np.uint8)
    return data


def _lexicon(source: SegmentSource) -> set[str]:
    words: set[str] = set()
    for field in NL_FIELDS & source.field_names():
        words.update(b.decode("utf-8") for b in source.lexicon(field))
    return words


def encode(data: Data) -> bytes:
    buf = io.BytesIO()
    np.savez(buf, **data)  # type: ignore[arg-type]
    return buf.getvalue()


def decode(blob: bytes) -> Data | None:
    """The arrays of a stored sidecar, or None if it is unusable."""
    try:
        with np.load(io.BytesIO(blob), allow_pickle=False) as npz:
            data = {key: npz[key] for key in npz.files}
    except Exception:  # derived data: recompute rather than fail
        return None
    version = data.get("version")
    if version is None or version.tolist() != [VERSION]:
        return None
    return data


# -- derived files (these sidecars, index/storage/wordfiles.py) -------------------
def load_or_compute(
    store: Store | None,
    name: str,
    what: str,
    read: Callable[[bytes], T | None],
    make: Callable[[], T],
    write: Callable[[T], bytes],
) -> T:
    """A derived file's value: read back from ``name``, else ``make()`` and saved."""
    if store is not None and store.file_exists(name):
        found = read(store.read_bytes(name))
        if found is not None:
            return found
        log.warning("search index: recomputing an unreadable %s", what)
    value = make()
    if store is not None:
        store.save_now(name, write(value))
    return value


def prune_files(store: Store | None, prefix: str, suffix: str, live_segment_ids: set[str]) -> None:
    """Delete the derived files ``<prefix><segment id><suffix>`` of segments gone."""
    if store is None:
        return
    for name in store.list():
        if name.startswith(prefix) and name.endswith(suffix):
            if name[len(prefix) : -len(suffix)] not in live_segment_ids:
                store.delete_file(name)


# -- the cache -----------------------------------------------------------------
class Sidecars:
    """Loads, computes and saves sidecars of the segments of one index."""

    def __init__(self, store: Store | None) -> None:
        self._store = store
        self._lock = threading.Lock()
        self._loaded: dict[str, Data] = {}

    def of(self, source: SegmentSource) -> Data:
        segment_id = source.segment_id()
        with self._lock:
            found = self._loaded.get(segment_id)
            if found is None:
                found = self._loaded[segment_id] = self._load_or_compute(source, segment_id)
            return found

    def _load_or_compute(self, source: SegmentSource, segment_id: str) -> Data:
        return load_or_compute(
            self._store, file_name(segment_id), "sidecar", decode, lambda: compute(source), encode
        )

    def vocabulary(self, source: SegmentSource) -> list[str]:
        words = bytes(self.of(source)["vocab"]).decode("utf-8")
        return words.split("\n") if words else []

    def prune(self, live_segment_ids: set[str]) -> None:
        """Forget and delete the sidecars of segments no longer in the index."""
        with self._lock:
            self._loaded = {k: v for k, v in self._loaded.items() if k in live_segment_ids}
            prune_files(self._store, PREFIX, SUFFIX, live_segment_ids)

    def reset(self) -> None:
        with self._lock:
            self._loaded = {}
