"""Recovery key: a second way to unwrap the master key (DESIGN §4).

The key is 256 random bits, so it needs no slow KDF. It is shown once as
base32 in groups of four with a two-character checksum group at the end, so
a typo is caught before any decryption is tried:

    ABCD-EFGH-...-WXYZ-QR
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re

from expertise.crypto import KEY_LEN, random_key
from expertise.errors import WrongPassphrase

GROUP = 4
CHECKSUM_LEN = 2
_BODY_LEN = 52  # base32 of 32 bytes without padding
_PADDING = "===="  # brings 52 characters up to a multiple of 8 for b32decode
_CHECK_DOMAIN = b"expertise-hub/recovery-checksum\x00"
_SEPARATORS = re.compile(r"[\s\-_]+")
_ALPHABET = re.compile(r"[A-Z2-7]*")


def _checksum(key: bytes | bytearray) -> str:
    digest = hashlib.sha256(_CHECK_DOMAIN + bytes(key)).digest()
    return base64.b32encode(digest).decode("ascii")[:CHECKSUM_LEN]


def format_recovery_key(key: bytes | bytearray) -> str:
    """The printable form of a 32-byte key, checksum group last."""
    if len(key) != KEY_LEN:
        raise ValueError(f"recovery key must be {KEY_LEN} bytes")
    body = base64.b32encode(bytes(key)).decode("ascii").rstrip("=")
    groups = [body[i : i + GROUP] for i in range(0, len(body), GROUP)]
    return "-".join([*groups, _checksum(key)])


def generate_recovery_key() -> tuple[bytearray, str]:
    """A fresh key and its printable form (show it once, never store it)."""
    key = random_key()
    return key, format_recovery_key(key)


def _normalise(text: str) -> str:
    return _SEPARATORS.sub("", text).upper()


def parse_recovery_key(text: str) -> bytearray:
    """Read a typed recovery key; case, spaces and dashes do not matter."""
    compact = _normalise(text)
    if len(compact) != _BODY_LEN + CHECKSUM_LEN:
        raise WrongPassphrase("recovery key has the wrong length")
    if not _ALPHABET.fullmatch(compact):
        raise WrongPassphrase("recovery key contains characters that are not allowed")
    body, check = compact[:_BODY_LEN], compact[_BODY_LEN:]
    try:
        key = bytearray(base64.b32decode(body + _PADDING))
    except (binascii.Error, ValueError):
        raise WrongPassphrase("recovery key checksum does not match") from None
    # Re-encoding catches a typo in the unused low bits of the last character,
    # which decoding alone would silently ignore.
    canonical = base64.b32encode(bytes(key)).decode("ascii").rstrip("=")
    if canonical != body or _checksum(key) != check:
        raise WrongPassphrase("recovery key checksum does not match")
    return key
