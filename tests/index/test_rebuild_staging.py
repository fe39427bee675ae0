"""A rebuild seals finished segments to <index>/.rebuild/: cancel, failure and crash.

Real encrypted storage throughout; small chunks so a few hundred documents
make several sealed segments.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from whoosh.index import FileIndex

from index import IndexCorrupt, SearchIndex
from index.storage import MAGIC, STAGE_DIR
from index.storage.layout import INDEXNAME, SCHEMA
from index.write import rebuild, segments
from tests.index.conftest import CONFIG, CORPUS, GcmCipher, doc, files_holding, ids

MARKER = "Staginggeheim"
CHUNK = 40  # progress comes every 100 documents: 2 sealed segments by then


@pytest.fixture(autouse=True)
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(segments, "SEGMENT_DOCS", CHUNK)
    monkeypatch.setattr(rebuild, "REBUILD_SEGMENT_DOCS", CHUNK)


def _docs(count: int) -> Iterator[dict[str, object]]:
    for i in range(count):
        yield doc(f"s{i}", f"{MARKER} titel {i}", f"{MARKER} tekst nummer {i}")


def _listing(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def _segments(ix: SearchIndex) -> int:
    return len(FileIndex(ix._storage, schema=SCHEMA, indexname=INDEXNAME)._segments())


def test_finished_segments_are_sealed_on_disk_and_swapped_in(
    ix: SearchIndex, folder: Path, cipher: GcmCipher
) -> None:
    seen: list[list[str]] = []

    def watch(done: int, total: int) -> None:
        if done == 100:  # two segments committed, a third being built
            stage = folder / STAGE_DIR
            seen.append(sorted(p.name for p in stage.iterdir()))
            assert all(p.read_bytes().startswith(MAGIC) for p in stage.iterdir())
            assert files_holding(folder, MARKER) == []  # sealed, never in clear

    assert ix.rebuild(_docs(4 * CHUNK + 30), progress=watch, meta={"v": 2})
    # the segments' files, with each segment's sidecar and word lists (EHCOL_, EHTRM_)
    names = [n.removeprefix("EHCOL_").removeprefix("EHTRM_") for n in seen[0]] if seen else []
    assert names and all(name.startswith(INDEXNAME + "_") for name in names)
    assert not (folder / STAGE_DIR).exists()
    assert files_holding(folder, MARKER) == []
    assert ix.doc_count() == 4 * CHUNK + 30 and _segments(ix) == 5
    assert ix.search(f"{MARKER} 7").total >= 1 and ix.search("videokamera").total == 0
    ix.close()
    again = SearchIndex(folder, cipher)
    assert again.doc_count() == 4 * CHUNK + 30 and again.meta() == {"v": 2}
    assert "s123" in ids(again.search(f'"{MARKER} titel 123"'))
    again.close()


def test_a_cancel_after_sealed_segments_leaves_the_old_index_and_no_files(
    ix: SearchIndex, folder: Path
) -> None:
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    calls = iter(range(10_000))
    cancelled = ix.rebuild(_docs(500), cancel=lambda: next(calls) >= 3 * CHUNK + 10)
    assert cancelled is False
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    assert ix.doc_count() == len(CORPUS) and ix.meta() == {"change_seq": 1}
    assert "nl-camera" in ids(ix.search("videokamera")) and ix.search(MARKER).total == 0


def test_a_failing_source_after_sealed_segments_leaves_no_files(
    ix: SearchIndex, folder: Path
) -> None:
    before = _listing(folder)

    def broken() -> Iterator[dict[str, object]]:
        yield from _docs(2 * CHUNK + 5)
        raise RuntimeError("database went away")

    with pytest.raises(RuntimeError):
        ix.rebuild(broken())
    assert _listing(folder) == before
    assert ix.doc_count() == len(CORPUS)


def test_a_damaged_sealed_segment_fails_the_swap_before_the_toc(
    ix: SearchIndex, folder: Path, cipher: GcmCipher
) -> None:
    before = _listing(folder)

    def damage(done: int, total: int) -> None:
        # the last progress call comes after the last commit, just before the swap
        if done == total:
            sealed = sorted((folder / STAGE_DIR).iterdir())[0]
            data = bytearray(sealed.read_bytes())
            data[-1] ^= 1
            sealed.write_bytes(bytes(data))

    with pytest.raises(IndexCorrupt):
        ix.rebuild(_docs(3 * CHUNK + 1), total=3 * CHUNK + 1, progress=damage)
    assert _listing(folder) == before
    assert ix.doc_count() == len(CORPUS) and ix.search(MARKER).total == 0
    ix.update([doc("na", "Na de fout")])  # the live index still commits normally
    ix.close()
    again = SearchIndex(folder, cipher)
    assert again.doc_count() == len(CORPUS) + 1 and again.meta() == {"change_seq": 1}
    again.close()


def test_what_a_crash_leaves_is_dropped_on_the_next_open(
    ix: SearchIndex, folder: Path, cipher: GcmCipher
) -> None:
    # a rebuild that died with segments sealed: the stage folder stays behind
    staging = rebuild.stage(folder, cipher)
    built = rebuild.build(
        staging,
        99,
        _docs(2 * CHUNK + 5),
        total=0,
        progress=None,
        cancel=None,
        meta={},
        limitmb=1,
        config=CONFIG,
    )
    assert built == 2 * CHUNK + 5
    assert staging.sealed and (folder / STAGE_DIR).is_dir()
    # ... and one that died while moving them in, before its TOC
    moved = next(iter(staging.sealed))
    staging.sealed.pop(moved).rename(folder / moved)
    ix.close()

    again = SearchIndex(folder, cipher)
    assert not (folder / STAGE_DIR).exists()
    assert not (folder / moved).exists()  # unreferenced by the TOC: tidied away
    assert again.doc_count() == len(CORPUS) and again.meta() == {"change_seq": 1}
    assert again.search(MARKER).total == 0 and "nl-camera" in ids(again.search("videokamera"))
    assert files_holding(folder, MARKER) == []
    again.close()


def test_a_rebuild_keeps_smaller_posting_caches_while_it_runs(ix: SearchIndex) -> None:
    from index.engine import segcache

    ix.search("videokamera OR kinderen")  # decoded postings in the cache
    budgets: list[tuple[int, int]] = []

    def during(done: int, total: int) -> None:
        budgets.append((ix.columns._postings.limit, ix.columns._recent.limit))
        assert ix.search("videokamera").total >= 1  # still answering

    assert ix.rebuild(CORPUS, progress=during)
    assert set(budgets) == {(segcache.LEAN_SEGMENT_BYTES, segcache.LEAN_RECENT_BYTES)}
    assert (ix.columns._postings.limit, ix.columns._recent.limit) == (
        segcache.SEGMENT_BYTES,
        segcache.RECENT_BYTES,
    )
