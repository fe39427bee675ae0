"""Recovery key: a second way to unwrap the master key (ARCHITECTURE §4).

The key is 256 random bits, so it needs no slow KDF. It is shown once as
base32 in groups of four with a two-character checksum group at the end, so
a typo is caught before any decryption is tried:

    ABCD-EFGH-...-WXYZ-QR

The first checksum character is Luhn mod 32, which catches every single
mistyped character and most swaps of neighbours (the typos people make); the
second comes from SHA-256, so random garbage passes only once in 1024 tries.
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
_B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"


def _luhn32(body: str) -> str:
    # Luhn mod N over the base32 alphabet, doubling every second character
    # from the right (the check character itself would be the first).
    total = 0
    for position, char in enumerate(reversed(body)):
        value = _B32.index(char) * (2 if position % 2 == 0 else 1)
        total += value // 32 + value % 32
    return _B32[-total % 32]


def _checksum(body: str, key: bytes | bytearray) -> str:
    digest = hashlib.sha256(_CHECK_DOMAIN + bytes(key)).digest()
    return _luhn32(body) + _B32[digest[0] % 32]


def format_recovery_key(key: bytes | bytearray) -> str:
    """The printable form of a 32-byte key, checksum group last."""
    if len(key) != KEY_LEN:
        raise ValueError(f"recovery key must be {KEY_LEN} bytes")
    body = base64.b32encode(bytes(key)).decode("ascii").rstrip("=")
    groups = [body[i : i + GROUP] for i in range(0, len(body), GROUP)]
    return "-".join([*groups, _checksum(body, key)])


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
    if canonical != body or _checksum(body, key) != check:
        raise WrongPassphrase("recovery key checksum does not match")
    return key
