"""AEAD, HKDF and keyed names (checklist S2)."""

from __future__ import annotations

import hashlib
import hmac

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from expertise.crypto import (
    BLOB_VERSION,
    NONCE_LEN,
    TAG_LEN,
    AeadCipher,
    aead_decrypt,
    aead_encrypt,
    hkdf,
    keyed_name,
    random_key,
    wipe,
)
from expertise.errors import HubLocked, IntegrityError

KEY = bytes(range(32))
AAD = b"entry/1234"


def test_round_trip() -> None:
    blob = aead_encrypt(KEY, b"secret note", AAD)
    assert aead_decrypt(KEY, blob, AAD) == b"secret note"


def test_layout_is_version_nonce_ciphertext_tag() -> None:
    blob = aead_encrypt(KEY, b"abc", AAD)
    assert blob[0] == BLOB_VERSION
    assert len(blob) == 1 + NONCE_LEN + 3 + TAG_LEN
    assert b"abc" not in blob


def test_same_plaintext_twice_gives_different_blobs() -> None:
    assert aead_encrypt(KEY, b"same", AAD) != aead_encrypt(KEY, b"same", AAD)


def test_nonces_are_never_reused() -> None:
    nonces = {aead_encrypt(KEY, b"x", AAD)[1 : 1 + NONCE_LEN] for _ in range(2000)}
    assert len(nonces) == 2000


def test_wrong_key_fails() -> None:
    blob = aead_encrypt(KEY, b"note", AAD)
    with pytest.raises(IntegrityError):
        aead_decrypt(bytes(32), blob, AAD)


def test_wrong_associated_data_fails() -> None:
    blob = aead_encrypt(KEY, b"note", AAD)
    with pytest.raises(IntegrityError):
        aead_decrypt(KEY, blob, b"entry/9999")


def test_every_flipped_byte_fails() -> None:
    blob = aead_encrypt(KEY, b"short note", AAD)
    for position in range(len(blob)):
        damaged = bytearray(blob)
        damaged[position] ^= 0x01
        with pytest.raises(IntegrityError):
            aead_decrypt(KEY, bytes(damaged), AAD)


def test_every_truncation_fails() -> None:
    blob = aead_encrypt(KEY, b"short note", AAD)
    for length in range(len(blob)):
        with pytest.raises(IntegrityError):
            aead_decrypt(KEY, blob[:length], AAD)


def test_unknown_version_byte_is_refused() -> None:
    blob = bytearray(aead_encrypt(KEY, b"note", AAD))
    blob[0] = 2
    with pytest.raises(IntegrityError, match="format version"):
        aead_decrypt(KEY, bytes(blob), AAD)


def test_short_key_is_a_programming_error() -> None:
    with pytest.raises(ValueError):
        aead_encrypt(b"short", b"x", AAD)
    with pytest.raises(ValueError):
        AeadCipher(b"short")


def test_hkdf_matches_rfc5869_with_our_info_prefix() -> None:
    expected = HKDF(hashes.SHA256(), 32, None, b"expertise-hub/database").derive(KEY)
    assert hkdf(KEY, "database") == expected


def test_hkdf_separates_purposes_and_honours_length() -> None:
    assert hkdf(KEY, "database") != hkdf(KEY, "index")
    assert len(hkdf(KEY, "signing", 64)) == 64
    assert hkdf(bytearray(KEY), "index") == hkdf(KEY, "index")


def test_keyed_name_is_hmac_sha256_hex() -> None:
    expected = hmac.new(KEY, b"blob-1", hashlib.sha256).hexdigest()
    assert keyed_name(KEY, "blob-1") == expected
    assert keyed_name(bytes(32), "blob-1") != expected


def test_random_key_is_fresh_bytearray() -> None:
    first, second = random_key(), random_key()
    assert isinstance(first, bytearray) and len(first) == 32
    assert first != second


def test_wipe_zeroes_in_place() -> None:
    buf = bytearray(b"secret")
    view = buf  # same object: wipe must not rebind
    wipe(buf)
    assert view == bytearray(6)


def test_cipher_round_trip_and_compatible_format() -> None:
    cipher = AeadCipher(KEY)
    blob = cipher.encrypt(b"segment", b"index/_MAIN_1.toc")
    assert cipher.decrypt(blob, b"index/_MAIN_1.toc") == b"segment"
    assert aead_decrypt(KEY, blob, b"index/_MAIN_1.toc") == b"segment"
    with pytest.raises(IntegrityError):
        cipher.decrypt(blob, b"index/other")


def test_cipher_wipe_locks_it() -> None:
    cipher = AeadCipher(KEY)
    blob = cipher.encrypt(b"x", b"")
    cipher.wipe()
    assert cipher._key == bytearray(32)
    with pytest.raises(HubLocked):
        cipher.decrypt(blob, b"")
    with pytest.raises(HubLocked):
        cipher.encrypt(b"x", b"")
    assert KEY.hex() not in repr(cipher)
