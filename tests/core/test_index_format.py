"""A real hub and its chunked index: an older index converted on open, damage
rebuilt, searches answered during a reindex, and no plaintext on disk."""

from __future__ import annotations

import os
import tempfile
import threading
import time
from pathlib import Path

import pytest

from expertise.crypto import AeadCipher
from expertise.hub import Hub
from expertise.kdf import KdfParams
from index.storage import MAGIC, read_header
from index.storage.chunked import ChunkCache, SealedFile
from index.storage.legacy import LEGACY_MAGIC, legacy_aad
from tests.conftest import PASSPHRASE, file_contains, files_containing

MARKER = "Vormwisselgeheim"
COUNT = 240


def _filled(path: Path) -> Hub:
    hub = Hub.create(path, PASSPHRASE, kdf=KdfParams.floor())
    hub.entries.add_many(
        (
            ("advice", {"title": f"{MARKER} advies {i}", "body": f"{MARKER} tekst nummer {i}"})
            for i in range(COUNT)
        ),
        reindex=True,
    )
    return hub


def _index_cipher(hub: Hub) -> AeadCipher:
    with hub.derived_key("index") as key:
        return AeadCipher(key)


def _to_legacy(folder: Path, cipher: AeadCipher) -> None:
    """Seal every index file the way releases before the chunked format did."""
    for path in [p for p in folder.iterdir() if p.is_file()]:
        info = read_header(path, path.name, cipher)
        data = SealedFile(path, info, cipher, ChunkCache()).read_all()
        path.write_bytes(LEGACY_MAGIC + cipher.encrypt(data, legacy_aad(path.name)))


def _damage_every_chunk(path: Path, cipher: AeadCipher) -> None:
    info = read_header(path, path.name, cipher)
    blob = bytearray(path.read_bytes())
    for index in range(info.count):
        start, length = info.span(index)
        blob[start + length // 2] ^= 0x01
    path.write_bytes(bytes(blob))


def _recent_temp_files_holding(marker: str, since: float, own: Path) -> list[Path]:
    """Files in the system temp folder written since ``since`` (not ours) holding ``marker``."""
    found = []
    for root, _dirs, names in os.walk(tempfile.gettempdir()):  # walk: dirs vanish mid-scan
        for path in (Path(root) / name for name in names):
            try:
                if own in path.parents or path.stat().st_mtime < since:
                    continue
                if path.stat().st_size < 64 << 20 and file_contains(path, marker):
                    found.append(path)
            except OSError:
                continue  # other processes' files come and go
    return found


def _postings(folder: Path) -> Path:
    return max(folder.glob("*.pst"), key=lambda p: p.stat().st_size)


def test_an_index_in_the_older_format_is_converted_on_open(tmp_path: Path) -> None:
    hub = _filled(tmp_path / "hub")
    cipher = _index_cipher(hub)
    hub.close()
    folder = tmp_path / "hub" / "index"
    _to_legacy(folder, cipher)
    assert all(p.read_bytes().startswith(LEGACY_MAGIC) for p in folder.iterdir())

    with Hub.open(tmp_path / "hub", PASSPHRASE) as again:
        assert again.search(f'"{MARKER} advies 17"').total >= 1
        assert again.index_service.last_rebuild_reason == ""  # converted, not rebuilt
    assert all(p.read_bytes().startswith(MAGIC) for p in folder.iterdir() if p.is_file())
    assert files_containing(tmp_path, MARKER) == []


def test_an_index_damaged_at_rest_is_rebuilt_on_open(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    hub = _filled(tmp_path / "hub")
    cipher = _index_cipher(hub)
    hub.close()
    _damage_every_chunk(_postings(tmp_path / "hub" / "index"), cipher)

    with Hub.open(tmp_path / "hub", PASSPHRASE) as again:
        assert "search index unreadable, rebuilding" in caplog.text
        assert again.search(f'"{MARKER} advies 17"').total >= 1


def test_an_index_damaged_while_open_is_rebuilt_after_the_search_that_saw_it(
    tmp_path: Path,
) -> None:
    with _filled(tmp_path / "hub") as hub:
        cipher = _index_cipher(hub)
        index = hub.index_service.index
        _damage_every_chunk(_postings(tmp_path / "hub" / "index"), cipher)
        index._storage.chunk_cache.clear()
        index.columns.reset()
        hub.search(f"{MARKER} 17")  # misses: the damaged chunks are refused
        hub.wait_for_index()
        assert "damaged" in hub.index_service.last_rebuild_reason
        assert hub.search(f'"{MARKER} advies 17"').total >= 1
        assert hub.index_service.index.damage() is None


def test_searches_are_answered_while_the_index_is_rebuilt(tmp_path: Path) -> None:
    since = time.time()
    hub = _filled(tmp_path / "hub")
    halfway, resume = threading.Event(), threading.Event()

    def progress(done: int, total: int) -> None:
        if done >= COUNT // 2 and not halfway.is_set():
            halfway.set()
            resume.wait(30)  # the rebuild holds here until the searches are done

    worker = threading.Thread(target=lambda: hub.maintenance.reindex(progress))
    worker.start()
    try:
        assert halfway.wait(60)
        started = time.perf_counter()
        answered = hub.search(f'"{MARKER} advies 17"')
        titles = hub.search.titles(f"{MARKER} advies 20")
        assert time.perf_counter() - started < 10  # not blocked behind the rebuild
        assert answered.total >= 1 and titles
    finally:
        resume.set()
        worker.join(60)
    assert hub.search(f'"{MARKER} advies 200"').total >= 1
    hub.close()
    assert files_containing(tmp_path, MARKER) == []
    assert _recent_temp_files_holding(MARKER, since, tmp_path) == []
