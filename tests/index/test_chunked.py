"""S4 for the chunked format: every chunk is authenticated, in its place, in its file.

Small chunks (512 bytes) so a test corpus gives files of many chunks; real
AES-GCM, real files.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from index import IndexCorrupt, SearchIndex
from index.storage import chunked
from index.storage.chunked import ChunkCache, SealedFile, read_header, seal_to_path
from tests.index.conftest import CORPUS, GcmCipher, doc, files_holding, ids

SMALL = 512
MARKER = "Brokjesgeheim"


@pytest.fixture(autouse=True)
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(chunked, "CHUNK", SMALL)


def _payload(size: int = 5 * SMALL + 100) -> bytes:
    return bytes((i * 7 + i // 251) % 256 for i in range(size))


def _seal(folder: Path, cipher: GcmCipher, name: str, data: bytes) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / name
    seal_to_path(path, name, data, cipher)
    return path


def _read(path: Path, cipher: GcmCipher, name: str | None = None) -> bytes:
    name = name or path.name
    return SealedFile(path, read_header(path, name, cipher), cipher, ChunkCache()).read_all()


def _spans(path: Path, cipher: GcmCipher) -> list[tuple[int, int]]:
    info = read_header(path, path.name, cipher)
    return [info.span(i) for i in range(info.count)]


def test_a_sealed_file_reads_back_whole_and_in_pieces(tmp_path: Path, cipher: GcmCipher) -> None:
    data = _payload()
    path = _seal(tmp_path, cipher, "MAIN_a.pst", data)
    assert len(_spans(path, cipher)) == 6
    handle = SealedFile(path, read_header(path, path.name, cipher), cipher, ChunkCache())
    assert handle.read_all() == data
    for start, length in [(0, 1), (SMALL - 3, 10), (2 * SMALL, SMALL), (len(data) - 5, 50)]:
        assert handle.read_at(start, length) == data[start : start + length]
    handle.close()


@pytest.mark.parametrize("chunk", [0, 2, 5])
def test_a_flipped_byte_in_any_chunk_is_refused(
    tmp_path: Path, cipher: GcmCipher, chunk: int
) -> None:
    path = _seal(tmp_path, cipher, "MAIN_a.pst", _payload())
    start, length = _spans(path, cipher)[chunk]
    blob = bytearray(path.read_bytes())
    blob[start + length // 2] ^= 0x01
    path.write_bytes(bytes(blob))
    with pytest.raises(IndexCorrupt, match="failed authentication"):
        _read(path, cipher)


def test_a_flipped_byte_in_the_header_is_refused(tmp_path: Path, cipher: GcmCipher) -> None:
    path = _seal(tmp_path, cipher, "MAIN_a.pst", _payload())
    blob = bytearray(path.read_bytes())
    blob[len(chunked.MAGIC) + 10] ^= 0x01
    path.write_bytes(bytes(blob))
    with pytest.raises(IndexCorrupt, match="failed authentication"):
        read_header(path, path.name, cipher)


def test_swapped_or_reordered_chunks_are_refused(tmp_path: Path, cipher: GcmCipher) -> None:
    path = _seal(tmp_path, cipher, "MAIN_a.pst", _payload())
    spans = _spans(path, cipher)
    blob = path.read_bytes()
    pieces = [blob[s : s + n] for s, n in spans]
    head = blob[: spans[0][0]]
    path.write_bytes(head + pieces[1] + pieces[0] + b"".join(pieces[2:]))
    with pytest.raises(IndexCorrupt, match="failed authentication"):
        _read(path, cipher)
    path.write_bytes(head + pieces[0] + pieces[3] + pieces[2] + pieces[1] + pieces[4] + pieces[5])
    with pytest.raises(IndexCorrupt, match="failed authentication"):
        _read(path, cipher)


@pytest.mark.parametrize("cut", ["last-chunk", "middle-chunk", "some-bytes", "appended"])
def test_a_truncated_or_extended_file_is_refused_before_use(
    tmp_path: Path, cipher: GcmCipher, cut: str
) -> None:
    path = _seal(tmp_path, cipher, "MAIN_a.pst", _payload())
    spans = _spans(path, cipher)
    blob = path.read_bytes()
    if cut == "last-chunk":
        blob = blob[: spans[-1][0]]
    elif cut == "middle-chunk":
        blob = blob[: spans[2][0]] + blob[spans[3][0] :]
    elif cut == "some-bytes":
        blob = blob[:-7]
    else:
        blob = blob + blob[spans[1][0] : spans[1][0] + spans[1][1]]
    path.write_bytes(blob)
    with pytest.raises(IndexCorrupt, match="truncated or extended"):
        read_header(path, path.name, cipher)


def test_a_chunk_from_another_file_is_refused(tmp_path: Path, cipher: GcmCipher) -> None:
    data = _payload()
    ours = _seal(tmp_path / "a", cipher, "MAIN_a.pst", data)
    other_name = _seal(tmp_path / "b", cipher, "MAIN_b.pst", data)
    other_version = _seal(tmp_path / "c", cipher, "MAIN_a.pst", data)  # same name, written anew
    start, length = _spans(ours, cipher)[1]
    for donor in (other_name, other_version):
        blob = bytearray(ours.read_bytes())
        blob[start : start + length] = donor.read_bytes()[start : start + length]
        target = tmp_path / "mixed" / "MAIN_a.pst"
        target.parent.mkdir(exist_ok=True)
        target.write_bytes(bytes(blob))
        with pytest.raises(IndexCorrupt, match="failed authentication"):
            _read(target, cipher)


def test_a_header_from_another_version_is_refused(tmp_path: Path, cipher: GcmCipher) -> None:
    data = _payload()
    first = _seal(tmp_path / "a", cipher, "MAIN_a.pst", data)
    second = _seal(tmp_path / "b", cipher, "MAIN_a.pst", data)
    start = _spans(first, cipher)[0][0]
    first.write_bytes(second.read_bytes()[:start] + first.read_bytes()[start:])
    with pytest.raises(IndexCorrupt, match="failed authentication"):
        _read(first, cipher)


def test_a_renamed_file_is_refused(tmp_path: Path, cipher: GcmCipher) -> None:
    path = _seal(tmp_path, cipher, "MAIN_a.pst", _payload())
    with pytest.raises(IndexCorrupt, match="failed authentication"):
        read_header(path, "MAIN_b.pst", cipher)


# -- through the index ---------------------------------------------------------------
def _big_docs(count: int) -> list[dict[str, object]]:
    return [doc(f"b{i}", f"{MARKER} titel {i}", f"{MARKER} tekst {i} " * 30) for i in range(count)]


def _largest(folder: Path) -> Path:
    return max((p for p in folder.iterdir() if p.is_file()), key=lambda p: p.stat().st_size)


def test_a_damaged_chunk_anywhere_fails_the_open(folder: Path, cipher: GcmCipher) -> None:
    ix = SearchIndex(folder, cipher)
    ix.rebuild(_big_docs(60))
    ix.close()
    target = _largest(folder)
    start, length = _spans(target, cipher)[-1]  # a chunk no search might touch
    blob = bytearray(target.read_bytes())
    blob[start + length - 1] ^= 0x01
    target.write_bytes(bytes(blob))
    with pytest.raises(IndexCorrupt, match="failed authentication"):
        SearchIndex(folder, cipher)


def test_damage_after_open_is_reported_not_hidden(folder: Path, cipher: GcmCipher) -> None:
    ix = SearchIndex(folder, cipher)
    ix.rebuild(_big_docs(60))
    pst = next(p for p in folder.iterdir() if p.suffix == ".pst")
    blob = bytearray(pst.read_bytes())
    for start, length in _spans(pst, cipher):
        blob[start + length // 2] ^= 0x01
    pst.write_bytes(bytes(blob))
    ix._storage.chunk_cache.clear()
    ix.columns.reset()
    assert ix.damage() is None
    assert ix.search(f"{MARKER} 7").total == 0  # a search never raises; it finds nothing
    assert "failed authentication" in (ix.damage() or "") and ".pst" in (ix.damage() or "")
    ix.rebuild(_big_docs(60))  # what the owner does when told
    assert ix.damage() is None and "b7" in ids(ix.search(f'"{MARKER} titel 7"'))
    ix.close()


def test_only_a_bounded_cache_of_chunks_stays_in_ram(folder: Path, cipher: GcmCipher) -> None:
    ix = SearchIndex(folder, cipher)
    ix.rebuild(_big_docs(200))
    ix.update([doc("extra", f"{MARKER} extra")])
    storage = ix._storage
    storage.chunk_cache.limit = 8 * SMALL
    for i in range(0, 200, 7):
        assert f"b{i}" in ids(ix.search(f'"{MARKER} titel {i}"'))
    assert storage.list() and not storage._files  # nothing held whole: all on disk
    assert storage.chunk_cache.total <= 8 * SMALL
    assert files_holding(folder, MARKER) == []
    ix.close()


def test_an_index_reopens_and_updates_in_the_chunked_format(
    folder: Path, cipher: GcmCipher
) -> None:
    ix = SearchIndex(folder, cipher)
    ix.update(CORPUS, meta={"change_seq": 3})
    ix.update([doc("late", "Zedenpolitie later")], meta={"change_seq": 4})
    ix.close()
    assert all(p.read_bytes().startswith(chunked.MAGIC) for p in folder.iterdir())
    again = SearchIndex(folder, cipher)
    assert again.doc_count() == len(CORPUS) + 1 and again.meta() == {"change_seq": 4}
    assert ids(again.search("zedenpolitie")) == ["late"]
    again.optimize()
    assert "nl-camera" in ids(again.search("videokamera"))
    again.close()
