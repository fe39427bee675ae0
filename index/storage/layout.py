"""What lives in the index folder and how a commit is laid down.

Files: Whoosh's segments and TOC (``_MAIN_<gen>.toc``, the commit point) plus
our ``META_<gen>.json`` (schema version and the caller's metadata), written
just before the TOC of the same generation so both appear together.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from whoosh.filedb.filestore import Storage
from whoosh.index import TOC, FileIndex, clean_files

from index.schema import SCHEMA_VERSION, build_schema
from index.storage.encrypted import EncryptedStorage
from index.types import IndexCorrupt
from index.whoosh_internals import committed_segments, latest_generation

INDEXNAME = "MAIN"
SCHEMA = build_schema()


def meta_name(gen: int) -> str:
    return f"META_{gen}.json"


def encode_meta(meta: Mapping[str, object]) -> bytes:
    record = {"schema": SCHEMA_VERSION, "meta": dict(meta)}
    return json.dumps(record, default=str, sort_keys=True).encode("utf-8")


def decode_meta(data: bytes) -> dict[str, object]:
    try:
        record = json.loads(data.decode("utf-8"))
    except ValueError as exc:
        raise IndexCorrupt("index metadata unreadable") from exc
    if not isinstance(record, dict) or record.get("schema") != SCHEMA_VERSION:
        raise IndexCorrupt("index schema version differs")
    meta = record.get("meta")
    return dict(meta) if isinstance(meta, dict) else {}


def attach(storage: Storage) -> FileIndex:
    """The index whose files are in ``storage``, read with our schema (not the pickled one)."""
    return FileIndex(storage, schema=SCHEMA, indexname=INDEXNAME)


def start_empty(storage: Storage, gen: int) -> FileIndex:
    """An index with no segments at generation ``gen`` (a rebuild's first commit)."""
    TOC(SCHEMA, [], gen).write(storage, INDEXNAME)
    return attach(storage)


def create(storage: EncryptedStorage) -> FileIndex:
    # metadata first: writing the TOC is the commit point that flushes both
    storage.write_file(meta_name(0), encode_meta({}))
    return FileIndex.create(storage, SCHEMA, INDEXNAME)


def open_index(storage: EncryptedStorage) -> tuple[FileIndex, dict[str, object]]:
    """Open the decrypted files as an index, or IndexCorrupt; creates one if empty."""
    if not storage.list():
        return create(storage), {}
    gen = latest_generation(storage, INDEXNAME)
    if gen < 0:
        raise IndexCorrupt("index has no table of contents")
    if not storage.file_exists(meta_name(gen)):
        raise IndexCorrupt("index metadata missing")
    meta = decode_meta(storage.read_bytes(meta_name(gen)))
    try:
        ix = attach(storage)
        segments = committed_segments(ix)
        with ix.searcher() as probe:
            probe.doc_count_all()
    except Exception as exc:
        raise IndexCorrupt(f"index files unreadable ({type(exc).__name__})") from exc
    _tidy(storage, gen, segments)
    return ix, meta


def _tidy(storage: EncryptedStorage, gen: int, segments: list[Any]) -> None:
    """Drop what a crash between two writes can leave behind."""
    clean_files(storage, INDEXNAME, gen, segments)
    drop_other_meta(storage, meta_name(gen))


def drop_other_meta(storage: EncryptedStorage, keep: str) -> None:
    for name in storage.list():
        if name.startswith("META_") and name != keep:
            storage.delete_file(name)
