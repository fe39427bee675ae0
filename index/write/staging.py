"""Where a rebuild lays down the new index: segments sealed to disk as they are done.

A rebuild commits a segment every ``CHUNK_DOCS`` documents. Kept in RAM until
the swap, those segments (~380 MB at 100k entries) sat next to the posting
pool of the last chunk and the heap it left: the 100k rebuild peaked at
~890 MB. Here each committed segment's files are sealed at once into
``<index>/.rebuild/`` and dropped from RAM. A sealed file is exactly what the
index folder would hold under that name (sealed in chunks, index.storage.chunked),
so :meth:`EncryptedStorage.adopt` just renames it into the folder, decrypting
nothing; no plaintext ever reaches the disk.

Crash and cancel: no TOC refers to anything in ``.rebuild/``. A cancelled or
failed rebuild removes the folder (:meth:`StagingStorage.discard`); after a
crash the next :meth:`EncryptedStorage.load` removes it, unread.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import gc
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from whoosh.filedb.structfile import StructFile

from index.storage.chunked import (
    ChunkCache,
    SealedFile,
    SealedStructFile,
    read_header,
    seal_to_path,
)
from index.storage.encrypted import STAGE_DIR, EncryptedStorage
from index.types import Cipher
from index.whoosh_internals import segment_file_pattern


class StagingStorage(EncryptedStorage):
    """A detached build area (``persist=False``) that can seal finished segments.

    Whoosh never reads a committed segment back while a rebuild adds documents
    (no merges), but the storage API still answers for sealed files, by
    decrypting them from the stage folder.
    """

    def __init__(self, folder: Path, cipher: Cipher, indexname: str) -> None:
        super().__init__(folder, cipher, persist=False)
        self.stage = folder / STAGE_DIR
        self._segment_file = segment_file_pattern(indexname)
        self.sealed: dict[str, Path] = {}  # name -> sealed file in the stage folder
        self._lengths: dict[str, int] = {}

    def seal_segments(self) -> None:
        """Seal the files of every committed segment to disk and drop them from RAM.

        Call between commits only: then every segment file in RAM is complete.
        """
        for name in [n for n in self._files if self._segment_file.match(n)]:
            self.seal(name, self._files.pop(name))

    def seal(self, name: str, data: bytes) -> None:
        """Seal one finished segment file straight to the stage folder.

        A rebuild hands each file here as it comes from a worker: laying it into
        RAM storage first held a second copy of every segment until sealed.
        """
        self.stage.mkdir(exist_ok=True)
        path = self.stage / name
        seal_to_path(path, name, data, self._cipher)  # chunk by chunk: no sealed copy in RAM
        self.sealed[name], self._lengths[name] = path, len(data)

    def discard(self) -> None:
        """Forget everything built here and remove the stage folder (cancel, failure)."""
        self._files, self.sealed, self._lengths = {}, {}, {}
        shutil.rmtree(self.stage, ignore_errors=True)

    # -- storage API for sealed files -------------------------------------------------
    def open_file(self, name: str, **kwargs: Any) -> StructFile:
        if name in self.sealed:
            path = self.sealed[name]
            info = read_header(path, name, self._cipher)
            return SealedStructFile(SealedFile(path, info, self._cipher, ChunkCache()), name)
        return super().open_file(name, **kwargs)

    def list(self) -> list[str]:
        return super().list() + list(self.sealed)

    def file_exists(self, name: str) -> bool:
        return name in self.sealed or super().file_exists(name)

    def file_length(self, name: str) -> int:
        if name in self._lengths:
            return self._lengths[name]
        return super().file_length(name)

    def delete_file(self, name: str) -> None:
        path = self.sealed.pop(name, None)
        self._lengths.pop(name, None)
        if path is not None:
            path.unlink(missing_ok=True)
        super().delete_file(name)


def _malloc_trim() -> Callable[[int], int] | None:
    if os.name != "posix":
        return None
    with contextlib.suppress(OSError, AttributeError, TypeError):  # not glibc (macOS, musl)
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        trim: Callable[[int], int] = libc.malloc_trim  # glibc only
        return trim
    return None


_TRIM = _malloc_trim()
_M_MMAP_THRESHOLD = -3  # glibc's mallopt parameter number
BIG_BLOCK = 1 << 20


def map_big_blocks() -> None:
    """Give every allocation from 1 MB up its own mapping, returned to the OS when freed.

    glibc raises its mapping threshold to the size of each big block freed
    (up to 32 MB), so after a segment's first flush its big arrays came from
    the heap, where the next flush's could not reuse the holes: an analysis
    worker's flush peak grew ~20 MB a segment (232 -> 345 MB over six; with
    this, 207 -> 235). Fixing the threshold ends that adjustment. For worker
    processes: process-wide, and each big block then costs fresh page faults.
    """
    if _TRIM is None:  # not glibc
        return
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.mallopt(_M_MMAP_THRESHOLD, BIG_BLOCK)


def release_memory() -> None:
    """Hand memory freed by a finished chunk back to the OS before the next one.

    glibc keeps freed heap pages resident (RSS stays up) until told to trim;
    a collection first frees what only reference cycles still hold. Without
    glibc, only the collection.
    """
    gc.collect()
    if _TRIM is not None:
        _TRIM(0)
