"""Whoosh's temporary posting runs, spilled to disk sealed in chunks.

Keeping runs in RAM (the obvious way to keep them off the disk in clear)
made a 100k-entry rebuild peak at 2.9 GB: every posting of the whole corpus
sat in memory at once. Here a run is written to ``<index>/.spill/`` as a
sequence of AEAD-sealed chunks (the index cipher; AAD = run name, chunk
number and a last-chunk flag, so reordering, swapping or truncating is
detected), and read back a chunk at a time. Other temp files (a segment's
per-document columns, read back at random) stay in RAM; they are bounded by
one segment.
"""

from __future__ import annotations

import contextlib
import io
import shutil
import struct
from pathlib import Path
from typing import Any, BinaryIO

from whoosh.filedb.structfile import StructFile

from index.storage.memstore import MemoryStorage
from index.types import Cipher, IndexCorrupt

SPILL_DIR = ".spill"
CHUNK = 256 * 1024  # plaintext per sealed chunk; one per open run while merging
_HEADER = struct.Struct(">IB")  # sealed length, last-chunk flag


def _aad(name: str, index: int, last: bool) -> bytes:
    return b"EHIX-spill:%s:%d:%d" % (name.encode("utf-8"), index, int(last))


class SealedWriter(io.RawIOBase):
    def __init__(self, raw: BinaryIO, cipher: Cipher, name: str) -> None:
        self._raw, self._cipher, self._name = raw, cipher, name
        self._buffer = bytearray()
        self._index = 0

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        self._buffer += data
        while len(self._buffer) > CHUNK:
            self._seal(bytes(self._buffer[:CHUNK]), last=False)
            del self._buffer[:CHUNK]
        return len(data)

    def _seal(self, chunk: bytes, *, last: bool) -> None:
        blob = self._cipher.encrypt(chunk, _aad(self._name, self._index, last))
        self._raw.write(_HEADER.pack(len(blob), int(last)) + blob)
        self._index += 1

    def close(self) -> None:
        if not self.closed:
            self._seal(bytes(self._buffer), last=True)
            self._buffer = bytearray()
            self._raw.close()
        super().close()


class SealedReader(io.RawIOBase):
    def __init__(self, raw: BinaryIO, cipher: Cipher, name: str) -> None:
        self._raw, self._cipher, self._name = raw, cipher, name
        self._chunk, self._pos, self._index, self._done = b"", 0, 0, False

    def readable(self) -> bool:
        return True

    def readinto(self, target: Any) -> int:
        if self._pos >= len(self._chunk) and not self._next_chunk():
            return 0
        count = min(len(target), len(self._chunk) - self._pos)
        target[:count] = self._chunk[self._pos : self._pos + count]
        self._pos += count
        return count

    def _next_chunk(self) -> bool:
        while not self._done:
            header = self._raw.read(_HEADER.size)
            if len(header) < _HEADER.size:
                raise IndexCorrupt(f"spill file {self._name!r} is truncated")
            size, last = _HEADER.unpack(header)
            try:
                aad = _aad(self._name, self._index, bool(last))
                self._chunk = self._cipher.decrypt(self._raw.read(size), aad)
            except Exception as exc:
                raise IndexCorrupt(f"spill file {self._name!r} failed authentication") from exc
            self._pos, self._index, self._done = 0, self._index + 1, bool(last)
            if self._chunk:
                return True
        return False

    def close(self) -> None:
        self._raw.close()
        super().close()


class SpillStorage(MemoryStorage):
    """Temp storage for a writer: ``*.run`` files sealed on disk, the rest in RAM."""

    def __init__(self, folder: Path, cipher: Cipher) -> None:
        super().__init__()
        self._dir = folder
        self._cipher = cipher
        self._sealed: set[str] = set()

    def create_file(self, name: str, **kwargs: Any) -> StructFile:
        if not name.endswith(".run"):
            return super().create_file(name, **kwargs)
        self._dir.mkdir(exist_ok=True)
        self._sealed.add(name)
        raw = open(self._dir / name, "wb")  # noqa: SIM115 - closed by the writer
        return StructFile(SealedWriter(raw, self._cipher, name), name=name)

    def open_file(self, name: str, **kwargs: Any) -> Any:
        if name not in self._sealed:
            return super().open_file(name, **kwargs)
        raw = open(self._dir / name, "rb")  # noqa: SIM115 - closed by the reader
        reader = io.BufferedReader(SealedReader(raw, self._cipher, name), CHUNK)
        return StructFile(reader, name=name)

    def file_exists(self, name: str) -> bool:
        return name in self._sealed or super().file_exists(name)

    def list(self) -> list[str]:
        return super().list() + sorted(self._sealed)

    def delete_file(self, name: str) -> None:
        if name in self._sealed:
            self._sealed.discard(name)
            (self._dir / name).unlink(missing_ok=True)
        else:
            super().delete_file(name)

    def destroy(self, *args: Any, **kwargs: Any) -> None:
        for name in list(self._sealed):
            self.delete_file(name)
        with contextlib.suppress(OSError):  # another writer's runs may still be there
            self._dir.rmdir()
        super().destroy()


def remove_spill_dir(folder: Path) -> None:
    """Drop a spill folder (sealed leftovers of a crashed writer are harmless but useless)."""
    if folder.is_dir():
        shutil.rmtree(folder, ignore_errors=True)
