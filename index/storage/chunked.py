"""Index files sealed as independent AEAD chunks, decrypted on demand (security S4).

Decrypting every index file into RAM at unlock kept the whole index resident
(~390 MB of a 726 MB process at 100k entries). Here a file is sealed in
``CHUNK``-byte pieces that a search decrypts only when it reads them, through
a small shared least-recently-used cache (:class:`ChunkCache`).

Layout: ``MAGIC || u16 header length || sealed header || chunk 0 || … || chunk n-1``.
The header (chunk size, plaintext length, a random file id) is sealed with the
file name as associated data; chunk ``i`` is sealed with the name, the file
id, ``i`` and the chunk count. So a file renamed, a chunk moved to another
place in its file or into another file (or another version of the same file),
chunks dropped, added or reordered, all fail authentication. The header is
authenticated and the file's exact size checked against it when the file is
opened, before any chunk is used; each chunk is authenticated before a byte
of it reaches Whoosh, every time it is decrypted.
"""

from __future__ import annotations

import os
import secrets
import struct
import sys
import threading
from array import array
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from whoosh.filedb.structfile import StructFile

from index.types import Cipher, IndexCorrupt

MAGIC = b"EHIX\x02"
CHUNK = 64 * 1024  # plaintext per chunk: one stored document or posting block costs one decrypt
CACHE_BYTES = 12 * 2**20  # decrypted chunks kept per index (100k: 24 -> 12 MB cost ~0.1x warm p95)
_FIELDS = struct.Struct(">IQ16s")  # chunk size, plaintext length, file id
_LEN = struct.Struct(">H")
_MAX_HEADER = 1024
_MAX_CHUNK = 16 * 2**20


def _header_aad(name: str) -> bytes:
    return MAGIC + b"header:" + name.encode("utf-8")


def _chunk_aad(name: str, file_id: bytes, index: int, count: int) -> bytes:
    return MAGIC + b"%s:%s:%d/%d" % (name.encode("utf-8"), file_id.hex().encode(), index, count)


def overhead(cipher: Cipher) -> int:
    """Bytes the cipher adds to each message (nonce, tag, version): constant for an AEAD."""
    return len(cipher.encrypt(b"", b""))


def chunk_count(length: int, chunk: int) -> int:
    return max(1, -(-length // chunk))  # an empty file still has one (empty) chunk


# -- writing -------------------------------------------------------------------------
def write_sealed(fh: BinaryIO, name: str, data: bytes | memoryview, cipher: Cipher) -> Sealed:
    """Write ``data`` to ``fh`` sealed in chunks; returns what a reader needs to know."""
    view = memoryview(data)
    pieces = (view[i * CHUNK : (i + 1) * CHUNK] for i in range(chunk_count(len(view), CHUNK)))
    return write_chunks(fh, name, len(view), CHUNK, pieces, cipher)


def write_chunks(
    fh: BinaryIO,
    name: str,
    length: int,
    chunk: int,
    pieces: Iterable[bytes | memoryview],
    cipher: Cipher,
) -> Sealed:
    """Seal ``pieces`` (``chunk`` bytes each, the last one shorter) under a fresh file id."""
    file_id = secrets.token_bytes(16)
    count = chunk_count(length, chunk)
    header = cipher.encrypt(_FIELDS.pack(chunk, length, file_id), _header_aad(name))
    fh.write(MAGIC + _LEN.pack(len(header)) + header)
    written = 0
    for index, piece in enumerate(pieces):
        fh.write(cipher.encrypt(bytes(piece), _chunk_aad(name, file_id, index, count)))
        written += 1
    if written != count:
        raise ValueError("chunk count does not match the length")
    start = len(MAGIC) + _LEN.size + len(header)
    return Sealed(name, file_id, length, chunk, count, start, overhead(cipher))


def seal_to_path(path: Path, name: str, data: bytes | memoryview, cipher: Cipher) -> Sealed:
    """Write a new sealed file at ``path`` (created 0600, fsynced)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), 0o600)
    with open(fd, "wb") as fh:
        sealed = write_sealed(fh, name, data, cipher)
        fh.flush()
        os.fsync(fh.fileno())
    return sealed


# -- what a sealed file holds ------------------------------------------------------
@dataclass(frozen=True)
class Sealed:
    name: str
    file_id: bytes
    length: int
    chunk: int
    count: int
    start: int  # where chunk 0 begins
    overhead: int

    def size(self) -> int:
        """The exact size of the file on disk."""
        return self.start + self.length + self.count * self.overhead

    def span(self, index: int) -> tuple[int, int]:
        """Offset and sealed length of chunk ``index``."""
        plain = min(self.chunk, self.length - index * self.chunk)
        return self.start + index * (self.chunk + self.overhead), max(0, plain) + self.overhead


def read_header(path: Path, name: str, cipher: Cipher) -> Sealed:
    """Authenticate a sealed file's header and check its size; IndexCorrupt if anything is off."""
    with open(path, "rb") as fh:
        head = fh.read(len(MAGIC) + _LEN.size)
        if len(head) < len(MAGIC) + _LEN.size or not head.startswith(MAGIC):
            raise IndexCorrupt(f"index file {name!r} has no valid header")
        (size,) = _LEN.unpack(head[len(MAGIC) :])
        blob = fh.read(size) if size <= _MAX_HEADER else b""
    try:
        fields = cipher.decrypt(blob, _header_aad(name))
        chunk, length, file_id = _FIELDS.unpack(fields)
    except Exception as exc:  # any failure of the cipher or layout means "do not trust"
        raise IndexCorrupt(f"index file {name!r} failed authentication") from exc
    if not 0 < chunk <= _MAX_CHUNK:
        raise IndexCorrupt(f"index file {name!r} has an invalid chunk size")
    count = chunk_count(length, chunk)
    sealed = Sealed(name, file_id, length, chunk, count, len(head) + size, overhead(cipher))
    if path.stat().st_size != sealed.size():
        raise IndexCorrupt(f"index file {name!r} is truncated or extended")
    return sealed


# -- reading -------------------------------------------------------------------------
class ChunkCache:
    """Decrypted chunks by (file id, chunk number), the oldest dropped past ``limit`` bytes."""

    def __init__(self, limit: int = CACHE_BYTES) -> None:
        self.limit = limit
        self._items: OrderedDict[tuple[bytes, int], bytes] = OrderedDict()
        self._total = 0
        self._lock = threading.Lock()

    def get(self, key: tuple[bytes, int]) -> bytes | None:
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
            return found

    def put(self, key: tuple[bytes, int], data: bytes) -> None:
        with self._lock:
            if key in self._items:
                return
            self._items[key] = data
            self._total += len(data)
            while self._total > self.limit and len(self._items) > 1:
                _, dropped = self._items.popitem(last=False)
                self._total -= len(dropped)

    def drop(self, file_id: bytes) -> None:
        with self._lock:
            for key in [k for k in self._items if k[0] == file_id]:
                self._total -= len(self._items.pop(key))

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._total = 0

    @property
    def total(self) -> int:
        return self._total


@dataclass
class SealedFile:
    """A sealed file on disk whose chunks are decrypted when read."""

    path: Path
    info: Sealed
    cipher: Cipher
    cache: ChunkCache
    opened: bool = False  # handed to a reader, which may outlive a delete
    on_damage: Callable[[str], None] | None = None  # told when a chunk fails (readers may swallow)
    _fd: int | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def length(self) -> int:
        return self.info.length

    def chunk(self, index: int) -> bytes:
        key = (self.info.file_id, index)
        found = self.cache.get(key)
        if found is None:
            found = self._decrypt(index)
            self.cache.put(key, found)
        return found

    def _decrypt(self, index: int) -> bytes:
        info = self.info
        offset, size = info.span(index)
        blob = self._read(offset, size)
        aad = _chunk_aad(info.name, info.file_id, index, info.count)
        try:
            if len(blob) != size:
                raise ValueError("short read")
            return self.cipher.decrypt(blob, aad)
        except Exception as exc:  # any failure of the cipher means "do not trust"
            reason = f"index file {info.name!r} failed authentication"
            if self.on_damage is not None:
                self.on_damage(reason)
            raise IndexCorrupt(reason) from exc

    def _read(self, offset: int, size: int) -> bytes:
        with self._lock:
            if self._fd is None:
                self._fd = os.open(self.path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
            if hasattr(os, "pread"):
                return os.pread(self._fd, size, offset)
            os.lseek(self._fd, offset, os.SEEK_SET)  # Windows: no pread, hence the lock
            return os.read(self._fd, size)

    def read_at(self, position: int, length: int) -> bytes:
        end = min(position + max(0, length), self.info.length)
        if position >= end:
            return b""
        size = self.info.chunk
        first, last = position // size, (end - 1) // size
        if first == last:
            base = first * size
            return self.chunk(first)[position - base : end - base]
        parts = [self.chunk(i) for i in range(first, last + 1)]
        joined = b"".join(parts)
        base = first * size
        return joined[position - base : end - base]

    def read_all(self) -> bytes:
        return self.read_at(0, self.info.length)

    def chunks(self) -> Iterator[bytes]:
        """Every chunk in order, authenticated, bypassing the cache (a full pass)."""
        for index in range(self.info.count):
            yield self._decrypt(index)

    def verify(self) -> None:
        """Authenticate every chunk (nothing is kept)."""
        for _ in self.chunks():
            pass

    def __del__(self) -> None:
        if self._fd is not None:  # a handle dropped without close()
            os.close(self._fd)

    def close(self) -> None:
        with self._lock:
            if self._fd is not None:
                os.close(self._fd)
                self._fd = None
        self.cache.drop(self.info.file_id)


class _Cursor:
    """A file position over a sealed file: what Whoosh (and pickle) read through."""

    def __init__(self, sealed: SealedFile, base: int = 0, length: int | None = None) -> None:
        self._sealed = sealed
        self._base = base
        self._length = sealed.length - base if length is None else length
        self._pos = 0

    def read(self, size: int | None = -1) -> bytes:
        left = self._length - self._pos
        count = left if size is None or size < 0 else min(size, left)
        data = self._sealed.read_at(self._base + self._pos, count)
        self._pos += len(data)
        return data

    def readinto(self, target: Any) -> int:
        data = self.read(len(target))
        target[: len(data)] = data
        return len(data)

    def readline(self, size: int | None = -1) -> bytes:
        line = bytearray()
        while size is None or size < 0 or len(line) < size:
            piece = self.read(256)
            if not piece:
                break
            cut = piece.find(b"\n")
            if cut >= 0:
                self._pos -= len(piece) - cut - 1
                line += piece[: cut + 1]
                break
            line += piece
        if size is not None and 0 <= size < len(line):
            self._pos -= len(line) - size
            del line[size:]
        return bytes(line)

    def seek(self, offset: int, whence: int = 0) -> int:
        base = (0, self._pos, self._length)[whence]
        self._pos = max(0, base + offset)
        return self._pos

    def tell(self) -> int:
        return self._pos

    def close(self) -> None:
        pass  # the descriptor belongs to the SealedFile (one per file, shared by readers)


class SealedStructFile(StructFile):  # type: ignore[misc]
    """Whoosh's StructFile over a sealed file: random reads go straight to the chunks."""

    def __init__(
        self, sealed: SealedFile, name: str, base: int = 0, length: int | None = None
    ) -> None:
        super().__init__(_Cursor(sealed, base, length), name=name)
        self.sealed = sealed
        self.base = base
        self.span = sealed.length - base if length is None else length

    def get(self, position: int, length: int) -> bytes:
        end = min(position + length, self.span)
        return self.sealed.read_at(self.base + position, max(0, end - position))

    def get_array(self, position: int, typecode: str, length: int) -> Any:
        values = array(typecode)
        values.frombytes(self.get(position, length * values.itemsize))
        if sys.byteorder == "little":  # Whoosh stores arrays big-endian
            values.byteswap()
        return values

    def subset(self, position: int, length: int, name: str | None = None) -> SealedStructFile:
        return SealedStructFile(self.sealed, name or str(self), self.base + position, length)
