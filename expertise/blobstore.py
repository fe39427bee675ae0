"""Encrypted attachment blobs under `attachments/` (ARCHITECTURE §4).

Each blob is one AES-GCM file. Its name is an HMAC of the attachment id under
a naming key, never a hash of the content: a content hash would let anyone
with the folder test whether a known file (a known image, say) is stored.
The blob id is the associated data, so two blob files swapped on disk fail
to decrypt instead of showing one attachment's content under another's name.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from expertise.atomic import atomic_write_bytes
from expertise.crypto import AeadCipher, Secret, hkdf, keyed_name, wipe
from expertise.errors import HubLocked, IntegrityError, UserError

_NAMING_PURPOSE = "attachments/names"
_CONTENT_PURPOSE = "attachments/content"
_AAD_PREFIX = b"expertise-hub/blob/"


class BlobStore:
    """Put, get and check encrypted blobs in one folder, keyed by blob id."""

    def __init__(self, folder: Path, key: Secret) -> None:
        self._folder = Path(folder)
        # Separate keys: the naming key is used for every listing and lookup,
        # the content key only for encryption.
        self._naming_key = bytearray(hkdf(key, _NAMING_PURPOSE))
        self._cipher = AeadCipher(hkdf(key, _CONTENT_PURPOSE))

    @property
    def folder(self) -> Path:
        return self._folder

    def file_name(self, blob_id: str) -> str:
        _check_id(blob_id)
        if self._cipher.wiped:
            raise HubLocked("the hub is locked")
        return keyed_name(self._naming_key, blob_id)

    def _path(self, blob_id: str) -> Path:
        return self._folder / self.file_name(blob_id)

    def put(self, blob_id: str, data: bytes) -> None:
        """Store (or replace) a blob; the file appears whole or not at all."""
        path = self._path(blob_id)
        blob = self._cipher.encrypt(data, _aad(blob_id))
        self._folder.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(path, blob)

    def get(self, blob_id: str) -> bytes:
        """The decrypted content; IntegrityError if missing, truncated or altered."""
        path = self._path(blob_id)
        try:
            blob = path.read_bytes()
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            raise IntegrityError("attachment blob missing") from None
        try:
            return self._cipher.decrypt(blob, _aad(blob_id))
        except IntegrityError as exc:
            raise IntegrityError(f"attachment blob damaged: {exc}") from None

    def delete(self, blob_id: str) -> None:
        self._path(blob_id).unlink(missing_ok=True)

    def exists(self, blob_id: str) -> bool:
        return self._path(blob_id).is_file()

    def verify(self, blob_ids: Iterable[str]) -> list[str]:
        """One line per blob that is missing or fails authentication."""
        problems: list[str] = []
        for blob_id in blob_ids:
            try:
                self.get(blob_id)
            except IntegrityError as exc:
                problems.append(f"{blob_id}: {exc}")
        return problems

    def close(self) -> None:
        """Drop the keys (on lock); every later call raises HubLocked."""
        self._cipher.wipe()
        wipe(self._naming_key)


def _check_id(blob_id: str) -> None:
    if not isinstance(blob_id, str) or not blob_id:
        raise UserError("attachment id must be a non-empty string")


def _aad(blob_id: str) -> bytes:
    return _AAD_PREFIX + blob_id.encode("utf-8")
