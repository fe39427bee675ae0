"""Per-segment sidecars (index.sidecar): sealed, reused, recomputed, pruned."""

from __future__ import annotations

from pathlib import Path

import pytest

from index import IndexCorrupt, SearchIndex
from index.storage import seal_to_path
from index.storage.sidecar import PREFIX, decode, encode
from tests.index.conftest import CORPUS, SYNONYMS, GcmCipher, doc, files_holding


def _sidecars(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.name.startswith(PREFIX))


def _vocabularies(ix: SearchIndex, folder: Path) -> list[bytes]:
    found = []
    for path in _sidecars(folder):
        data = decode(ix._storage.read_bytes(path.name))
        assert data is not None
        found.append(bytes(data["vocab"]))
    return found


def _facets(ix: SearchIndex) -> dict[str, list[tuple[str, int]]]:
    return ix.search("kinderen OR grooming OR chat").facets


def test_sidecars_are_sealed_and_reused_on_open(folder: Path, cipher: GcmCipher) -> None:
    ix = SearchIndex(folder, cipher, synonyms=SYNONYMS)
    ix.update(CORPUS)
    expected = _facets(ix)
    ix.close()
    sidecars = _sidecars(folder)
    assert sidecars, "a committed segment gets its sidecar"
    assert not files_holding(folder, "grooming"), "sidecars hold index terms: sealed too"
    stamps = {p: p.stat().st_mtime_ns for p in sidecars}
    reopened = SearchIndex(folder, cipher, synonyms=SYNONYMS)
    assert _facets(reopened) == expected
    assert {p: p.stat().st_mtime_ns for p in _sidecars(folder)} == stamps  # read, not rewritten
    reopened.close()


def test_an_unreadable_sidecar_is_recomputed(folder: Path, cipher: GcmCipher) -> None:
    ix = SearchIndex(folder, cipher, synonyms=SYNONYMS)
    ix.update(CORPUS)
    expected = _facets(ix)
    ix.close()
    target = _sidecars(folder)[0]
    # authentic (our key) but not a sidecar: e.g. written by a future version
    seal_to_path(target, target.name, b"not an npz archive", cipher)
    reopened = SearchIndex(folder, cipher, synonyms=SYNONYMS)
    assert _facets(reopened) == expected
    assert decode(reopened._storage.read_bytes(target.name)) is not None  # replaced
    reopened.close()


def test_a_tampered_sidecar_is_refused_like_any_index_file(folder: Path, cipher: GcmCipher) -> None:
    ix = SearchIndex(folder, cipher)
    ix.update(CORPUS)
    ix.close()
    target = _sidecars(folder)[0]
    blob = bytearray(target.read_bytes())
    blob[-1] ^= 0x01
    target.write_bytes(bytes(blob))
    with pytest.raises(IndexCorrupt):
        SearchIndex(folder, cipher)


def test_sidecars_follow_merges_and_deletions(folder: Path, cipher: GcmCipher) -> None:
    ix = SearchIndex(folder, cipher, synonyms=SYNONYMS)
    for record in CORPUS:  # one segment per commit
        ix.update([record])
    assert len(_sidecars(folder)) > 1
    ix.optimize()
    assert len(_sidecars(folder)) == 1, "a merged-away segment's sidecar is deleted"
    ix.update([doc("zeldzaam-1", "Werkbezoek Zeldzaamheid", "uniekwoordxyz")])
    assert any(b"uniekwoordxyz" in vocab for vocab in _vocabularies(ix, folder))
    ix.update(delete_ids=["zeldzaam-1"])  # purges: the word leaves the vocabulary
    assert not any(b"uniekwoordxyz" in vocab for vocab in _vocabularies(ix, folder))
    ix.close()


def test_encode_decode_round_trip_refuses_other_versions() -> None:
    import numpy as np

    data = {"version": np.array([1], dtype=np.int64), "updated": np.arange(3, dtype=np.int64)}
    back = decode(encode(data))
    assert back is not None and back["updated"].tolist() == [0, 1, 2]
    data["version"] = np.array([99], dtype=np.int64)
    assert decode(encode(data)) is None
    assert decode(b"PK\x03\x04 truncated") is None
