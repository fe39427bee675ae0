"""The team's key primitives: member identities, level keys wrapped to a member's X25519 key.

Wrapping (ECIES-like): an ephemeral X25519 key agrees a secret with the member's public key,
HKDF-SHA256 (bound to both public keys) turns it into a key-encryption key, and AES-256-GCM
seals the level key with AAD = member id | level | epoch, so a wrapped key moved to another
member, level or epoch fails to open. Output: ephemeral public key (32) || AEAD blob.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from expertise.crypto import KEY_LEN, Secret, aead_decrypt, aead_encrypt, random_key, wipe
from expertise.errors import IntegrityError

PUBLIC_LEN = 32
_WRAP_INFO = b"expertise-hub/team/wrap/v1"


def member_id_of(ed25519_public: bytes) -> str:
    """A member's id: the first 16 hex digits of SHA-256 of their Ed25519 public key."""
    return hashlib.sha256(ed25519_public).hexdigest()[:16]


@dataclass
class Identity:
    """A member's two private keys (32-byte raw seeds kept in bytearrays, wiped on lock)."""

    x25519_seed: bytearray
    ed25519_seed: bytearray

    @classmethod
    def generate(cls) -> Identity:
        return cls(bytearray(secrets.token_bytes(32)), bytearray(secrets.token_bytes(32)))

    @property
    def x25519_public(self) -> bytes:
        return (
            X25519PrivateKey.from_private_bytes(bytes(self.x25519_seed))
            .public_key()
            .public_bytes_raw()
        )

    @property
    def ed25519_public(self) -> bytes:
        return (
            Ed25519PrivateKey.from_private_bytes(bytes(self.ed25519_seed))
            .public_key()
            .public_bytes_raw()
        )

    @property
    def member_id(self) -> str:
        return member_id_of(self.ed25519_public)

    def sign(self, data: bytes) -> bytes:
        return Ed25519PrivateKey.from_private_bytes(bytes(self.ed25519_seed)).sign(data)

    def wipe(self) -> None:
        wipe(self.x25519_seed)
        wipe(self.ed25519_seed)


def wrap_aad(member_id: str, level: int, epoch: int) -> bytes:
    return f"expertise-team/level-key|{member_id}|{level}|{epoch}".encode()


def _kek(shared: bytes, ephemeral_public: bytes, recipient_public: bytes) -> bytearray:
    derived = HKDF(
        hashes.SHA256(), KEY_LEN, salt=None, info=_WRAP_INFO + ephemeral_public + recipient_public
    ).derive(shared)
    return bytearray(derived)


def wrap(level_key: Secret, recipient_public: bytes, aad: bytes) -> bytes:
    """Seal a level key so only the holder of `recipient_public`'s private key opens it."""
    if len(recipient_public) != PUBLIC_LEN:
        raise IntegrityError("a member's public key is malformed")
    ephemeral = X25519PrivateKey.generate()
    ephemeral_public = ephemeral.public_key().public_bytes_raw()
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(recipient_public))
    kek = _kek(shared, ephemeral_public, recipient_public)
    try:
        return ephemeral_public + aead_encrypt(kek, level_key, aad)
    finally:
        wipe(kek)


def unwrap(wrapped: bytes, identity: Identity, aad: bytes) -> bytearray:
    """The level key inside `wrapped`; IntegrityError when it is not for us or was altered."""
    if len(wrapped) <= PUBLIC_LEN:
        raise IntegrityError("a wrapped team key is truncated")
    ephemeral_public = bytes(wrapped[:PUBLIC_LEN])
    private = X25519PrivateKey.from_private_bytes(bytes(identity.x25519_seed))
    try:
        shared = private.exchange(X25519PublicKey.from_public_bytes(ephemeral_public))
    except ValueError:
        raise IntegrityError("a wrapped team key is malformed") from None
    kek = _kek(shared, ephemeral_public, identity.x25519_public)
    try:
        return bytearray(aead_decrypt(kek, bytes(wrapped[PUBLIC_LEN:]), aad))
    finally:
        wipe(kek)


def new_level_key() -> bytearray:
    return random_key()
