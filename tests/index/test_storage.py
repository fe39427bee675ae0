"""S4: every index file is authenticated before Whoosh reads it; temp and locks stay in RAM."""

from __future__ import annotations

import os
import tempfile
import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from index import IndexCorrupt, SearchIndex
from index.storage import MAGIC, EncryptedStorage, read_header
from index.storage.legacy import LEGACY_MAGIC, decrypt_legacy
from index.storage.spill import CHUNK, SPILL_DIR, SpillStorage
from tests.index.conftest import CORPUS, GcmCipher, ids


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_file())


def test_every_file_on_disk_is_encrypted_and_reopens(folder: Path, cipher: GcmCipher) -> None:
    ix = SearchIndex(folder, cipher)
    ix.update(CORPUS, meta={"change_seq": 7})
    ix.close()
    for path in _files(folder):
        assert path.read_bytes().startswith(MAGIC)
    again = SearchIndex(folder, cipher)
    assert again.doc_count() == len(CORPUS)
    assert again.meta() == {"change_seq": 7}
    assert "nl-camera" in ids(again.search("videokamera"))
    again.close()


def test_a_flipped_bit_is_index_corrupt(folder: Path, cipher: GcmCipher) -> None:
    SearchIndex(folder, cipher).update(CORPUS)
    segment = next(p for p in _files(folder) if p.suffix == ".seg")
    data = bytearray(segment.read_bytes())
    data[len(data) // 2] ^= 0x01
    segment.write_bytes(bytes(data))
    with pytest.raises(IndexCorrupt, match="failed authentication"):
        SearchIndex(folder, cipher)


def test_a_foreign_segment_file_is_index_corrupt(folder: Path, cipher: GcmCipher) -> None:
    SearchIndex(folder, cipher).update(CORPUS)
    (folder / "MAIN_evil0000000000.seg").write_bytes(b"cos\nsystem\n(S'echo pwned'\ntR.")
    with pytest.raises(IndexCorrupt, match="MAIN_evil"):
        SearchIndex(folder, cipher)


def test_a_file_encrypted_under_another_name_is_rejected(folder: Path, cipher: GcmCipher) -> None:
    SearchIndex(folder, cipher).update(CORPUS)
    toc = next(p for p in _files(folder) if p.suffix == ".toc")
    meta = next(p for p in _files(folder) if p.name.startswith("META_"))
    toc.write_bytes(meta.read_bytes())  # valid ciphertext, wrong name (AAD)
    with pytest.raises(IndexCorrupt):
        SearchIndex(folder, cipher)


def test_another_key_is_index_corrupt(folder: Path, cipher: GcmCipher) -> None:
    SearchIndex(folder, cipher).update(CORPUS)
    with pytest.raises(IndexCorrupt):
        SearchIndex(folder, GcmCipher())


def test_missing_toc_or_metadata_is_index_corrupt(folder: Path, cipher: GcmCipher) -> None:
    SearchIndex(folder, cipher).update(CORPUS)
    next(p for p in _files(folder) if p.name.startswith("META_")).unlink()
    with pytest.raises(IndexCorrupt, match="metadata"):
        SearchIndex(folder, cipher)
    next(p for p in _files(folder) if p.suffix == ".toc").unlink()
    with pytest.raises(IndexCorrupt, match="table of contents"):
        SearchIndex(folder, cipher)


def test_the_reason_is_logged_without_content(
    folder: Path, cipher: GcmCipher, caplog: pytest.LogCaptureFixture
) -> None:
    SearchIndex(folder, cipher).update(CORPUS)
    (folder / "junk.bin").write_bytes(b"Slachtofferidentificatie")
    with pytest.raises(IndexCorrupt):
        SearchIndex(folder, cipher)
    assert "junk.bin" in caplog.text
    assert "Slachtoffer" not in caplog.text


def test_leftover_part_files_and_os_junk_are_not_fatal(folder: Path, cipher: GcmCipher) -> None:
    SearchIndex(folder, cipher).update(CORPUS)
    (folder / ".MAIN_x.seg.abcd.part").write_bytes(os.urandom(64))
    (folder / ".DS_Store").write_bytes(os.urandom(64))
    ix = SearchIndex(folder, cipher)
    assert ix.doc_count() == len(CORPUS)
    assert not (folder / ".MAIN_x.seg.abcd.part").exists()
    ix.close()


def test_locks_live_in_memory_and_mmap_is_off(tmp_path: Path, cipher: GcmCipher) -> None:
    storage = EncryptedStorage(tmp_path / "ix", cipher)
    storage.load()
    assert isinstance(storage.lock("WRITELOCK"), type(threading.Lock()))
    assert storage.supports_mmap is False
    assert list((tmp_path / "ix").iterdir()) == []


def test_temp_files_stay_in_ram_or_go_to_disk_sealed(tmp_path: Path, cipher: GcmCipher) -> None:
    storage = EncryptedStorage(tmp_path / "ix", cipher)
    storage.load()
    temp = storage.temp_storage("x.tmp")
    assert isinstance(temp, SpillStorage)
    with temp.create_file("cols.ctmp") as f:  # random-access temp: RAM
        f.write(b"Geheimekolom")
    assert temp.open_file("cols.ctmp").read() == b"Geheimekolom"
    # a posting run: sealed chunks on disk; Whoosh closes the raw file itself
    payload = b"Geheimewoorden " * 40_000  # several chunks
    raw = temp.create_file("r1.run").raw_file()
    raw.write(payload)
    raw.close()
    spilled = tmp_path / "ix" / SPILL_DIR / "r1.run"
    assert spilled.exists() and b"Geheime" not in spilled.read_bytes()
    assert temp.open_file("r1.run").raw_file().read() == payload
    temp.destroy()
    assert list((tmp_path / "ix").iterdir()) == []


@pytest.mark.parametrize("damage", ["flip", "truncate", "drop-last"])
def test_a_damaged_spill_file_is_refused(tmp_path: Path, cipher: GcmCipher, damage: str) -> None:
    temp = SpillStorage(tmp_path / SPILL_DIR, cipher)
    raw = temp.create_file("r.run").raw_file()
    raw.write(b"x" * (3 * CHUNK))
    raw.close()
    path = tmp_path / SPILL_DIR / "r.run"
    data = bytearray(path.read_bytes())
    if damage == "flip":
        data[100] ^= 1
    elif damage == "truncate":
        data = data[: len(data) // 2]
    else:  # cut the whole last chunk: what is left must not pass as complete
        pos = 0
        while not data[pos + 4]:
            pos += 5 + int.from_bytes(data[pos : pos + 4], "big")
        data = data[:pos]
        assert data
    path.write_bytes(bytes(data))
    with pytest.raises(IndexCorrupt):
        temp.open_file("r.run").raw_file().read()


def test_leftover_spill_folder_is_removed_on_open(folder: Path, cipher: GcmCipher) -> None:
    SearchIndex(folder, cipher).update(CORPUS)
    (folder / SPILL_DIR).mkdir()
    (folder / SPILL_DIR / "old.run").write_bytes(os.urandom(100))
    ix = SearchIndex(folder, cipher)
    assert not (folder / SPILL_DIR).exists()
    ix.close()


def test_the_toc_temp_name_never_reaches_disk(folder: Path, cipher: GcmCipher) -> None:
    storage = EncryptedStorage(folder, cipher)
    storage.load()
    with storage.create_file("_MAIN_3.toc.1700000000.25") as f:
        f.write(b"table")
    assert list(folder.iterdir()) == []
    storage.rename_file("_MAIN_3.toc.1700000000.25", "_MAIN_3.toc")
    assert [p.name for p in folder.iterdir()] == ["_MAIN_3.toc"]


# -- fuzzing the encrypted-file reader (S10) ------------------------------------------
_FUZZ_CIPHER = GcmCipher(b"k" * 32)


@given(st.binary(max_size=512), st.text(min_size=1, max_size=30))
@settings(max_examples=300, deadline=None)
def test_random_bytes_only_ever_give_index_corrupt(blob: bytes, name: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "f"
        for candidate in (blob, MAGIC + blob, MAGIC + len(blob).to_bytes(2, "big") + blob):
            path.write_bytes(candidate)
            with pytest.raises(IndexCorrupt):
                read_header(path, name, _FUZZ_CIPHER)
    for candidate in (blob, LEGACY_MAGIC + blob):
        with pytest.raises(IndexCorrupt):
            decrypt_legacy(_FUZZ_CIPHER, name, candidate)


@given(st.binary(min_size=0, max_size=256))
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_a_random_file_in_the_folder_gives_index_corrupt(tmp_path: Path, blob: bytes) -> None:
    folder = tmp_path / f"fuzz-{os.urandom(4).hex()}"
    folder.mkdir()
    (folder / "_MAIN_1.toc").write_bytes(blob)
    with pytest.raises(IndexCorrupt):
        SearchIndex(folder, _FUZZ_CIPHER)
