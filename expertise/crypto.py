"""Symmetric primitives of the vault (ARCHITECTURE §4, checklist S2).

Every encryption in the hub goes through AES-256-GCM with a fresh random
96-bit nonce and the caller's context (header, blob id, file name) as
associated data, so a ciphertext moved to another place fails to decrypt.

Blob layout: ``version (1 byte) || nonce (12) || ciphertext || tag (16)``.
The version byte lets a later release change the layout without guessing.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from expertise.errors import HubLocked, IntegrityError

KEY_LEN = 32
NONCE_LEN = 12
TAG_LEN = 16
BLOB_VERSION = 1
_HEADER_LEN = 1 + NONCE_LEN
_MIN_BLOB_LEN = _HEADER_LEN + TAG_LEN
_HKDF_PREFIX = b"expertise-hub/"

# Keys travel as bytearrays where we can wipe them; every function takes both.
Secret = bytes | bytearray


def random_key() -> bytearray:
    """A fresh 256-bit key in a bytearray, so it can be wiped later."""
    return bytearray(secrets.token_bytes(KEY_LEN))


def wipe(buf: bytearray) -> None:
    """Overwrite a secret in place (best effort: Python may hold other copies)."""
    buf[:] = bytes(len(buf))


def _check_key(key: Secret) -> None:
    # A short key is a programming error, not bad data: fail loudly.
    if len(key) != KEY_LEN:
        raise ValueError(f"key must be {KEY_LEN} bytes")


def _seal(aes: AESGCM, plaintext: Secret, aad: bytes) -> bytes:
    # Random nonces are safe for far more messages per key than a hub writes
    # (the 2**32 bound of NIST SP 800-38D), and need no counter state on disk.
    nonce = secrets.token_bytes(NONCE_LEN)
    return bytes([BLOB_VERSION]) + nonce + aes.encrypt(nonce, plaintext, aad)


def _open(aes: AESGCM, blob: bytes | memoryview, aad: bytes) -> bytes:
    if len(blob) < _MIN_BLOB_LEN:
        raise IntegrityError("encrypted data is truncated")
    if blob[0] != BLOB_VERSION:
        raise IntegrityError("encrypted data has an unknown format version")
    view = memoryview(blob)  # slices of a view share the buffer: no copy of a large blob
    nonce = bytes(view[1:_HEADER_LEN])
    try:
        return aes.decrypt(nonce, view[_HEADER_LEN:], aad)
    except InvalidTag:
        raise IntegrityError("encrypted data failed authentication") from None


def aead_encrypt(key: Secret, plaintext: Secret, aad: bytes) -> bytes:
    """Encrypt and authenticate `plaintext`, binding `aad` to it."""
    _check_key(key)
    return _seal(AESGCM(key), plaintext, aad)


def aead_decrypt(key: Secret, blob: bytes, aad: bytes) -> bytes:
    """Decrypt a blob of :func:`aead_encrypt`; IntegrityError on any failure."""
    _check_key(key)
    return _open(AESGCM(key), blob, aad)


def hkdf(master: Secret, purpose: str, length: int = KEY_LEN) -> bytes:
    """Derive an independent sub-key for one purpose (database, index, ...)."""
    if not purpose:
        raise ValueError("purpose must not be empty")
    kdf = HKDF(
        algorithm=hashes.SHA256(),
        length=length,
        salt=None,
        info=_HKDF_PREFIX + purpose.encode("utf-8"),
    )
    return kdf.derive(master)


def keyed_name(key: Secret, value: str) -> str:
    """HMAC-SHA256 of `value` as hex: a stable name that reveals nothing."""
    return hmac.new(key, value.encode("utf-8"), hashlib.sha256).hexdigest()


class AeadCipher:
    """One key, encrypt/decrypt with associated data, wipe on lock.

    Injected into the search index (duck-typed), so the method names are a
    contract: ``encrypt``, ``decrypt``, ``wipe``.
    """

    def __init__(self, key: Secret) -> None:
        _check_key(key)
        self._key = bytearray(key)
        self._aes: AESGCM | None = AESGCM(self._key)

    def _cipher(self) -> AESGCM:
        if self._aes is None:
            raise HubLocked("cipher was wiped: the hub is locked")
        return self._aes

    def encrypt(self, plaintext: bytes, aad: bytes) -> bytes:
        return _seal(self._cipher(), plaintext, aad)

    def decrypt(self, blob: bytes | memoryview, aad: bytes) -> bytes:
        return _open(self._cipher(), blob, aad)

    def wipe(self) -> None:
        # The AESGCM object keeps its own copy we cannot reach; dropping it is
        # the best we can do, the bytearray we own is overwritten.
        self._aes = None
        wipe(self._key)

    @property
    def wiped(self) -> bool:
        return self._aes is None

    def __repr__(self) -> str:
        return f"AeadCipher(wiped={self.wiped})"
