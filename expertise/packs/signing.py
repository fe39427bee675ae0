"""The hub's Ed25519 publisher key, fingerprints and signature checks.

The private key is generated at first use and kept in the (SQLCipher) database
as a `HubMeta` row, sealed once more with a vault sub-key: a copy of the
database file alone, even decrypted, does not hand out the signing key.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import secrets

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from sqlalchemy.orm import Session

from expertise.crypto import Secret, aead_decrypt, aead_encrypt
from expertise.errors import IntegrityError
from expertise.models import HubMeta

PUBLIC_KEY_LEN = 32
SIGNATURE_LEN = 64
SEED_LEN = 32
KEY_ROW = "pack_signing_key"
NAME_ROW = "pack_publisher_name"
SUBKEY_PURPOSE = "packs/signing-key"
_SEAL_AAD = b"expertise-hub/pack-signing-key/v1"


def fingerprint(public_key: bytes) -> str:
    """SHA-256 of the raw public key, lower-case hex (64 characters)."""
    return hashlib.sha256(public_key).hexdigest()


def grouped(fp: str) -> str:
    """A fingerprint as people compare it aloud: upper case, groups of four."""
    text = fp.upper()
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def verify(public_key: bytes, signature: bytes, message: bytes) -> None:
    """IntegrityError unless `signature` is valid for `message` under `public_key`."""
    if len(public_key) != PUBLIC_KEY_LEN or len(signature) != SIGNATURE_LEN:
        raise IntegrityError("pack signature is malformed")
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(signature, message)
    except (InvalidSignature, ValueError):
        raise IntegrityError(
            "pack signature does not verify: the file was altered or damaged"
        ) from None


class PublisherKey:
    """A loaded private key: sign, and tell the public half."""

    def __init__(self, seed: bytes) -> None:
        self._key = Ed25519PrivateKey.from_private_bytes(seed)
        self.public_key = self._key.public_key().public_bytes_raw()

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_key)

    def sign(self, message: bytes) -> bytes:
        return self._key.sign(message)

    @classmethod
    def generate(cls) -> PublisherKey:
        return cls(secrets.token_bytes(SEED_LEN))


def existing(session: Session, seal_key: Secret) -> PublisherKey | None:
    row = session.get(HubMeta, KEY_ROW)
    return PublisherKey(_unseal(row.value, seal_key)) if row is not None else None


def load_or_create(session: Session, seal_key: Secret) -> PublisherKey:
    """The hub's publisher key, made and stored on first use."""
    found = existing(session, seal_key)
    if found is not None:
        return found
    seed = secrets.token_bytes(SEED_LEN)
    sealed = aead_encrypt(seal_key, seed, _SEAL_AAD)
    session.add(HubMeta(key=KEY_ROW, value=base64.b64encode(sealed).decode("ascii")))
    session.flush()
    return PublisherKey(seed)


def reseal(value: str, old_key: Secret, new_key: Secret) -> str:
    """A stored key row sealed again under a new sub-key (re-key): same key pair."""
    seed = _unseal(value, old_key)
    return base64.b64encode(aead_encrypt(new_key, seed, _SEAL_AAD)).decode("ascii")


def _unseal(value: str, seal_key: Secret) -> bytes:
    try:
        sealed = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise IntegrityError("the stored publisher key is damaged") from None
    seed = aead_decrypt(seal_key, sealed, _SEAL_AAD)
    if len(seed) != SEED_LEN:
        raise IntegrityError("the stored publisher key is damaged")
    return seed


def publisher_name(session: Session, fp: str) -> str:
    row = session.get(HubMeta, NAME_ROW)
    # The default carries part of the fingerprint so two hubs that never set
    # a name do not look like the same publisher.
    return row.value if row is not None else f"Expertise Hub {fp[:8].upper()}"


def set_publisher_name(session: Session, name: str) -> None:
    row = session.get(HubMeta, NAME_ROW)
    if row is None:
        session.add(HubMeta(key=NAME_ROW, value=name))
    else:
        row.value = name
