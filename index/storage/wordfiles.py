"""A segment's indexed words per word field, stored next to it (sealed like it).

``EHTRM_<segment id>.npz`` holds, for each word field, the segment's words
in byte order, read once from its lexicon (index/engine/lexicons.py merges
them). Derived data, as the sidecars (index/storage/sidecar.py) are:
missing or unreadable, it is recomputed; once its segment is merged away it
is deleted.
"""

from __future__ import annotations

import io

import numpy as np

from index.engine.source import SegmentSource
from index.engine.wordlists import SEPARATOR, packable
from index.schema import LANGUAGES, TEXT_BASES
from index.storage import sidecar
from index.storage.sidecar import Store

WORD_FIELDS = frozenset({f"{b}_{lang}" for b in TEXT_BASES for lang in LANGUAGES} | {"spell"})
PREFIX = "EHTRM_"
SUFFIX = ".npz"
VERSION = 1
Words = dict[str, list[bytes]]  # field -> its words in byte order
_NOT_PACKABLE = "not_packable"


def file_name(segment_id: str) -> str:
    return f"{PREFIX}{segment_id}{SUFFIX}"


def compute(source: SegmentSource) -> tuple[Words, set[str]]:
    """A segment's words per word field, and the fields whose words cannot be packed."""
    words: Words = {}
    unpackable: set[str] = set()
    for name in sorted(WORD_FIELDS & source.field_names()):
        found = list(source.lexicon(name))
        if packable(found):
            words[name] = found
        else:
            unpackable.add(name)
    return words, unpackable


def encode(words: Words, unpackable: set[str]) -> bytes:
    arrays = {name: np.frombuffer(SEPARATOR.join(ws), dtype=np.uint8) for name, ws in words.items()}
    arrays["version"] = np.array([VERSION], dtype=np.int64)
    arrays[_NOT_PACKABLE] = np.frombuffer("\n".join(sorted(unpackable)).encode(), np.uint8)
    buf = io.BytesIO()
    np.savez(buf, **arrays)  # type: ignore[arg-type]
    return buf.getvalue()


def decode(blob: bytes) -> tuple[Words, set[str]] | None:
    """The words of a stored file, or None if it is unusable."""
    try:
        with np.load(io.BytesIO(blob), allow_pickle=False) as npz:
            arrays = {key: npz[key] for key in npz.files}
    except Exception:  # derived data: recompute rather than fail
        return None
    version = arrays.pop("version", None)
    marked = arrays.pop(_NOT_PACKABLE, None)
    if version is None or version.tolist() != [VERSION] or marked is None:
        return None
    unpackable = set(bytes(marked).decode("utf-8").split("\n")) - {""}
    words = {name: _split(bytes(a)) for name, a in arrays.items() if name in WORD_FIELDS}
    return words, unpackable


def _split(blob: bytes) -> list[bytes]:
    return blob.split(SEPARATOR) if blob else []


def load_or_compute(store: Store | None, source: SegmentSource) -> tuple[Words, set[str]]:
    """The segment's words: from its file, else from its lexicon (then saved)."""
    name = file_name(source.segment_id())
    return sidecar.load_or_compute(
        store, name, "word list", decode, lambda: compute(source), lambda found: encode(*found)
    )


def prune(store: Store | None, live_segment_ids: set[str]) -> None:
    """Delete the word files of segments no longer in the index."""
    sidecar.prune_files(store, PREFIX, SUFFIX, live_segment_ids)
