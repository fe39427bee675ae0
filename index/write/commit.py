"""Committing segments built apart (index/write/segments.py) with one table of contents."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from whoosh.index import TOC, clean_files

from index.storage.encrypted import EncryptedStorage
from index.storage.layout import INDEXNAME, SCHEMA, drop_other_meta, encode_meta, meta_name


def commit_segments(
    storage: EncryptedStorage,
    gen: int,
    segments: list[Any],
    meta: Mapping[str, object],
    *,
    tidy: bool = False,
) -> None:
    """Write our metadata, then the TOC of generation ``gen`` naming ``segments``.

    The TOC is the commit point (a persisted storage writes every new file
    then, the TOC last). ``tidy`` drops older TOCs, metadata and segment files
    no longer named, as a Whoosh writer's commit does.
    """
    storage.write_file(meta_name(gen), encode_meta(meta))
    TOC(SCHEMA, segments, gen).write(storage, INDEXNAME)
    if tidy:
        clean_files(storage, INDEXNAME, gen, segments)
        drop_other_meta(storage, meta_name(gen))
