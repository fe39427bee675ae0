"""Whoosh storage over sealed index files, decrypted a chunk at a time on demand.

Security S4: Whoosh unpickles its table of contents, segment metadata and
posting blocks, so every byte it reads must be authenticated first. Files on
disk are sealed in independent AEAD chunks (index.storage.chunked). On load
each file's header is authenticated and its size checked, and every chunk is
authenticated once (a streaming pass: nothing is kept); afterwards a chunk is
decrypted, and so authenticated again, whenever a read needs it. Only a small
cache of decrypted chunks stays in RAM, never the whole index.

Files written since the last commit live in RAM until Whoosh's commit point
(the TOC renamed into place); then they are sealed to disk and dropped from
RAM. Locks live in RAM; temp files in RAM or sealed on disk (index.storage.spill).
An index in the older whole-file format is converted on load (index.storage.legacy).
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from whoosh.filedb.structfile import StructFile

from index.storage.chunked import (
    CACHE_BYTES,
    ChunkCache,
    Sealed,
    SealedFile,
    SealedStructFile,
    read_header,
    seal_to_path,
    write_chunks,
)
from index.storage.legacy import PART_SUFFIX, convert, decrypt_legacy, is_legacy
from index.storage.memstore import MemoryStorage
from index.storage.spill import SPILL_DIR, SpillStorage, remove_spill_dir
from index.types import Cipher, IndexCorrupt

log = logging.getLogger(__name__)

STAGE_DIR = ".rebuild"  # segments sealed by a rebuild in progress (index.write.staging)
# Files an OS or file manager drops into any folder; never handed to Whoosh.
_OS_JUNK = frozenset({".DS_Store", "Thumbs.db", "desktop.ini"})
# Whoosh writes its TOC under a temporary name and renames it at once; keeping
# that name in RAM saves an encrypt+write+delete per commit.
_TRANSIENT = re.compile(r"\.toc\.[0-9.]+$")
Staged = Mapping[str, tuple[Path, Sealed]]


def _index_files(folder: Path) -> list[Path]:
    """The files of an index folder worth reading; IndexCorrupt on anything unexpected."""
    found = []
    for entry in sorted(folder.iterdir()) if folder.is_dir() else []:
        name = entry.name
        if name.endswith(PART_SUFFIX) or name in _OS_JUNK or name in (SPILL_DIR, STAGE_DIR):
            continue
        if not entry.is_file():
            raise IndexCorrupt(f"unexpected entry {name!r} in index folder")
        found.append(entry)
    return found


def reseal_folder(source: Path, target: Path, old: Cipher, new: Cipher) -> int:
    """Copy an index folder's files sealed under ``new`` instead of ``old`` (re-key).

    Authenticates every chunk on the way, a chunk at a time; IndexCorrupt on a
    bad one. Files of the older whole-file format come out chunked. Leftovers
    of an unfinished writer are not copied. Each file is fsynced. Returns the
    number of files written.
    """
    target.mkdir(mode=0o700, parents=True, exist_ok=True)
    count = 0
    for entry in _index_files(source):
        name = entry.name
        if is_legacy(entry):
            seal_to_path(target / name, name, decrypt_legacy(old, name, entry.read_bytes()), new)
        else:
            info = read_header(entry, name, old)
            reader = SealedFile(entry, info, old, ChunkCache(0))
            fd = os.open(target / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            try:
                with open(fd, "wb") as fh:
                    write_chunks(fh, name, info.length, info.chunk, reader.chunks(), new)
                    fh.flush()
                    os.fsync(fh.fileno())
            finally:
                reader.close()
        count += 1
    return count


def flush_order(name: str) -> int:
    # segments first, then metadata, the TOC (Whoosh's commit point) last
    return 2 if name.endswith(".toc") else 1 if name.startswith("META_") else 0


class EncryptedStorage(MemoryStorage):
    """Whoosh files sealed in ``folder``, read through a bounded cache of decrypted chunks.

    With ``persist=False`` it is a detached build area: files stay in RAM
    until :meth:`adopt` moves them into a persisted storage (a rebuild's
    ``index.write.staging.StagingStorage`` seals finished segments to disk instead).
    """

    def __init__(
        self,
        folder: Path,
        cipher: Cipher,
        *,
        persist: bool = True,
        cache_bytes: int = CACHE_BYTES,
    ) -> None:
        super().__init__()
        self.folder = str(folder)
        self._path = folder
        self._cipher = cipher
        self.persist = persist
        self._dirty: set[str] = set()
        self._disk: dict[str, SealedFile] = {}
        self._retired: list[SealedFile] = []
        self.damage: str | None = None  # why a chunk failed authentication after load
        self.chunk_cache = ChunkCache(cache_bytes)

    def __repr__(self) -> str:
        return f"EncryptedStorage({self.folder!r})"

    # -- loading ---------------------------------------------------------------
    def load(self) -> None:
        """Authenticate every file in the folder; IndexCorrupt on the first bad one."""
        self._path.mkdir(parents=True, exist_ok=True)
        for entry in sorted(self._path.iterdir()):
            if entry.name.endswith(PART_SUFFIX):
                # ciphertext left by a write that crashed before its rename
                entry.unlink(missing_ok=True)
            elif entry.name in (SPILL_DIR, STAGE_DIR):  # sealed leftovers of an unfinished writer
                remove_spill_dir(entry)
        converted = 0
        for entry in _index_files(self._path):
            if is_legacy(entry):
                info, converted = convert(entry, self._cipher), converted + 1
                self._disk[entry.name] = self._handle(entry, info)
                continue
            info = read_header(entry, entry.name, self._cipher)
            SealedFile(entry, info, self._cipher, self.chunk_cache).verify()
            self._disk[entry.name] = self._handle(entry, info)
        if converted:
            log.info("search index: %d files converted to the chunked format", converted)

    def _handle(self, path: Path, info: Sealed) -> SealedFile:
        return SealedFile(path, info, self._cipher, self.chunk_cache, on_damage=self._damaged)

    def _damaged(self, reason: str) -> None:
        # a chunk changed on disk after load: searches (which swallow errors)
        # find nothing there; the owner asks `damage` and rebuilds
        log.warning("search index damaged after opening: %s", reason)
        self.damage = reason

    # -- reading: RAM first (written since the last commit), else the sealed file ----
    def open_file(self, name: str, **kwargs: Any) -> StructFile:
        if name in self._files:
            return super().open_file(name, **kwargs)
        handle = self._disk.get(name)
        if handle is None:
            raise NameError(name)
        handle.opened = True
        return SealedStructFile(handle, name)

    def list(self) -> list[str]:
        return list(self._files) + [n for n in self._disk if n not in self._files]

    def file_exists(self, name: str) -> bool:
        return name in self._files or name in self._disk

    def file_length(self, name: str) -> int:
        if name in self._files:
            return len(self._files[name])
        handle = self._disk.get(name)
        if handle is None:
            raise NameError(name)
        return handle.length

    def read_bytes(self, name: str) -> bytes:
        if name in self._files:
            return self._files[name]
        handle = self._disk.get(name)
        if handle is None:
            raise KeyError(name)
        return handle.read_all()

    def total_size(self) -> int:
        return sum(self.file_length(n) for n in self.list())

    # -- writes reach the disk at commit points ---------------------------------------
    def _stored(self, name: str, data: bytes) -> None:
        self._files[name] = data
        if self.persist and not _TRANSIENT.search(name):
            self._dirty.add(name)

    def delete_file(self, name: str) -> None:
        self._files.pop(name, None)
        self._dirty.discard(name)
        handle = self._disk.pop(name, None)
        if handle is None:
            return
        if handle.opened:
            # a searcher may still read it (Whoosh deletes merged segments at
            # commit, before the old searcher is closed): gone at purge()
            self._retired.append(handle)
            return
        handle.close()  # before the unlink: Windows refuses to delete an open file
        (self._path / name).unlink(missing_ok=True)

    def purge(self) -> None:
        """Delete the files deleted while readers might still use them; call once none do."""
        retired, self._retired = self._retired, []
        for handle in retired:
            handle.close()
            if not self.file_exists(handle.info.name):  # not written anew meanwhile
                handle.path.unlink(missing_ok=True)

    def rename_file(self, frm: str, to: str, safe: bool = False) -> None:
        if frm not in self._files and frm in self._disk:
            # the name is sealed into the file: bring it back to RAM to seal it anew
            self._files[frm] = self._disk[frm].read_all()
        data = self._files.get(frm)
        if data is None:
            raise NameError(frm)
        if safe and self.file_exists(to):
            raise NameError(f"File {to!r} exists")
        self.delete_file(frm)
        self._files[to] = data
        if self.persist:
            self._dirty.add(to)
            if to.endswith(".toc"):
                self.flush()

    def write_file(self, name: str, data: bytes) -> None:
        """Store a whole file at once (used for our own metadata records)."""
        self._stored(name, data)

    def save_now(self, name: str, data: bytes) -> None:
        """Store one derived file and, if persisted, write it at once (sealed).

        For data computed from committed segments (index.storage.sidecar): no commit
        point will come for it. A failed write only costs recomputing later.
        """
        self._files[name] = data
        if not self.persist:
            return
        try:
            self._write_disk(name, data)
        except OSError as exc:
            log.warning("search index: could not save derived data (%s)", exc.strerror)

    def write_sealed(self, name: str, data: bytes) -> None:
        """Seal a new file to disk at once, not at the next commit point.

        For a bulk add's segment files: no TOC names them until its commit (an
        open drops them if a crash comes first; a cancel deletes them), and held
        in RAM until then they were ~4.5 kB a document, 450 MB in a 100k import.
        """
        if self.persist:
            self._dirty.discard(name)
            self._write_disk(name, data)
        else:
            self._stored(name, data)

    def flush(self) -> None:
        """Seal every file changed since the last flush to disk, the TOC last."""
        for name in sorted(self._dirty, key=flush_order):
            if name in self._files:
                self._write_disk(name, self._files[name])
            self._dirty.discard(name)

    def _write_disk(self, name: str, data: bytes) -> None:
        # the name is sealed into the header and every chunk (AAD), so a file
        # renamed or swapped on disk fails authentication
        part = self._path / f".{name}.{secrets.token_hex(4)}{PART_SUFFIX}"
        try:
            info = seal_to_path(part, name, data, self._cipher)
            old = self._disk.pop(name, None)
            if old is not None:
                old.close()  # Windows: no replace over an open file
            os.replace(part, self._path / name)
        finally:
            part.unlink(missing_ok=True)
        self._disk[name] = self._handle(self._path / name, info)
        self._files.pop(name, None)  # on disk now: read back a chunk at a time

    # -- rebuild swap --------------------------------------------------------
    def check_staged(self, sealed: Mapping[str, Path]) -> dict[str, tuple[Path, Sealed]]:
        """Authenticate every chunk of a rebuild's sealed files (before taking any lock)."""
        checked = {}
        for name, path in sealed.items():
            info = read_header(path, name, self._cipher)
            SealedFile(path, info, self._cipher, ChunkCache(0)).verify()
            checked[name] = (path, info)
        return checked

    def adopt(self, other: MemoryStorage, staged: Staged | None = None) -> None:
        """Make ``other``'s files ours, on disk; drop files it lacks.

        ``staged`` names more files of the new index, already sealed for this
        folder under those names and checked (:meth:`check_staged`): each is
        renamed into the folder, nothing is decrypted. Every new file is on
        disk before the TOC, and old files are deleted only after it, so a
        crash half-way leaves the old index intact (the next open drops
        unreferenced files); an error before the TOC takes the new files out again.
        """
        staged = dict(staged or {})
        incoming = dict(other._files)
        new = [n for n in [*staged, *incoming] if not self.file_exists(n)]
        try:
            for name, (path, info) in staged.items():
                old = self._disk.pop(name, None)
                if old is not None:
                    old.close()
                os.replace(path, self._path / name)
                self._disk[name] = self._handle(self._path / name, info)
            for name, data in incoming.items():
                self._files[name] = data
                self._dirty.add(name)
            self.flush()
        except BaseException:
            for name in new:
                self.delete_file(name)
            raise
        for name in [n for n in self.list() if n not in incoming and n not in staged]:
            self.delete_file(name)
        self.damage = None  # every file is new

    def temp_storage(self, name: str | None = None) -> SpillStorage:
        # posting runs of a big rebuild or merge go to disk, sealed, not to RAM
        return SpillStorage(self._path / SPILL_DIR, self._cipher)

    def _close_files(self) -> None:
        self.purge()
        for handle in self._disk.values():
            handle.close()
        self.chunk_cache.clear()

    def wipe(self) -> None:
        """Remove every file this storage owns from RAM and disk."""
        self._close_files()
        self._files, self._dirty, self._disk = {}, set(), {}
        self.damage = None
        remove_spill_dir(self._path / SPILL_DIR)
        remove_spill_dir(self._path / STAGE_DIR)
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
        """Drop decrypted chunks, unsaved files and the key; Python cannot scrub them."""
        self._close_files()
        self._files, self._dirty, self._disk = {}, set(), {}
        self._locks = {}
        del self._cipher
