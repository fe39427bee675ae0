"""Encrypted attachment blobs."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from expertise.blobstore import BlobStore
from expertise.crypto import aead_decrypt, hkdf, keyed_name
from expertise.errors import HubLocked, IntegrityError, UserError

KEY = bytes(range(32))
MARKER = b"CANARY-7f3a attachment content"


@pytest.fixture
def store(tmp_path: Path) -> BlobStore:
    return BlobStore(tmp_path / "attachments", KEY)


def test_round_trip(store: BlobStore) -> None:
    store.put("a1", MARKER)
    assert store.exists("a1")
    assert store.get("a1") == MARKER
    store.put("a1", b"replaced")
    assert store.get("a1") == b"replaced"
    store.put("empty", b"")
    assert store.get("empty") == b""


def test_nothing_in_clear_on_disk(store: BlobStore) -> None:
    store.put("a1", MARKER)
    files = list(store.folder.iterdir())
    assert [f.name for f in files] == [store.file_name("a1")]
    assert MARKER not in files[0].read_bytes()
    assert b"a1" not in files[0].read_bytes()


def test_file_name_is_a_keyed_hash_of_the_id(store: BlobStore) -> None:
    name = store.file_name("a1")
    assert len(name) == 64 and int(name, 16) >= 0
    assert name == store.file_name("a1") != store.file_name("a2")
    assert name != hashlib.sha256(b"a1").hexdigest()
    assert name != BlobStore(store.folder, bytes(32)).file_name("a1")
    store.put("a1", MARKER)
    assert name != hashlib.sha256(MARKER).hexdigest()


def test_naming_and_content_keys_are_separate(store: BlobStore) -> None:
    naming_key = hkdf(KEY, "attachments/names")
    content_key = hkdf(KEY, "attachments/content")
    assert naming_key != content_key
    assert store.file_name("a1") == keyed_name(naming_key, "a1")
    store.put("a1", MARKER)
    blob = (store.folder / store.file_name("a1")).read_bytes()
    assert aead_decrypt(content_key, blob, b"expertise-hub/blob/a1") == MARKER
    with pytest.raises(IntegrityError):
        aead_decrypt(naming_key, blob, b"expertise-hub/blob/a1")


def test_missing_blob(store: BlobStore) -> None:
    assert not store.exists("nope")
    with pytest.raises(IntegrityError, match="attachment blob missing"):
        store.get("nope")


def test_delete(store: BlobStore) -> None:
    store.put("a1", MARKER)
    store.delete("a1")
    store.delete("a1")  # quiet when already gone
    assert not store.exists("a1")
    assert list(store.folder.iterdir()) == []


def test_swapped_files_are_detected(store: BlobStore) -> None:
    store.put("a1", b"first")
    store.put("a2", b"second")
    one, two = store.folder / store.file_name("a1"), store.folder / store.file_name("a2")
    first, second = one.read_bytes(), two.read_bytes()
    one.write_bytes(second)
    two.write_bytes(first)
    for blob_id in ("a1", "a2"):
        with pytest.raises(IntegrityError):
            store.get(blob_id)


def test_truncated_or_flipped_blob(store: BlobStore) -> None:
    store.put("a1", MARKER)
    path = store.folder / store.file_name("a1")
    blob = path.read_bytes()
    path.write_bytes(blob[:-1])
    with pytest.raises(IntegrityError):
        store.get("a1")
    damaged = bytearray(blob)
    damaged[20] ^= 0x80
    path.write_bytes(bytes(damaged))
    with pytest.raises(IntegrityError):
        store.get("a1")


def test_verify_names_each_bad_blob_without_content(store: BlobStore) -> None:
    for blob_id in ("good", "gone", "bad"):
        store.put(blob_id, MARKER)
    store.delete("gone")
    bad = store.folder / store.file_name("bad")
    bad.write_bytes(bad.read_bytes()[:30])
    problems = store.verify(["good", "gone", "bad"])
    assert len(problems) == 2
    assert problems[0].startswith("gone:") and "missing" in problems[0]
    assert problems[1].startswith("bad:")
    assert not any("CANARY" in p for p in problems)
    assert store.verify(["good"]) == []


def test_bad_id(store: BlobStore) -> None:
    with pytest.raises(UserError):
        store.put("", b"x")


def test_close_drops_the_keys(store: BlobStore) -> None:
    store.put("a1", MARKER)
    store.close()
    with pytest.raises(HubLocked):
        store.get("a1")
    with pytest.raises(HubLocked):
        store.put("a2", MARKER)
    with pytest.raises(HubLocked):
        store.file_name("a1")
