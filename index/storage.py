"""Whoosh storage that keeps index files decrypted in memory only.

Security S4: Whoosh unpickles its table of contents and segment metadata, so
a file it reads must be authenticated first. Every file on disk is
``MAGIC + cipher.encrypt(plaintext, aad=MAGIC + name)``; all of them are
decrypted (and so authenticated) when the storage loads, before Whoosh sees
a byte. Temp files (posting runs, column spills) and locks never leave RAM.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import re
import secrets
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from whoosh.filedb.filestore import Storage
from whoosh.filedb.structfile import BufferFile, StructFile

from index.types import Cipher, IndexCorrupt

log = logging.getLogger(__name__)

MAGIC = b"EHIX\x01"
PART_SUFFIX = ".part"
# Files an OS or file manager drops into any folder; never handed to Whoosh.
_OS_JUNK = frozenset({".DS_Store", "Thumbs.db", "desktop.ini"})
# Whoosh writes its TOC under a temporary name and renames it at once; keeping
# that name in RAM saves an encrypt+write+delete per commit.
_TRANSIENT = re.compile(r"\.toc\.[0-9.]+$")


def file_aad(name: str) -> bytes:
    return MAGIC + name.encode("utf-8")


def decrypt_file(cipher: Cipher, name: str, blob: bytes) -> bytes:
    """Authenticate and decrypt one index file; anything wrong is IndexCorrupt."""
    if not blob.startswith(MAGIC):
        raise IndexCorrupt(f"index file {name!r} has no valid header")
    try:
        return cipher.decrypt(blob[len(MAGIC) :], file_aad(name))
    except Exception as exc:  # any failure of the cipher means "do not trust"
        raise IndexCorrupt(f"index file {name!r} failed authentication") from exc


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

    def open_file(self, name: str, **kwargs: Any) -> BufferFile:
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


def flush_order(name: str) -> int:
    # segments first, then metadata, the TOC (Whoosh's commit point) last
    return 2 if name.endswith(".toc") else 1 if name.startswith("META_") else 0


class EncryptedStorage(MemoryStorage):
    """MemoryStorage mirrored to ``folder`` as one encrypted file per index file.

    Writes reach the disk at Whoosh's commit point (the TOC renamed into
    place): every file changed since the last commit is encrypted and written
    then, the TOC last. Files Whoosh writes and deletes within one commit (a
    segment's parts before it packs them into one compound file) never reach
    the disk at all.

    With ``persist=False`` it is a detached build area (used by rebuild): files
    stay in RAM until :meth:`adopt` moves them into a persisted storage.
    """

    def __init__(self, folder: Path, cipher: Cipher, *, persist: bool = True) -> None:
        super().__init__()
        self.folder = str(folder)
        self._path = folder
        self._cipher = cipher
        self.persist = persist
        self._dirty: set[str] = set()
        self._on_disk: set[str] = set()

    def __repr__(self) -> str:
        return f"EncryptedStorage({self.folder!r})"

    # -- loading ---------------------------------------------------------------
    def load(self) -> None:
        """Decrypt every file in the folder; IndexCorrupt on the first bad one."""
        self._path.mkdir(parents=True, exist_ok=True)
        for entry in sorted(self._path.iterdir()):
            name = entry.name
            if name.endswith(PART_SUFFIX):
                # ciphertext left by a write that crashed before its rename
                entry.unlink(missing_ok=True)
                continue
            if name in _OS_JUNK:
                continue
            if not entry.is_file():
                raise IndexCorrupt(f"unexpected entry {name!r} in index folder")
            self._files[name] = decrypt_file(self._cipher, name, entry.read_bytes())
            self._on_disk.add(name)

    # -- writes reach the disk at commit points ---------------------------------------
    def _stored(self, name: str, data: bytes) -> None:
        self._files[name] = data
        if self.persist and not _TRANSIENT.search(name):
            self._dirty.add(name)

    def delete_file(self, name: str) -> None:
        self._files.pop(name, None)
        self._dirty.discard(name)
        if name in self._on_disk:
            (self._path / name).unlink(missing_ok=True)
            self._on_disk.discard(name)

    def rename_file(self, frm: str, to: str, safe: bool = False) -> None:
        super().rename_file(frm, to, safe)
        self._dirty.discard(frm)
        if frm in self._on_disk:
            (self._path / frm).unlink(missing_ok=True)
            self._on_disk.discard(frm)
        if self.persist:
            self._dirty.add(to)
            if to.endswith(".toc"):
                self.flush()

    def write_file(self, name: str, data: bytes) -> None:
        """Store a whole file at once (used for our own metadata records)."""
        self._stored(name, data)

    def flush(self) -> None:
        """Write every file changed since the last flush, the TOC last."""
        for name in sorted(self._dirty, key=flush_order):
            if name in self._files:
                self._write_disk(name, self._files[name])
        self._dirty.clear()

    def _write_disk(self, name: str, data: bytes) -> None:
        # the name is bound into the ciphertext (AAD), so a file renamed or
        # swapped on disk fails authentication
        blob = MAGIC + self._cipher.encrypt(data, file_aad(name))
        part = self._path / f".{name}.{secrets.token_hex(4)}{PART_SUFFIX}"
        try:
            with open(part, "wb") as fh:
                fh.write(blob)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(part, self._path / name)
            self._on_disk.add(name)
        finally:
            part.unlink(missing_ok=True)

    # -- rebuild swap --------------------------------------------------------
    def adopt(self, other: MemoryStorage) -> None:
        """Make ``other``'s files ours, on disk and in RAM; drop files it lacks.

        The new files are written before any old one is deleted, the TOC last,
        so a crash half-way leaves the old index intact.
        """
        incoming = dict(other._files)
        for name, data in incoming.items():
            self._files[name] = data
            self._dirty.add(name)
        self.flush()
        for name in [n for n in list(self._files) if n not in incoming]:
            self.delete_file(name)

    def wipe(self) -> None:
        """Remove every file this storage owns from RAM and disk."""
        self._files, self._dirty, self._on_disk = {}, set(), set()
        if self._path.is_dir():
            for entry in self._path.iterdir():
                if entry.is_file():
                    with contextlib.suppress(FileNotFoundError):
                        entry.unlink()

    def close(self) -> None:
        # Whoosh closes the storage whenever a segment reader closes (through
        # OverlayStorage), so this must not drop anything; see release().
        pass

    def release(self) -> None:
        """Drop the decrypted cache and the key; Python cannot scrub them, but frees them."""
        self._files, self._dirty = {}, set()
        self._locks = {}
        del self._cipher
