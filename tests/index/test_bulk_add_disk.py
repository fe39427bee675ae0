"""A bulk add seals each new segment's files to disk as it arrives (not in RAM until the commit).

Held in RAM until the commit, a 100k import's new segments were ~450 MB on top of the
analysis. Sealed at once, they are ciphertext on disk that no TOC names yet: a cancel
deletes them, and an open after a crash drops them.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from index import SearchIndex
from index.write import segments
from tests.index.conftest import CONFIG, GcmCipher, doc, files_holding

MARKER = "Schijfgeheim"
SEGMENT = 30


@pytest.fixture(autouse=True)
def small_segments(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(segments, "SEGMENT_DOCS", SEGMENT)


def _watched(ix: SearchIndex, count: int, seen: list[set[str]]) -> Iterator[dict[str, object]]:
    before = set(ix._storage.list())
    for i in range(count):
        if i == 3 * SEGMENT + 5:  # three segments built, a fourth under way
            seen.append(set(ix._storage.list()) - before)
            seen.append(set(ix._storage._files) - before)
        yield doc(f"b{i}", f"{MARKER} titel {i}", f"{MARKER} tekst {i}")


def test_new_segments_are_on_disk_sealed_before_the_commit(
    empty_index: SearchIndex, folder: Path
) -> None:
    seen: list[set[str]] = []
    assert empty_index.add_many(_watched(empty_index, 100, seen), total=100) == 100
    listed, in_ram = seen
    assert listed and not in_ram  # the three segments' files exist, none held in RAM
    assert all((folder / name).exists() for name in listed)
    assert files_holding(folder, MARKER) == []
    assert empty_index.search(MARKER).total == 100


def test_a_cancelled_bulk_add_leaves_no_sealed_file(empty_index: SearchIndex, folder: Path) -> None:
    before = sorted(p.name for p in folder.iterdir())
    calls = iter(range(10_000))
    docs = (doc(f"c{i}", f"{MARKER} {i}") for i in range(100))
    assert empty_index.add_many(docs, total=100, cancel=lambda: next(calls) > 70) is None
    assert sorted(p.name for p in folder.iterdir()) == before
    assert empty_index.search(MARKER).total == 0


def test_an_open_after_a_crash_drops_the_uncommitted_files(
    empty_index: SearchIndex, folder: Path, cipher: GcmCipher, tmp_path: Path
) -> None:
    kept = tmp_path / "kept"
    kept.mkdir()
    before = {p.name for p in folder.iterdir()}

    def crashing() -> Iterator[dict[str, object]]:
        for i in range(100):
            if i == 3 * SEGMENT + 5:  # what a kill now would leave on disk
                for path in folder.iterdir():
                    if path.name not in before and path.is_file():
                        shutil.copy2(path, kept / path.name)
                raise KeyboardInterrupt
            yield doc(f"k{i}", f"{MARKER} {i}")

    with pytest.raises(KeyboardInterrupt):
        empty_index.add_many(crashing(), total=100)
    empty_index.close()
    assert sorted(p.name for p in kept.iterdir())  # sealed segment files were there
    for path in kept.iterdir():  # a kill runs no error path: they stay
        shutil.copy2(path, folder / path.name)
    again = SearchIndex(folder, cipher, config=CONFIG)
    assert again.search(MARKER).total == 0
    assert {p.name for p in folder.iterdir()} == before
    again.close()
