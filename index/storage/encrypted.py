"""Whoosh storage that keeps index files decrypted in memory only.

Security S4: Whoosh unpickles its table of contents and segment metadata, so
a file it reads must be authenticated first. Every file on disk is
``MAGIC + cipher.encrypt(plaintext, aad=MAGIC + name)``; all of them are
decrypted (and so authenticated) when the storage loads, before Whoosh sees
a byte. Locks live in RAM; temp files in RAM or sealed on disk (index.storage.spill).
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import secrets
from collections.abc import Mapping
from pathlib import Path

from index.storage.memstore import MemoryStorage
from index.storage.spill import SPILL_DIR, SpillStorage, remove_spill_dir
from index.types import Cipher, IndexCorrupt

log = logging.getLogger(__name__)

MAGIC = b"EHIX\x01"
PART_SUFFIX = ".part"
STAGE_DIR = ".rebuild"  # segments sealed by a rebuild in progress (index.write.staging)
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
        return cipher.decrypt(memoryview(blob)[len(MAGIC) :], file_aad(name))
    except Exception as exc:  # any failure of the cipher means "do not trust"
        raise IndexCorrupt(f"index file {name!r} failed authentication") from exc


def reseal_folder(source: Path, target: Path, old: Cipher, new: Cipher) -> int:
    """Copy an index folder's files sealed under ``new`` instead of ``old`` (re-key).

    Authenticates every file first, like load(); IndexCorrupt on a bad one.
    Leftovers of an unfinished writer are not copied. Each file is fsynced.
    Returns the number of files written.
    """
    target.mkdir(mode=0o700, parents=True, exist_ok=True)
    count = 0
    for entry in sorted(source.iterdir()) if source.is_dir() else []:
        name = entry.name
        if name.endswith(PART_SUFFIX) or name in _OS_JUNK or name in (SPILL_DIR, STAGE_DIR):
            continue
        if not entry.is_file():
            raise IndexCorrupt(f"unexpected entry {name!r} in index folder")
        data = decrypt_file(old, name, entry.read_bytes())
        fd = os.open(target / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with open(fd, "wb") as fh:
            fh.write(MAGIC)
            fh.write(new.encrypt(data, file_aad(name)))
            fh.flush()
            os.fsync(fh.fileno())
        count += 1
    return count


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

    With ``persist=False`` it is a detached build area: files stay in RAM
    until :meth:`adopt` moves them into a persisted storage (a rebuild's
    ``index.staging.StagingStorage`` seals finished segments to disk instead).
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
            if name in (SPILL_DIR, STAGE_DIR):  # sealed leftovers of an unfinished writer
                remove_spill_dir(entry)
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

    def flush(self) -> None:
        """Write every file changed since the last flush, the TOC last."""
        for name in sorted(self._dirty, key=flush_order):
            if name in self._files:
                self._write_disk(name, self._files[name])
        self._dirty.clear()

    def _write_disk(self, name: str, data: bytes) -> None:
        # the name is bound into the ciphertext (AAD), so a file renamed or
        # swapped on disk fails authentication
        sealed = self._cipher.encrypt(data, file_aad(name))
        part = self._path / f".{name}.{secrets.token_hex(4)}{PART_SUFFIX}"
        try:
            with open(part, "wb") as fh:
                fh.write(MAGIC)  # not MAGIC + sealed: that copies a whole segment file
                fh.write(sealed)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(part, self._path / name)
            self._on_disk.add(name)
        finally:
            part.unlink(missing_ok=True)

    # -- rebuild swap --------------------------------------------------------
    def adopt(self, other: MemoryStorage, sealed: Mapping[str, Path] | None = None) -> None:
        """Make ``other``'s files ours, on disk and in RAM; drop files it lacks.

        ``sealed`` names more files of the new index, already sealed for this
        folder under those names (index.write.staging): each is decrypted into RAM,
        then renamed into the folder. Every new file is on disk before the
        TOC, and old files are deleted only after it, so a crash half-way
        leaves the old index intact (the next open drops unreferenced files);
        an error before the TOC takes the new files out again.
        """
        sealed = dict(sealed or {})
        incoming = dict(other._files)
        new = [n for n in [*sealed, *incoming] if n not in self._files]
        try:
            # largest first: RAM peaks at the index plus one file's ciphertext,
            # and that file is then a small one
            for name in sorted(sealed, key=lambda n: -sealed[n].stat().st_size):
                self._files[name] = decrypt_file(self._cipher, name, sealed[name].read_bytes())
            for name, path in sealed.items():
                os.replace(path, self._path / name)
                self._on_disk.add(name)
            for name, data in incoming.items():
                self._files[name] = data
                self._dirty.add(name)
            self.flush()
        except BaseException:
            for name in new:
                self.delete_file(name)
            raise
        for name in [n for n in list(self._files) if n not in incoming and n not in sealed]:
            self.delete_file(name)

    def temp_storage(self, name: str | None = None) -> SpillStorage:
        # posting runs of a big rebuild or merge go to disk, sealed, not to RAM
        return SpillStorage(self._path / SPILL_DIR, self._cipher)

    def wipe(self) -> None:
        """Remove every file this storage owns from RAM and disk."""
        self._files, self._dirty, self._on_disk = {}, set(), set()
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
        """Drop the decrypted cache and the key; Python cannot scrub them, but frees them."""
        self._files, self._dirty = {}, set()
        self._locks = {}
        del self._cipher
