"""A flat in-memory file system for Whoosh: files, locks and temp storage in RAM.

Used directly for scratch work and as the base of the encrypted storage.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Callable
from typing import Any

from whoosh.filedb.filestore import Storage
from whoosh.filedb.structfile import BufferFile, StructFile


class _SavingBytesIO(io.BytesIO):
    """BytesIO that hands its content to a callback when closed.

    Whoosh sometimes closes the raw file instead of the StructFile wrapper
    (posting-pool runs), so the hook lives on the buffer itself.
    """

    def __init__(self, on_close: Callable[[bytes], None]) -> None:
        super().__init__()
        self._on_close: Callable[[bytes], None] | None = on_close

    def close(self) -> None:
        if self._on_close is not None and not self.closed:
            callback, self._on_close = self._on_close, None
            callback(self.getvalue())
        super().close()


class MemoryStorage(Storage):  # type: ignore[misc]
    """A flat in-memory file system with thread locks; its temp storage is RAM too."""

    supports_mmap = False
    readonly = False

    def __init__(self) -> None:
        self.folder = ""
        self._files: dict[str, bytes] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    # -- Whoosh Storage API -------------------------------------------------
    def create_file(self, name: str, **kwargs: Any) -> StructFile:
        buf = _SavingBytesIO(lambda data: self._stored(name, data))
        return StructFile(buf, name=name)

    def open_file(self, name: str, **kwargs: Any) -> StructFile:
        try:
            data = self._files[name]
        except KeyError:
            raise NameError(name) from None
        # bytes (not a memoryview): BytesIO then shares the buffer instead of copying
        return BufferFile(data, name=name, **kwargs)

    def list(self) -> list[str]:
        return list(self._files)

    def file_exists(self, name: str) -> bool:
        return name in self._files

    def file_length(self, name: str) -> int:
        try:
            return len(self._files[name])
        except KeyError:
            raise NameError(name) from None

    def file_modified(self, name: str) -> float:
        return 0.0

    def delete_file(self, name: str) -> None:
        self._files.pop(name, None)

    def rename_file(self, frm: str, to: str, safe: bool = False) -> None:
        if frm not in self._files:
            raise NameError(frm)
        if safe and to in self._files:
            raise NameError(f"File {to!r} exists")
        self._files[to] = self._files.pop(frm)

    def lock(self, name: str) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault(name, threading.Lock())

    def temp_storage(self, name: str | None = None) -> MemoryStorage:
        return MemoryStorage()

    def destroy(self, *args: Any, **kwargs: Any) -> None:
        self.clean()

    def clean(self) -> None:
        self._files = {}

    def close(self) -> None:
        pass

    # -- helpers -------------------------------------------------------------
    def _stored(self, name: str, data: bytes) -> None:
        self._files[name] = data

    def read_bytes(self, name: str) -> bytes:
        return self._files[name]

    def total_size(self) -> int:
        return sum(len(v) for v in self._files.values())
