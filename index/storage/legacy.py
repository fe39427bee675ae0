"""The whole-file sealed format of earlier releases, read once to convert it.

Until the chunked format (index.storage.chunked) every index file was
``LEGACY_MAGIC + cipher.encrypt(plaintext, aad=LEGACY_MAGIC + name)``, all of
it decrypted into RAM at unlock. An index found in that format is converted
on open: each file is authenticated and decrypted as a whole (as before, so
S4 holds), sealed again in chunks under the same name, and swapped in
atomically, one file at a time. A crash half-way leaves a mix of both
formats, which the next open reads and finishes converting.
"""

from __future__ import annotations

import logging
import os
import secrets
from pathlib import Path

from index.storage.chunked import Sealed, seal_to_path
from index.types import Cipher, IndexCorrupt

log = logging.getLogger(__name__)

LEGACY_MAGIC = b"EHIX\x01"
PART_SUFFIX = ".part"


def legacy_aad(name: str) -> bytes:
    return LEGACY_MAGIC + name.encode("utf-8")


def decrypt_legacy(cipher: Cipher, name: str, blob: bytes) -> bytes:
    """Authenticate and decrypt one whole-file sealed index file; IndexCorrupt if wrong."""
    if not blob.startswith(LEGACY_MAGIC):
        raise IndexCorrupt(f"index file {name!r} has no valid header")
    try:
        return cipher.decrypt(memoryview(blob)[len(LEGACY_MAGIC) :], legacy_aad(name))
    except Exception as exc:  # any failure of the cipher means "do not trust"
        raise IndexCorrupt(f"index file {name!r} failed authentication") from exc


def is_legacy(path: Path) -> bool:
    with open(path, "rb") as fh:
        return fh.read(len(LEGACY_MAGIC)) == LEGACY_MAGIC


def convert(path: Path, cipher: Cipher) -> Sealed:
    """Seal one legacy file again in chunks, in place (atomic rename); the new header."""
    name = path.name
    data = decrypt_legacy(cipher, name, path.read_bytes())
    part = path.with_name(f".{name}.{secrets.token_hex(4)}{PART_SUFFIX}")
    try:
        sealed = seal_to_path(part, name, data, cipher)
        os.replace(part, path)
    finally:
        part.unlink(missing_ok=True)
    return sealed
